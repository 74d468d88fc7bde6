import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import {
  CATEGORY_COLOUR_PATTERN,
  CATEGORY_ICON_PATTERN,
  CATEGORY_LIMITS,
  type CreateCategoryRequest,
} from '@insight/contracts';
import { trimmed } from '../common/validation';

export class CreateCategoryRequestDto implements CreateCategoryRequest {
  /** 1–50 characters; unique among your categories regardless of case. */
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(CATEGORY_LIMITS.nameMaxLength)
  name!: string;

  /** `#rrggbb`, e.g. `#2563eb`. */
  @IsString()
  @Matches(CATEGORY_COLOUR_PATTERN, { message: 'colour must be a hex colour like #2563eb' })
  colour!: string;

  /** A Material Symbols icon name, e.g. `lightbulb`. */
  @IsString()
  @Matches(CATEGORY_ICON_PATTERN, { message: 'icon must be an icon name (a-z, 0-9, _ and -)' })
  icon!: string;
}
