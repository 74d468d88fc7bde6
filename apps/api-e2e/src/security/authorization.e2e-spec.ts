import { type Connection, Types } from 'mongoose';
import type {
  Category,
  CreatedWebhook,
  DataTransfer,
  Insight,
  Page,
  PersonalAccessToken,
  Relationship,
  RelationshipSuggestion,
  TagCount,
  WebhookDelivery,
} from '@insight/contracts';
import { analysed, suggestionsOf } from '../support/analysis';
import { API_URL } from '../support/apps';
import { documentsOf, openDatabase } from '../support/database';
import { eventually } from '../support/graph';
import {
  callAs,
  createCategory,
  createInsight,
  jsonOf,
  problemOf,
  type Sent,
} from '../support/insights-client';
import { jsonExportHeader } from '../support/transfers';
import { createUser, type TestUser } from '../support/users';
import { WebhookReceiver } from '../support/webhook-receiver';

// Suggestions and webhook deliveries wait on the worker.
jest.setTimeout(120_000);

interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  responses: Record<string, unknown>;
}
type OpenApiPaths = Record<string, Record<string, OpenApiOperation>>;

/** `METHOD /path/{param}` as the OpenAPI document names an operation. */
type OperationKey = string;

/**
 * The operations anyone may call. Every other operation of the document must answer 401
 * without a token: a new endpoint is protected unless it is added here on purpose.
 */
const PUBLIC: OperationKey[] = [
  'GET /health',
  'GET /readiness',
  'GET /metrics',
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/login',
  // These two work on the refresh cookie, not on a bearer token.
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
];

/** Admin operations answer anyone else like a route that does not exist (README, "Jobs"). */
const isAdmin = (key: OperationKey) => key.split(' ')[1].startsWith('/api/v1/admin/');

async function operationsOf(): Promise<{ key: OperationKey; path: string; operation: OpenApiOperation }[]> {
  const doc = (await (await fetch(`${API_URL}/api/docs-json`)).json()) as { paths: OpenApiPaths };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      path,
      operation,
    })),
  );
}

/** Takes an id of some resource: a path parameter, or a documented 404. */
const takesAnId = (path: string, operation: OpenApiOperation) =>
  path.includes('{') || '404' in operation.responses;

/** The owner's resources the intruder aims at. */
interface Fixtures {
  active: Insight;
  linked: Insight;
  trashed: Insight;
  category: Category;
  relationship: Relationship;
  suggestion: RelationshipSuggestion;
  webhook: CreatedWebhook;
  delivery: WebhookDelivery;
  exported: DataTransfer;
  imported: DataTransfer;
  token: PersonalAccessToken;
  /** One of the intruder's own insights, for operations that take two ids. */
  intrudersOwn: Insight;
}

/**
 * How the intruder calls each id-bearing operation with the owner's ids (and an otherwise valid
 * request, so that nothing but ownership can refuse it). The test fails for an id-bearing
 * operation of the document that has no entry here.
 */
