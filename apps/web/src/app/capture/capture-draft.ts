import { DOCUMENT, inject, Injectable } from '@angular/core';
import { EMPTY_DRAFT, type InsightDraft } from '../insight/insight-form';

export const DRAFT_STORAGE_KEY = 'insight-tracker.capture-draft';

/** The capture dialog's unsaved text, kept on this device until it is saved. */
@Injectable({ providedIn: 'root' })
export class CaptureDraft {
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;

  read(): InsightDraft | null {
    try {
      const raw = this.storage?.getItem(DRAFT_STORAGE_KEY);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<InsightDraft>;
      const draft: InsightDraft = {
        title: typeof parsed.title === 'string' ? parsed.title : '',
        content: typeof parsed.content === 'string' ? parsed.content : '',
        tags: Array.isArray(parsed.tags) ? parsed.tags.filter((t): t is string => typeof t === 'string') : [],
        categoryId: typeof parsed.categoryId === 'string' ? parsed.categoryId : null,
        favorite: parsed.favorite === true,
      };
      return isEmpty(draft) ? null : draft;
    } catch {
      return null;
    }
  }

  /** Returns false when the device would not keep it (storage full or disabled). */
  write(draft: InsightDraft): boolean {
    try {
      if (isEmpty(draft)) this.storage?.removeItem(DRAFT_STORAGE_KEY);
      else this.storage?.setItem(DRAFT_STORAGE_KEY, JSON.stringify(draft));
      return this.storage !== undefined;
    } catch {
      return false;
    }
  }

  clear(): void {
    try {
      this.storage?.removeItem(DRAFT_STORAGE_KEY);
    } catch {
      // nothing kept, nothing to clear
    }
  }
}

function isEmpty(draft: InsightDraft): boolean {
  return (
    !draft.title.trim() &&
    !draft.content.trim() &&
    draft.tags.length === 0 &&
    draft.categoryId === EMPTY_DRAFT.categoryId &&
    !draft.favorite
  );
}
