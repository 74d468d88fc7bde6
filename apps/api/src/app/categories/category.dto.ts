import type { Category } from '@insight/contracts';

export class CategoryDto implements Category {
  id!: string;
  /** Unique per user, compared case-insensitively. */
  name!: string;
  /** `#rrggbb`. */
  colour!: string;
  /** A Material Symbols icon name. */
  icon!: string;
  /** ISO 8601 date-time. */
  createdAt!: string;
  /** ISO 8601 date-time. */
  updatedAt!: string;
}