const FOREIGN: Record<OperationKey, (f: Fixtures) => [string, Sent?]> = {
  'GET /api/v1/jobs/{id}': (f) => [`/jobs/${f.exported.jobId}`],
  'DELETE /api/v1/tokens/{id}': (f) => [`/tokens/${f.token.id}`],
  'GET /api/v1/insights/{id}': (f) => [`/insights/${f.active.id}`],
  'PATCH /api/v1/insights/{id}': (f) => [
    `/insights/${f.active.id}`,
    { body: { title: 'Hijacked' }, headers: { 'if-match': `"${f.active.version}"` } },
  ],
  'DELETE /api/v1/insights/{id}': (f) => [`/insights/${f.active.id}`],
  'POST /api/v1/insights/{id}/reprocess': (f) => [`/insights/${f.active.id}/reprocess`],
  'POST /api/v1/insights/{id}/restore': (f) => [`/insights/${f.trashed.id}/restore`],
  'DELETE /api/v1/trash/{id}': (f) => [`/trash/${f.trashed.id}`],
  'GET /api/v1/categories/{id}': (f) => [`/categories/${f.category.id}`],
  'PATCH /api/v1/categories/{id}': (f) => [`/categories/${f.category.id}`, { body: { name: 'Mine now' } }],
  'DELETE /api/v1/categories/{id}': (f) => [`/categories/${f.category.id}`],
  'PATCH /api/v1/tags/{name}': () => ['/tags/secret-only', { body: { name: 'exposed' } }],
  'DELETE /api/v1/tags/{name}': () => ['/tags/secret-only'],
  'POST /api/v1/relationships': (f) => [
    '/relationships',
    { body: { sourceId: f.intrudersOwn.id, targetId: f.active.id, type: 'supports' } },
  ],
  'GET /api/v1/relationships': (f) => [`/relationships?insightId=${f.active.id}`],
  'GET /api/v1/relationships/{id}': (f) => [`/relationships/${f.relationship.id}`],
  'PATCH /api/v1/relationships/{id}': (f) => [
    `/relationships/${f.relationship.id}`,
    { body: { strength: 1 } },
  ],
  'DELETE /api/v1/relationships/{id}': (f) => [`/relationships/${f.relationship.id}`],
  'GET /api/v1/graph/path': (f) => [`/graph/path?from=${f.active.id}&to=${f.linked.id}`],
  'GET /api/v1/graph/neighborhood/{id}': (f) => [`/graph/neighborhood/${f.active.id}`],
  'GET /api/v1/webhooks/{id}': (f) => [`/webhooks/${f.webhook.id}`],
  'PATCH /api/v1/webhooks/{id}': (f) => [`/webhooks/${f.webhook.id}`, { body: { active: false } }],
  'DELETE /api/v1/webhooks/{id}': (f) => [`/webhooks/${f.webhook.id}`],
  'GET /api/v1/webhooks/{id}/deliveries': (f) => [`/webhooks/${f.webhook.id}/deliveries`],
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': (f) => [
    `/webhooks/${f.webhook.id}/deliveries/${f.delivery.id}/redeliver`,
  ],
  'GET /api/v1/exports/{id}': (f) => [`/exports/${f.exported.id}`],
  'GET /api/v1/exports/{id}/download': (f) => [`/exports/${f.exported.id}/download`],
  'GET /api/v1/imports/{id}': (f) => [`/imports/${f.imported.id}`],
  'GET /api/v1/insights/{id}/suggestions': (f) => [`/insights/${f.active.id}/suggestions`],
  'POST /api/v1/suggestions/{id}/accept': (f) => [`/suggestions/${f.suggestion.id}/accept`, { body: {} }],
  'POST /api/v1/suggestions/{id}/reject': (f) => [`/suggestions/${f.suggestion.id}/reject`],
  'PUT /api/v1/review/categories/{categoryId}/opt-out': (f) => [
    `/review/categories/${f.category.id}/opt-out`,
  ],
  'DELETE /api/v1/review/categories/{categoryId}/opt-out': (f) => [
    `/review/categories/${f.category.id}/opt-out`,
  ],
  'GET /api/v1/review/{insightId}': (f) => [`/review/${f.active.id}`],
  'POST /api/v1/review/{insightId}': (f) => [`/review/${f.active.id}`, { body: { grade: 'good' } }],
  'PUT /api/v1/review/{insightId}/opt-out': (f) => [`/review/${f.active.id}/opt-out`],
  'DELETE /api/v1/review/{insightId}/opt-out': (f) => [`/review/${f.active.id}/opt-out`],
};

/** What the owner has in MongoDB, for before/after comparisons (worker-written fields left out). */
const OWNED_COLLECTIONS = [
  'insights',
  'categories',
  'relationships',
  'suggestions',
  'webhooks',
  'webhook_deliveries',
  'review_states',
  'review_settings',
  'data_transfers',
  'personal_access_tokens',
];

const SIMILAR = 'Redis cache latency: caching hot keys cut p99 latency; cache invalidation on writes.';

