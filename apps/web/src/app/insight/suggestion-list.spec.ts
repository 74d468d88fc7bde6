import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSelect } from '@angular/material/select';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { Subject } from 'rxjs';
import type { Page, RelationshipSuggestion, UserEvent } from '@insight/contracts';
import { getByRole } from '../../testing/by-role';
import { LiveEvents } from '../core/live-events';
import { provideI18n } from '../i18n/i18n';
import { SuggestionList } from './suggestion-list';

function suggestion(id: string, title: string): RelationshipSuggestion {
  return {
    id,
    insightId: 'c',
    relatedInsight: { id: `${id}-other`, title },
    type: 'related',
    score: 0.6,
    reasons: ['both tagged *caffeine*'],
    status: 'open',
    createdAt: '2026-11-30T09:00:00.000Z',
  };
}

describe('SuggestionList', () => {
  let fixture: ComponentFixture<SuggestionList>;
  let http: HttpTestingController;
  const live = new Subject<UserEvent>();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SuggestionList],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideI18n('en'),
        { provide: LiveEvents, useValue: { events$: live.asObservable() } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SuggestionList);
    fixture.componentRef.setInput('insightId', 'c');
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  async function answerList(items: RelationshipSuggestion[]): Promise<void> {
    const page: Page<RelationshipSuggestion> = { items, nextCursor: null };
    http.expectOne((req) => req.url === '/api/v1/insights/c/suggestions').flush(page);
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    await fixture.whenStable();
  }

  it('accepts as the type the user chose, read from this insight (a live reload keeps the choice)', async () => {
    await answerList([suggestion('s1', 'Deep work needs long blocks')]);
    const select = fixture.debugElement.query(By.directive(MatSelect)).componentInstance as MatSelect;
    select.selectionChange.emit({ value: 'extends', source: select });

    live.next({ type: 'suggestions.created', insightId: 'c', count: 1, at: '2026-11-30T09:01:00.000Z' });
    await answerList([suggestion('s1', 'Deep work needs long blocks'), suggestion('s2', 'Photosynthesis')]);

    (
      getByRole(fixture.nativeElement, 'button', {
        name: /Accept Deep work needs long blocks/,
      }) as HTMLElement
    ).click();
    const accept = http.expectOne('/api/v1/suggestions/s1/accept');
    expect(accept.request.body).toEqual({ type: 'extends', insightId: 'c' });
    accept.flush({});
  });

  it('names each type select after the suggested insight', async () => {
    await answerList([suggestion('s1', 'Deep work needs long blocks'), suggestion('s2', 'Photosynthesis')]);
    // The select's input, not a bare attribute: Material otherwise names the select by its value.
    const select = getByRole(fixture.nativeElement, 'combobox', {
      name: 'Link type for Photosynthesis',
    });
    expect(select.getAttribute('aria-labelledby')).toBeNull();
  });
});
