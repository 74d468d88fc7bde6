import neo4j, { type Driver } from 'neo4j-driver';
import type {
  Insight,
  InsightTextAnalysis,
  JobStatus,
  Page,
  RelationshipSuggestion,
} from '@insight/contracts';
import { eventually, projected } from './graph';
import { callAs, jsonOf } from './insights-client';
import type { TestUser } from './users';

/** An insight whose analysis ran for its current version, with the analysis narrowed. */
export type AnalysedInsight = Insight & { analysis: InsightTextAnalysis };

/** Waits until the insight is `processed` with an analysis of its current version. */
export async function analysed(user: TestUser, id: string, ms = 30_000): Promise<AnalysedInsight> {
  let last: Insight | null = null;
  try {
    return await eventually(async () => {
      last = await jsonOf<Insight>(await callAs(user, `/insights/${id}`), 200);
      const analysis = last.analysis as InsightTextAnalysis | null;
      return last.status === 'processed' && analysis?.insightVersion === last.version
        ? (last as AnalysedInsight)
        : null;
    }, ms);
  } catch (error) {
    throw new Error(`${(error as Error).message}; last seen: ${JSON.stringify(last)}`);
  }
}

/**
 * Waits until the worker has stopped writing these insights (analysed, then graph-synced), so a
 * test may rewrite a field straight in the database: FerretDB applies an update as a read and a
 * whole-document write, so a write that bypasses the product's write claims, made while the worker
 * still stores its analysis, can be undone by it.
 */
export async function settled(user: TestUser, insights: Insight[]): Promise<void> {
  for (const insight of insights) await analysed(user, insight.id);
  await projected(user, insights);
}

/** The open suggestions of an insight (first page of 100). */
export async function suggestionsOf(user: TestUser, id: string): Promise<RelationshipSuggestion[]> {
  return (
    await jsonOf<Page<RelationshipSuggestion>>(
      await callAs(user, `/insights/${id}/suggestions?limit=100`),
      200,
    )
  ).items;
}

/** Waits until a job reaches `completed` (or fails the test with what it reached). */
export async function jobCompleted(user: TestUser, statusUrl: string, ms = 30_000): Promise<JobStatus> {
  return eventually(async () => {
    const status = await jsonOf<JobStatus>(await callAs(user, statusUrl.replace('/api/v1', '')), 200);
    if (status.state === 'failed') throw new Error(`job failed: ${status.error}`);
    return status.state === 'completed' ? status : null;
  }, ms);
}

/** A driver for the stack's Neo4j, to look at the projection directly. Close it in afterAll. */
export function openGraph(): Driver {
  return neo4j.driver(
    process.env['NEO4J_URI'] ?? 'bolt://127.0.0.1:7687',
    neo4j.auth.basic(
      process.env['NEO4J_USERNAME'] ?? 'neo4j',
      process.env['NEO4J_PASSWORD'] ?? 'insight-local-dev',
    ),
    { disableLosslessIntegers: true },
  );
}

/** The keyword terms the insight MENTIONS in the graph, with the edge weights. */
export async function mentionsOf(
  driver: Driver,
  insightId: string,
): Promise<{ term: string; weight: number }[]> {
  const result = await driver.executeQuery(
    'MATCH (:Insight {id: $id})-[m:MENTIONS]->(k:Keyword) RETURN k.term AS term, m.weight AS weight ORDER BY term',
    { id: insightId },
    { routing: neo4j.routing.READ },
  );
  return result.records.map((record) => ({
    term: record.get('term') as string,
    weight: record.get('weight') as number,
  }));
}