describe('authorization matrix: every operation of the OpenAPI document', () => {
  let db: Connection;
  let owner: TestUser;
  let intruder: TestUser;
  let receiver: WebhookReceiver;
  let f: Fixtures;
  let snapshot: Record<string, unknown[]>;

  const ownerData = async () => {
    const userId = new Types.ObjectId(owner.user.id);
    const data: Record<string, unknown[]> = {};
    for (const name of OWNED_COLLECTIONS) data[name] = await documentsOf(db, name, { userId });
    return data;
  };

  async function transferDone(path: string): Promise<DataTransfer> {
    return eventually(async () => {
      const transfer = await jsonOf<DataTransfer>(await callAs(owner, path), 200);
      return transfer.status === 'completed' || transfer.status === 'failed' ? transfer : null;
    });
  }

  beforeAll(async () => {
    db = await openDatabase();
    receiver = await WebhookReceiver.start();
    [owner, intruder] = await Promise.all([createUser(), createUser()]);
    const webhook = await jsonOf<CreatedWebhook>(
      await callAs(owner, '/webhooks', {
        method: 'POST',
        body: { url: receiver.url, events: ['insight.created'] },
      }),
      201,
    );
    const category = await createCategory(owner, { name: 'Secret plans', colour: '#ff0000', icon: 'lock' });
    const linked = await createInsight(owner, { title: 'Sourdough starter', content: 'Feed it daily.' });
    const trashed = await createInsight(owner, { title: 'Owner trash', tags: ['private-tag'] });
    await analysed(owner, linked.id, 60_000);
    // One after the other, so that the suggestion between them is made once (by the second).
    const active = await createInsight(owner, {
      title: 'Redis cache and latency',
      content: SIMILAR,
      tags: ['private-tag', 'secret-only'],
      categoryId: category.id,
    });
    await analysed(owner, active.id, 60_000);
    expect((await callAs(owner, `/insights/${trashed.id}`, { method: 'DELETE' })).status).toBe(204);
    const relationship = await jsonOf<Relationship>(
      await callAs(owner, '/relationships', {
        method: 'POST',
        body: { sourceId: active.id, targetId: linked.id, type: 'supports' },
      }),
      201,
    );
    const token = await jsonOf<PersonalAccessToken>(
      await callAs(owner, '/tokens', { method: 'POST', body: { name: 'owner script' } }),
      201,
    );
    const exportStarted = await jsonOf<DataTransfer>(
      await callAs(owner, '/exports', { method: 'POST', body: { format: 'json' } }),
      202,
    );
    const form = new FormData();
    const header = jsonExportHeader('2026-01-01T00:00:00Z');
    const end = { record: 'end', counts: { categories: 0, insights: 0, relationships: 0 } };
    form.append('file', new Blob([`${JSON.stringify(header)}\n${JSON.stringify(end)}\n`]), 'empty.jsonl');
    const importStarted = await jsonOf<DataTransfer>(
      await fetch(`${API_URL}/api/v1/imports`, { method: 'POST', headers: owner.headers, body: form }),
      202,
    );
    const similar = await createInsight(owner, {
      title: 'Cache latency under load',
      content: `Under load, ${SIMILAR}`,
    });
    // Everything the worker does for these writes settles before the snapshot.
    await analysed(owner, similar.id, 60_000);
    const suggestion = await eventually(
      async () => (await suggestionsOf(owner, active.id)).find((s) => s.relatedInsight.id === similar.id),
      60_000,
    );
    const delivery = await eventually(async () => {
      const page = await jsonOf<Page<WebhookDelivery>>(
        await callAs(owner, `/webhooks/${webhook.id}/deliveries?limit=100`),
        200,
      );
      return page.items.length === 4 && page.items.every((d) => d.status === 'succeeded')
        ? page.items[0]
        : null;
    }, 60_000);
    // Opening the review queue schedules the insights that have no review state yet (GET /review
    // enrols them; the worker's refresh only runs once a day). Done before the snapshot, so the
    // matrix's own calls to /review change nothing.
    await jsonOf(await callAs(owner, '/review'), 200);
    const states = await documentsOf(db, 'review_states', { userId: new Types.ObjectId(owner.user.id) });
    expect(states.map((state) => String((state as { _id: unknown })._id))).toEqual(
      expect.arrayContaining([active.id, similar.id, linked.id]),
    );
    // The worker may still be re-discovering the pair from the other side: wait until the owner’s
    // data holds still for 10 s, so the snapshot below is what the matrix must leave unchanged.
    await eventually(async () => {
      const before = JSON.stringify(await ownerData());
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      return before === JSON.stringify(await ownerData());
    }, 90_000);
    // The intruder has data of their own, with the same tag name, so nothing is "empty by accident".
    const intrudersOwn = await createInsight(intruder, { title: 'Intruder', tags: ['private-tag'] });
    f = {
      active: await jsonOf<Insight>(await callAs(owner, `/insights/${active.id}`), 200),
      linked,
      trashed,
      category,
      relationship,
      suggestion,
      webhook,
      delivery,
      exported: await transferDone(`/exports/${exportStarted.id}`),
      imported: await transferDone(`/imports/${importStarted.id}`),
      token,
      intrudersOwn,
    };
    snapshot = await ownerData();
  }, 240_000);

  afterAll(async () => {
    await receiver.close();
    await db.close();
  });

  it('lists only operations the document has', async () => {
    const keys = (await operationsOf()).map((o) => o.key);
    for (const key of [...PUBLIC, ...Object.keys(FOREIGN)]) expect(keys).toContain(key);
  });

  it('answers 401 problem+json without a token on every operation that is not public', async () => {
    const protectedOperations = (await operationsOf()).filter((o) => !PUBLIC.includes(o.key));
    expect(protectedOperations.length).toBeGreaterThan(50);
    for (const { key } of protectedOperations) {
      const [method, template] = key.split(' ');
      const path = template.replace(/\{[^}]+\}/g, new Types.ObjectId().toHexString());
      const response = await fetch(`${API_URL}${path}`, {
        method,
        ...(['POST', 'PUT', 'PATCH'].includes(method)
          ? { headers: { 'content-type': 'application/json' }, body: '{}' }
          : {}),
      });
      expect({ key, status: response.status }).toEqual({ key, status: 401 });
      await problemOf(response);
    }
    expect(await ownerData()).toEqual(snapshot);
  });

  it('answers 404 to every id-bearing operation called with the other user’s ids, changing nothing', async () => {
    const operations = (await operationsOf()).filter(
      (o) => !PUBLIC.includes(o.key) && !isAdmin(o.key) && takesAnId(o.path, o.operation),
    );
    expect(operations.map((o) => o.key).filter((key) => !(key in FOREIGN))).toEqual([]);
    for (const { key } of operations) {
      const [path, sent] = FOREIGN[key](f);
      const response = await callAs(intruder, path, { method: key.split(' ')[0], ...sent });
      expect({ key, path, status: response.status }).toEqual({ key, path, status: 404 });
      await problemOf(response);
    }
    expect(await ownerData()).toEqual(snapshot);
    expect(receiver.received).toHaveLength(4);
  });

  it('answers a signed-in user who is not an admin 404 on every admin operation, changing nothing', async () => {
    const admin = (await operationsOf()).filter((o) => isAdmin(o.key));
    expect(admin.length).toBeGreaterThan(3);
    for (const { key } of admin) {
      const [method, template] = key.split(' ');
      const path = template.replace('/api/v1', '').replace(/\{[^}]+\}/g, f.exported.jobId);
      const response = await callAs(intruder, path, {
        method,
        ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }),
      });
      expect({ key, status: response.status }).toEqual({ key, status: 404 });
      expect((await problemOf(response)).detail).toBe(`Cannot ${method} /api/v1${path}`);
    }
    expect(await ownerData()).toEqual(snapshot);
  });

  it('refuses the other user’s category in a body with a field error, changing nothing', async () => {
    const own = await createInsight(intruder, { title: 'Mine' });
    for (const [method, path] of [
      ['POST', '/insights'],
      ['PATCH', `/insights/${own.id}`],
    ] as const) {
      const response = await callAs(intruder, path, {
        method,
        body: { title: 'x', categoryId: f.category.id },
      });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).errors).toEqual({ categoryId: ['is not one of your categories'] });
    }
    expect((await callAs(intruder, `/insights/${own.id}`)).status).toBe(200);
    expect(await ownerData()).toEqual(snapshot);
  });

  it('never lists, counts or finds the other user’s data', async () => {
    const lists = await Promise.all(
      [
        '/insights?limit=100',
        `/insights?categoryId=${f.category.id}`,
        '/trash',
        '/categories',
        '/webhooks',
        '/tokens',
        '/graph',
        '/search?q=cache',
        '/review',
        '/stats',
        '/digests',
      ].map(async (path) => JSON.stringify(await jsonOf<unknown>(await callAs(intruder, path), 200))),
    );
    const ownerIds = [f.active.id, f.linked.id, f.trashed.id, f.category.id, f.webhook.id, f.token.id];
    for (const listed of lists) for (const id of ownerIds) expect(listed).not.toContain(id);
    const filtered = await jsonOf<Page<Insight>>(
      await callAs(intruder, `/insights?categoryId=${f.category.id}`),
      200,
    );
    expect(filtered.items).toEqual([]);
    expect(await jsonOf<TagCount[]>(await callAs(intruder, '/tags'), 200)).toEqual([
      { name: 'private-tag', count: 1 },
    ]);
    expect(await ownerData()).toEqual(snapshot);
  });

  it('still serves the owner everything afterwards', async () => {
    expect((await jsonOf<Insight>(await callAs(owner, `/insights/${f.active.id}`), 200)).title).toBe(
      'Redis cache and latency',
    );
    expect((await jsonOf<Page<Insight>>(await callAs(owner, '/trash'), 200)).items.map((i) => i.id)).toEqual([
      f.trashed.id,
    ]);
    expect((await callAs(owner, `/categories/${f.category.id}`)).status).toBe(200);
    expect((await callAs(owner, `/relationships/${f.relationship.id}`)).status).toBe(200);
    expect((await callAs(owner, `/webhooks/${f.webhook.id}`)).status).toBe(200);
  });
});
