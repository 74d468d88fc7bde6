import type { GraphView, Insight, Relationship } from '@insight/contracts';
import { callAs, jsonOf } from './insights-client';
import type { TestUser } from './users';

/** Polls `probe` until it answers something truthy; fails after `ms` with what it last saw. */
export async function eventually<T>(
  probe: () => Promise<T | null | undefined | false>,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not reached within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until the graph reflects the current version of each insight (graphVersion caught up). */
export async function projected(user: TestUser, insights: Insight[], ms = 20_000): Promise<void> {
  for (const insight of insights) {
    await eventually(async () => {
      const response = await callAs(user, `/insights/${insight.id}`);
      if (response.status === 404) {
        // In the trash: the trash list shows it with its versions.
        const trash = await jsonOf<{ items: Insight[] }>(await callAs(user, '/trash?limit=100'), 200);
        const binned = trash.items.find((item) => item.id === insight.id);
        return binned && binned.graphVersion >= binned.version;
      }
      const current = await jsonOf<Insight>(response, 200);
      return current.graphVersion >= current.version;
    }, ms);
  }
}

/** Waits until these relationships are edges of the graph (seen around their source). */
export async function edgesProjected(
  user: TestUser,
  relationships: Relationship[],
  ms = 20_000,
): Promise<void> {
  for (const relationship of relationships) {
    await eventually(async () => {
      const view = await jsonOf<GraphView>(
        await callAs(user, `/graph/neighborhood/${relationship.sourceId}?limit=2000`),
        200,
      );
      return view.edges.some(
        (edge) => edge.id === relationship.id && edge.strength === relationship.strength,
      );
    }, ms);
  }
}

export async function createRelationship(
  user: TestUser,
  body: { sourceId: string; targetId: string; type: string; strength?: number; note?: string },
): Promise<Relationship> {
  return jsonOf<Relationship>(await callAs(user, '/relationships', { method: 'POST', body }), 201);
}
