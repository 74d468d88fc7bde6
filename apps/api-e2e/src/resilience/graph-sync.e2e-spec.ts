import { type Connection, Types } from 'mongoose';
import type { Driver } from 'neo4j-driver';
import type { GraphPage, Insight, Relationship } from '@insight/contracts';
import { API_URL, E2E_GRAPH } from '../support/apps';
import { openGraph } from '../support/analysis';
import { openDatabase } from '../support/database';
import { createRelationship, eventually } from '../support/graph';
import { callAs, createCategory, createInsight, jsonOf } from '../support/insights-client';
import { stackService } from '../support/stack-control';
import { createUser, type TestUser } from '../support/users';

const USERS = 4;
const INSIGHTS_PER_USER = 40;
const RELATIONSHIPS_PER_USER = 10;

interface Written {
  user: TestUser;
  /** Outside the trash, with their titles as last written. */
  active: Insight[];
  trashed: Insight[];
  relationships: Relationship[];
}

describe('graph sync while Neo4j is down', () => {
  let db: Connection;
  let driver: Driver;
  const written: Written[] = [];

  beforeAll(async () => {
    db = await openDatabase();
    driver = openGraph();
  });

  afterAll(async () => {
    await stackService('up', 'neo4j');
    await driver.close();
    await db.close();
  });

  it('accepts every write while Neo4j is down; once it is back the projection equals MongoDB', async () => {
    await stackService('down', 'neo4j');
    for (let u = 0; u < USERS; u++) {
      const user = await createUser();
      const category = await createCategory(user, {
        name: `Resilient ${u}`,
        colour: '#7c3aed',
        icon: 'shield',
      });
      const all: Insight[] = [];
      for (let i = 0; i < INSIGHTS_PER_USER; i++) {
        all.push(
          await createInsight(user, {
            title: `Outage ${u}-${i}`,
            tags: [`t${i % 3}`],
            ...(i % 4 === 0 ? { categoryId: category.id } : {}),
          }),
        );
      }
      for (const [index, insight] of all.slice(0, 5).entries()) {
        const response = await callAs(user, `/insights/${insight.id}`, {
          method: 'PATCH',
          body: { title: `${insight.title} (edited)`, favorite: true },
        });
        all[index] = await jsonOf<Insight>(response, 200);
      }
      const trashed = all.slice(5, 8);
      for (const insight of trashed) {
        expect((await callAs(user, `/insights/${insight.id}`, { method: 'DELETE' })).status).toBe(204);
      }
      for (const insight of trashed.slice(0, 2)) {
        expect((await callAs(user, `/trash/${insight.id}`, { method: 'DELETE' })).status).toBe(204);
      }
      const active = all.filter((insight) => !trashed.includes(insight));
      const relationships: Relationship[] = [];
      for (let r = 0; r < RELATIONSHIPS_PER_USER; r++) {
        relationships.push(
          await createRelationship(user, {
            sourceId: active[r].id,
            targetId: active[r + 10].id,
            type: r % 2 ? 'supports' : 'related',
          }),
        );
      }
      for (const relationship of relationships.slice(0, 2)) {
        expect((await callAs(user, `/relationships/${relationship.id}`, { method: 'DELETE' })).status).toBe(
          204,
        );
      }
      written.push({
        user,
        active,
        trashed: trashed.slice(2),
        relationships: relationships.slice(2),
      });
    }

    await stackService('up', 'neo4j');
    // Jobs gave up while Neo4j was away; reconciliation retries them within a period or two.
    const bound = 120_000 + (E2E_GRAPH.reconcileSeconds + E2E_GRAPH.thresholdSeconds) * 1000;
    for (const { user, active, relationships } of written) {
      await eventually(async () => {
        const response = await fetch(`${API_URL}/api/v1/graph?limit=2000`, { headers: user.headers });
        if (response.status !== 200) return false;
        const page = (await response.json()) as GraphPage;
        const titles = new Map(active.map((insight) => [insight.id, insight.title]));
        return (
          page.nodes.length === active.length &&
          page.edges.length === relationships.length &&
          page.nodes.every((node) => node.title === titles.get(node.id))
        );
      }, bound);
    }

    for (const { user, active, trashed, relationships } of written) {
      const page = await jsonOf<GraphPage>(await callAs(user, '/graph?limit=2000'), 200);
      expect(page.nodes.map((node) => node.id).sort()).toEqual(active.map((a) => a.id).sort());
      expect(page.edges.map((edge) => edge.id).sort()).toEqual(relationships.map((r) => r.id).sort());
      // A sample, field by field, against MongoDB.
      for (const node of page.nodes.slice(0, 8)) {
        const doc = await db.collection('insights').findOne({ _id: new Types.ObjectId(node.id) });
        expect(node).toMatchObject({
          title: doc?.['title'],
          favorite: doc?.['favorite'],
          categoryId: doc?.['categoryId'] ? String(doc['categoryId']) : null,
          categoryColor: doc?.['categoryId'] ? '#7c3aed' : null,
        });
      }
      // Trashed insights are projected (marked deleted); purged ones are gone.
      const session = driver.session();
      try {
        const result = await session.run(
          'MATCH (i:Insight {userId: $userId}) RETURN i.deleted AS deleted, count(*) AS count',
          { userId: user.user.id },
        );
        const counts = Object.fromEntries(
          result.records.map((r) => [String(r.get('deleted')), r.get('count')]),
        );
        expect(counts).toEqual({ false: active.length, true: trashed.length });
      } finally {
        await session.close();
      }
      // FerretDB has no $expr: compare graphVersion with version here.
      const docs = await db
        .collection('insights')
        .find({ userId: new Types.ObjectId(user.user.id) }, { projection: { version: 1, graphVersion: 1 } })
        .toArray();
      expect(docs.filter((doc) => doc['graphVersion'] !== doc['version'])).toEqual([]);
    }
  });
});
