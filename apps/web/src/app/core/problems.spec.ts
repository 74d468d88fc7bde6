import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup } from '@angular/forms';
import pt from '../i18n/pt';
import { translatorFor } from '../i18n/translate';
import { applyProblem, describeError, useProblemTranslator } from './problems';

function problem(body: object, status = 400): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: { type: 'about:blank', status, ...body } });
}

describe('problem+json helpers', () => {
  it('puts field errors next to their fields and leaves nothing else to say', () => {
    const form = new FormGroup({ title: new FormControl(''), tags: new FormControl<string[]>([]) });
    const left = applyProblem(
      form,
      problem({
        title: 'Bad Request',
        detail: 'see errors',
        errors: { title: ['must not be empty'], 'tags[1]': ['is too long'] },
      }),
      'Not saved',
    );

    expect(left).toBeNull();
    expect(form.controls.title.getError('server')).toBe('must not be empty');
    expect(form.controls.tags.getError('server')).toBe('is too long');
  });

  it('says in words what no field shows', () => {
    const form = new FormGroup({ title: new FormControl('') });

    expect(
      applyProblem(
        form,
        problem({ title: 'Bad Request', errors: { file: ['must be a .jsonl export'] } }),
        'Not imported',
      ),
    ).toBe('Not imported: file must be a .jsonl export');
    expect(
      describeError(
        problem({ title: 'Conflict', detail: 'You already have a category of that name.' }, 409),
        'Not created',
      ),
    ).toBe('Not created: You already have a category of that name.');
    expect(describeError(new HttpErrorResponse({ status: 0 }), 'Not saved')).toContain(
      'could not be reached',
    );
  });

  it('words its own part in the active language, keeping the API detail as sent', () => {
    useProblemTranslator(translatorFor(pt));
    try {
      expect(describeError(new HttpErrorResponse({ status: 0 }), 'Não guardada')).toBe(
        'Não guardada: não foi possível contactar o servidor. Verifique a ligação e tente de novo.',
      );
      expect(describeError(new HttpErrorResponse({ status: 502, statusText: 'Bad Gateway' }))).toBe(
        'Isso não funcionou: o servidor respondeu 502 Bad Gateway.',
      );
      expect(
        describeError(problem({ title: 'Conflict', detail: 'Already linked.' }, 409), 'Não ligada'),
      ).toBe('Não ligada: Already linked.');
    } finally {
      useProblemTranslator(translatorFor({}));
    }
  });
});
