import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { DashboardStats } from '@insight/contracts';
import { getAllByRole, getByRole, queryByRole } from '../../testing/by-role';
import { provideI18n } from '../i18n/i18n';
import { DashboardPage } from './dashboard-page';

const stats: DashboardStats = {
  generatedAt: new Date().toISOString(),
  totals: { insights: 1, trashed: 0, favorites: 0, relationships: 2 },
  insightsPerWeek: [{ weekStart: '2026-11-23T00:00:00.000Z', count: 1 }],
  byCategory: [{ categoryId: null, name: null, count: 1 }],
  topTags: [],
  topKeywords: [{ key: 'sleep', count: 1 }],
  relationshipTypes: [],
  processingStatus: { pending: 0, processed: 1, failed: 0 },
};

describe('DashboardPage', () => {
  let fixture: ComponentFixture<DashboardPage>;
  let page: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    // jsdom has no canvas; the charts' tables are what these tests read.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    TestBed.configureTestingModule({
      imports: [DashboardPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideI18n('en')],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DashboardPage);
    page = fixture.nativeElement;
    await settle();
  });

  /** The page awaits its calls: let those promises resolve, then render. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  afterEach(() => {
    http.verify();
    jest.restoreAllMocks();
  });

  it('shows the totals and one figure per chart, each with a table of its figures', async () => {
    expect(getByRole(page, 'progressbar', { name: 'Loading the statistics' })).toBeTruthy();
    http.expectOne('/api/v1/stats').flush(stats);
    await settle();

    const totals = getByRole(page, 'list', { name: 'Totals' });
    expect(getAllByRole(totals, 'listitem').map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual(
      ['1 insight', '2 relationships', '0 favourites', '0 in the trash'],
    );
    const figures = Array.from(page.querySelectorAll<HTMLElement>('figure'));
    expect(figures.map((f) => f.querySelector('figcaption')?.textContent)).toEqual([
      'Insights per week',
      'Insights by category',
      'Top tags',
      'Top keywords',
      'Relationships by type',
      'Processing status',
    ]);
    const keywords = figures[3];
    expect(
      getByRole(keywords, 'img', { name: 'Bar chart: Top keywords. The table of figures follows.' }),
    ).toBeTruthy();
    const rows = Array.from(keywords.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.children)
        .map((cell) => cell.textContent?.trim())
        .join(' '),
    );
    expect(rows).toEqual(['sleep 1']);
    // An empty chart says so, and draws nothing.
    expect(figures[2].textContent).toContain('Nothing to show yet.');
    expect(queryByRole(figures[2], 'img')).toBeNull();
  });

  it('shows and hides a chart’s table on request', async () => {
    http.expectOne('/api/v1/stats').flush(stats);
    await settle();
    const figure = page.querySelectorAll<HTMLElement>('figure')[1];
    const table = figure.querySelector('table') as HTMLTableElement;
    const toggle = getByRole(figure, 'button', { name: 'Show the table Insights by category' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(table.classList).toContain('visually-hidden');
    toggle.click();
    await settle();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(table.classList).not.toContain('visually-hidden');
    expect(toggle.textContent).toContain('Hide the table');
  });

  it('shows the API problem when the statistics cannot load', async () => {
    http
      .expectOne('/api/v1/stats')
      .flush(
        { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Sign in first.' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await settle();
    expect(getByRole(page, 'alert').textContent).toContain('Could not load the statistics: Sign in first.');
    getByRole(page, 'button', { name: 'Try again' }).click();
    http.expectOne('/api/v1/stats').flush(stats);
    await settle();
    expect(queryByRole(page, 'alert')).toBeNull();
  });
});
