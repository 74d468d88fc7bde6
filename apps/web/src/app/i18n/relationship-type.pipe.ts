import { Pipe, type PipeTransform } from '@angular/core';
import { relationshipTypeLabel } from '../insight/relationship-groups';
import { LanguageAwarePipe } from './dates';

/** `{{ info.type | relationshipType: info.label }}`: the type's name in the active language, else the API's label. */
@Pipe({ name: 'relationshipType', pure: false })
export class RelationshipTypePipe extends LanguageAwarePipe implements PipeTransform {
  transform(type: string, fallback: string = type): string {
    return this.memo(`${type}|${fallback}`, () =>
      relationshipTypeLabel(type, fallback, (key, params) => this.transloco.translate(key, params)),
    );
  }
}
