import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { HealthReport } from '@insight/contracts';
import { LanguageService, provideI18n } from '../i18n/i18n';
import { getAllByRole, getByRole, queryByRole } from '../../testing/by-role';
import { READINESS_TIMEOUT_MS, READINESS_URL } from './api-status.service';
import { StatusPage } from './status-page';

const allUp: HealthReport = {
  status: 'ok',
  info: { mongo: { status: 'up' }, neo4j: { status: 'up' }, redis: { status: 'up' } },
  error: {},
  details: { mongo: { status: 'up' }, neo4j: { status: 'up' }, redis: { status: 'up' } },
};

const redisDown: HealthReport = {
  status: 'error',
  info: { mongo: { status: 'up' }, neo4j: { status: 'up' } },
  error: { redis: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:6379' } },
  details: {
    mongo: { status: 'up' },
    neo4j: { status: 'up' },
    redis: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:6379' },
  },
};

describe('StatusPage', () => {
  let fixture: ComponentFixture<StatusPage>;
  let page: HTMLElement;
  let httpTesting: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [StatusPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideI18n('en')],
    });
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(StatusPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => {
    httpTesting.verify();
    jest.useRealTimers();
  });

  /** Each dependency row's visible text, whitespace-normalised, e.g. "MongoDB Up". */
  function dependencyRows(): string[] {
    const list = getByRole(page, 'list', { name: 'Dependencies' });
    return getAllByRole(list, 'listitem').map((item) => (item.textContent ?? '').replace(/\s+/g, ' ').trim());
  }

  function dependencyRow(label: string): string {
    const row = dependencyRows().find((text) => text.startsWith(label));
    if (!row) {
      throw new Error(`No dependency row for ${label}; rows: ${dependencyRows().join(' | ')}`);
    }
    return row;
  }

  async function answer(body: object | string, init?: { status: number; statusText: string }): Promise<void> {
    httpTesting.expectOne({ method: 'GET', url: READINESS_URL }).flush(body, init);
    await fixture.whenStable();
  }

  it('shows a loading state while /readiness has not answered', () => {
    expect(getByRole(page, 'status').textContent).toContain('Checking service status');
    expect(getByRole(page, 'progressbar', { name: 'Checking service status' })).toBeTruthy();
    httpTesting.expectOne(READINESS_URL);
  });

  it('lists mongo, neo4j and redis as up when the API is ready', async () => {
    await answer(allUp);

    expect(dependencyRows()).toEqual(['MongoDB Up', 'Neo4j Up', 'Redis Up']);
    expect(getByRole(page, 'status').textContent).toContain('All 3 dependencies are up.');
    expect(queryByRole(page, 'alert')).toBeNull();
    expect(queryByRole(page, 'progressbar')).toBeNull();
  });

  it('shows which dependency is down, with its reason, when the API answers 503 with a report', async () => {
    await answer(redisDown, { status: 503, statusText: 'Service Unavailable' });

    expect(dependencyRow('MongoDB')).toBe('MongoDB Up');
    expect(dependencyRow('Neo4j')).toBe('Neo4j Up');
    const redis = dependencyRow('Redis');
    expect(redis).toContain('connect ECONNREFUSED 127.0.0.1:6379');
    expect(redis).toMatch(/Down$/);
    expect(getByRole(page, 'status').textContent).toContain('1 of 3 dependencies are not up.');
    expect(queryByRole(page, 'alert')).toBeNull();
  });

  it('marks a dependency the API did not report as not reported', async () => {
    await answer({ status: 'ok', details: { mongo: { status: 'up' }, redis: { status: 'up' } } });

    expect(dependencyRow('Neo4j')).toBe('Neo4j Not reported');
  });

  it('explains that the API could not be reached when the request fails', async () => {
    httpTesting.expectOne(READINESS_URL).error(new ProgressEvent('error'));
    await fixture.whenStable();

    const alert = getByRole(page, 'alert');
    expect(getByRole(alert, 'heading', { level: 2 }).textContent).toContain('Service status is unavailable');
    expect(alert.textContent).toContain('The API could not be reached');
    expect(queryByRole(page, 'list', { name: 'Dependencies' })).toBeNull();
  });

  it('reports the HTTP status when the API answers with an error instead of a report', async () => {
    await answer('Bad gateway', { status: 502, statusText: 'Bad Gateway' });

    expect(getByRole(page, 'alert').textContent).toContain('HTTP 502 Bad Gateway');
  });

  it('gives up and says so when the API does not answer in time', async () => {
    // The first request started under real timers; answer it so the next one runs under fake timers.
    await answer(allUp);
    jest.useFakeTimers();
    getByRole(page, 'button', { name: 'Check again' }).click();
    const request = httpTesting.expectOne(READINESS_URL);

    jest.advanceTimersByTime(READINESS_TIMEOUT_MS);
    fixture.detectChanges();

    expect(request.cancelled).toBe(true);
    expect(getByRole(page, 'alert').textContent).toContain(`within ${READINESS_TIMEOUT_MS / 1000} seconds`);
  });

  it('checks again when the user asks, and shows the new result', async () => {
    httpTesting.expectOne(READINESS_URL).error(new ProgressEvent('error'));
    await fixture.whenStable();

    getByRole(page, 'button', { name: 'Check again' }).click();
    await fixture.whenStable();
    expect(getByRole(page, 'status').textContent).toContain('Checking service status');

    await answer(allUp);
    expect(queryByRole(page, 'alert')).toBeNull();
    expect(dependencyRow('Redis')).toBe('Redis Up');
  });

  it('speaks Portuguese when that is the language, the summary and the states included', async () => {
    TestBed.inject(LanguageService).set('pt');
    await answer(redisDown, { status: 503, statusText: 'Service Unavailable' });
    await fixture.whenStable();

    expect(getByRole(page, 'heading', { level: 1 }).textContent).toContain('Estado do serviço');
    expect(getByRole(page, 'status').textContent).toContain('1 de 3 dependências não estão a funcionar.');
    const list = getByRole(page, 'list', { name: 'Dependências' });
    expect(getAllByRole(list, 'listitem').map((item) => item.textContent?.trim())).toContainEqual(
      expect.stringMatching(/Em baixo$/),
    );
  });
});
