import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Digest, Insight, Page, ReviewQueue, ReviewState } from '@insight/contracts';
import { getByRole, queryByRole } from '../../testing/by-role';
import { provideI18n } from '../i18n/i18n';
import { ReviewPage } from './review-page';
import { gradeForKey } from './review.store';

function insight(id: string, title: string, createdAt = '2025-11-30T09:00:00.000Z'): Insight {
  return {
    id,
    title,
    content: `Some **${title}** text`,
    tags: ['focus'],
    categoryId: null,
    favorite: false,
    status: 'processed',
    version: 1,
    createdAt,
    updatedAt: createdAt,
  } as unknown as Insight;
}

function state(insightId: string, dueAt: string): ReviewState {
  return {
    insightId,
    dueAt,
    intervalDays: 3,
    stability: 3,
    difficulty: 5,
    reps: 1,
    lapses: 0,
    lastReviewedAt: null,
    optedOut: false,
  };
}

const queue: ReviewQueue = {
  due: [
    { insight: insight('a', 'First due'), review: state('a', '2026-11-29T00:00:00.000Z') },
    { insight: insight('b', 'Second due'), review: state('b', '2026-11-29T00:00:00.000Z') },
  ],
  onThisDay: [{ insight: insight('c', 'A year back'), yearsAgo: 1 }],
};

const digest: Digest = {
  id: 'd1',
  periodStart: '2026-11-16T00:00:00.000Z',
  periodEnd: '2026-11-23T00:00:00.000Z',
  createdAt: '2026-11-23T06:00:00.000Z',
  counts: { newInsights: 4, newRelationships: 1, dueForReview: 2 },
  topKeywords: [{ key: 'sleep', count: 3 }],
  strongestLinks: [
    {
      relationshipId: 'r1',
      type: 'supports',
      strength: 0.8,
      source: { id: 's', title: 'Sleep matters' },
      target: { id: 't', title: 'Naps help' },
    },
  ],
  due: [],
};

describe('gradeForKey', () => {
  it('maps 1–4 to the grades in button order and nothing else', () => {
    expect(['1', '2', '3', '4'].map(gradeForKey)).toEqual(['again', 'hard', 'good', 'easy']);
    expect(gradeForKey('5')).toBeNull();
    expect(gradeForKey('g')).toBeNull();
  });
});

describe('ReviewPage', () => {
  let fixture: ComponentFixture<ReviewPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ReviewPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideI18n('en')],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ReviewPage);
    page = fixture.nativeElement;
    await settle();
  });

  /** The page awaits its calls: let those promises resolve, then render. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  async function answer(
    review: ReviewQueue | null,
    latest: Page<Digest> | null = { items: [], nextCursor: null },
  ) {
    const q = http.expectOne('/api/v1/review');
    if (review) q.flush(review);
    else
      q.flush(
        { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'The database is down.' },
        {
          status: 503,
          statusText: 'Service Unavailable',
          headers: { 'content-type': 'application/problem+json' },
        },
      );
    const d = http.expectOne((req) => req.url === '/api/v1/digests');
    expect(d.request.params.get('limit')).toBe('1');
    if (latest) d.flush(latest);
    await settle();
  }

  function text(): string {
    return (page.textContent ?? '').replace(/\s+/g, ' ');
  }

  it('shows the first due insight with its grade buttons, "on this day" and the digest', async () => {
    await answer(queue, { items: [digest], nextCursor: null });
    expect(getByRole(page, 'heading', { level: 3, name: 'First due' })).toBeTruthy();
    expect(page.querySelector('.markdown strong')?.textContent).toBe('First due');
    expect(text()).toContain('2 insights left to review.');
    const group = getByRole(page, 'group', { name: 'How well did you remember it?' });
    expect(
      Array.from(group.querySelectorAll('button')).map((b) => b.getAttribute('aria-keyshortcuts')),
    ).toEqual(['1', '2', '3', '4']);
    expect(getByRole(page, 'link', { name: 'A year back' })).toBeTruthy();
    expect(text()).toContain('1 year ago');
    expect(text()).toContain('Nov 16, 2026 to Nov 22, 2026');
    expect(text()).toContain('4 new insights');
    expect(text()).toContain('1 new link');
    const link = getByRole(page, 'link', { name: 'Sleep matters' }).closest('li');
    expect(link?.textContent).toContain('Supports');
  });

  it('grades with the key 3, says when it comes back, and moves to the next one', async () => {
    await answer(queue);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '3', bubbles: true }));
    const post = http.expectOne('/api/v1/review/a');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ grade: 'good' });
    post.flush({ ...state('a', '2026-12-03T10:00:00.000Z'), reps: 2 });
    await settle();

    expect(getByRole(page, 'heading', { level: 3, name: 'Second due' })).toBeTruthy();
    expect(getByRole(page, 'status').textContent).toContain(
      '“First due” comes back on Thursday, December 3, 2026',
    );
    expect(text()).toContain('1 insight left to review.');
  });

  it('ignores number keys typed with a modifier', async () => {
    await answer(queue);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '1', ctrlKey: true, bubbles: true }));
    http.expectNone('/api/v1/review/a');
  });

  it('keeps the item when grading fails and shows the API problem', async () => {
    await answer(queue);
    getByRole(page, 'button', { name: /Easy/ }).click();
    http
      .expectOne('/api/v1/review/a')
      .flush(
        { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down.' },
        { status: 429, statusText: 'Too Many Requests' },
      );
    await settle();
    expect(getByRole(page, 'alert').textContent).toContain('Could not record the grade: Slow down.');
    expect(getByRole(page, 'heading', { level: 3, name: 'First due' })).toBeTruthy();
  });

  it('says when nothing is due, and when the digest has not been made yet', async () => {
    await answer({ due: [], onThisDay: [] });
    expect(getByRole(page, 'heading', { level: 3, name: 'Nothing due today' })).toBeTruthy();
    expect(queryByRole(page, 'group', { name: 'How well did you remember it?' })).toBeNull();
    expect(text()).toContain('Nothing written on this day in earlier years.');
    expect(text()).toContain('No weekly digest yet');
  });

  it('shows the problem when the queue cannot load, and loads again on request', async () => {
    await answer(null);
    expect(getByRole(page, 'alert').textContent).toContain(
      'Could not load what is due: The database is down.',
    );
    getByRole(page, 'button', { name: 'Try again' }).click();
    http.expectOne('/api/v1/review').flush({ due: [], onThisDay: [] });
    await settle();
    expect(queryByRole(page, 'alert')).toBeNull();
    expect(getByRole(page, 'heading', { level: 3, name: 'Nothing due today' })).toBeTruthy();
  });
});
