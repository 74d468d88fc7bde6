import { FormControl, FormGroup, Validators } from '@angular/forms';
import {
  type Category,
  CATEGORY_COLOUR_PATTERN,
  CATEGORY_ICON_PATTERN,
  CATEGORY_LIMITS,
  type CreateCategoryRequest,
} from '@insight/contracts';

export type CategoryForm = FormGroup<{
  name: FormControl<string>;
  colour: FormControl<string>;
  icon: FormControl<string>;
}>;

export function createCategoryForm(category?: Category): CategoryForm {
  return new FormGroup({
    name: new FormControl(category?.name ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(CATEGORY_LIMITS.nameMaxLength)],
    }),
    colour: new FormControl(category?.colour ?? '#2563eb', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(CATEGORY_COLOUR_PATTERN)],
    }),
    icon: new FormControl(category?.icon ?? 'label', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(CATEGORY_ICON_PATTERN)],
    }),
  });
}

export function categoryRequest(form: CategoryForm): CreateCategoryRequest {
  const { name, colour, icon } = form.getRawValue();
  return { name: name.trim(), colour: colour.toLowerCase(), icon: icon.trim() };
}
