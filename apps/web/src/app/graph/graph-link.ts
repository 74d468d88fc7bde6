import { HttpErrorResponse, HttpStatusCode } from '@angular/common/http';
import { describeError, problemOf } from '../core/problems';
import type { Translate } from '../i18n/translate';

/** An insight picked in the explorer (its id and title). */
export interface PickedNode {
  id: string;
  label: string;
}

/** Linking in the explorer: the first insight picked is the source, the next the target. */
export interface LinkDraft {
  source: PickedNode | null;
  target: PickedNode | null;
}

/**
 * The draft after picking `node` (by click or from the find box): it fills the source, then
 * the target; once both are set a new pick replaces the target, so a wrong choice is one click
 * to fix.
 */
export function pickNode(draft: LinkDraft, node: PickedNode): LinkDraft {
  if (!draft.source) return { source: node, target: null };
  return { source: draft.source, target: node };
}

/**
 * What to say when the API refuses the link: its two expected refusals in the reader's own words
 * (a 409 duplicate, a 400 self-loop on `targetId`), anything else as the API said it.
 */
export function linkFailure(error: unknown, t: Translate): string {
  const action = t('graph.linkFailed');
  if (error instanceof HttpErrorResponse) {
    if (error.status === HttpStatusCode.Conflict)
      return t('errors.withDetail', { action, detail: t('graph.duplicate') });
    const problem = problemOf(error);
    if (error.status === HttpStatusCode.BadRequest && problem?.errors?.['targetId']) {
      return t('errors.withDetail', { action, detail: t('graph.selfLoop') });
    }
  }
  return describeError(error, action, t);
}
