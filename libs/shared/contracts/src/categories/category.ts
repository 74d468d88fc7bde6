/** Limits shared by the client's forms and the server's validation. */
export const CATEGORY_LIMITS = {
  nameMaxLength: 50,
  iconMaxLength: 64,
} as const;

/** `#rrggbb`, e.g. `#2563eb`. */
export const CATEGORY_COLOUR_PATTERN = /^#[0-9a-fA-F]{6}$/;

/** A Material Symbols name, e.g. `lightbulb` or `task_alt`. */
export const CATEGORY_ICON_PATTERN = /^[a-z0-9_-]{1,64}$/;

/** One of the caller's categories (`/api/v1/categories`). */
export interface Category {
  id: string;
  /** Unique per user, compared case-insensitively. */
  name: string;
  /** `#rrggbb`. */
  colour: string;
  /** A Material Symbols icon name. */
  icon: string;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/v1/categories`. */
export interface CreateCategoryRequest {
  name: string;
  colour: string;
  icon: string;
}

/** `PATCH /api/v1/categories/:id`: any subset of the fields. */
export type UpdateCategoryRequest = Partial<CreateCategoryRequest>;
