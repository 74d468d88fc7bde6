/** A tag of the caller's insights with how many (not trashed) insights carry it. */
export interface TagCount {
  name: string;
  count: number;
}

/** `PATCH /api/v1/tags/:name`: the new name; an existing tag of that name absorbs this one. */
export interface RenameTagRequest {
  name: string;
}

/** What a rename did. */
export interface TagRenameResult {
  from: string;
  to: string;
  /** True when `to` already existed, so the two tags became one. */
  merged: boolean;
  /** How many insights carried `from` (including those in the trash). */
  insightsChanged: number;
}

/** What a tag deletion did. */
export interface TagDeleteResult {
  name: string;
  /** How many insights lost the tag (including those in the trash). */
  insightsChanged: number;
}
