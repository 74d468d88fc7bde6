import { HttpErrorResponse } from '@angular/common/http';
import type { AbstractControl, FormGroup } from '@angular/forms';
import type { ProblemDetails } from '@insight/contracts';
import { english, type Translate } from '../i18n/translate';

/** The RFC 9457 body of a failed API call, when the API sent one. */
export function problemOf(error: unknown): ProblemDetails | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body: unknown = error.error;
  if (typeof body === 'object' && body !== null && 'title' in body && 'status' in body) {
    return body as ProblemDetails;
  }
  return null;
}

let activeTranslate: Translate = english;

/**
 * The translator the wording below uses by default (the app sets Transloco's at start-up, see
 * provideI18n), so the many call sites need not pass one. The API's own problem text stays as sent.
 */
export function useProblemTranslator(t: Translate): void {
  activeTranslate = t;
}

/** One sentence for a failed call: the API's own words when it sent a problem, else what went wrong. */
export function describeError(error: unknown, action?: string, t: Translate = activeTranslate): string {
  action ??= t('errors.generic');
  const problem = problemOf(error);
  if (problem) {
    const fields = Object.entries(problem.errors ?? {}).map(
      ([field, reasons]) => `${field} ${reasons.join(', ')}`,
    );
    // With field errors, they say more than the generic detail ("see errors").
    const detail = fields.length ? fields.join('; ') : (problem.detail ?? `${problem.title}.`);
    return t('errors.withDetail', { action, detail });
  }
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return t('errors.unreachable', { action });
    const status = `${error.status}${error.statusText ? ` ${error.statusText}` : ''}`;
    return t('errors.answered', { action, status });
  }
  return t('errors.plain', { action });
}

/**
 * Puts a problem's field errors on the matching controls (as `{ server: reason }`), so each
 * shows next to its field. Returns what is left to show as a general message, or null.
 */
export function applyProblem(
  form: FormGroup,
  error: unknown,
  action: string,
  t: Translate = activeTranslate,
): string | null {
  const problem = problemOf(error);
  const unplaced: string[] = [];
  for (const [field, reasons] of Object.entries(problem?.errors ?? {})) {
    // `tags[2]` or `tags.2` belongs to the `tags` control.
    const control: AbstractControl | null = form.get(field.split(/[.[]/)[0]);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: reasons.join(', ') });
      control.markAsTouched();
    } else {
      unplaced.push(`${field} ${reasons.join(', ')}`);
    }
  }
  if (problem?.errors && Object.keys(problem.errors).length > 0 && unplaced.length === 0) return null;
  return unplaced.length
    ? t('errors.withDetail', { action, detail: unplaced.join('; ') })
    : describeError(error, action, t);
}
