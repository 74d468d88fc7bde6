/**
 * What the graph benchmarks share: generated data for one heavy user (reused when already
 * there), signing that user in as an admin, and an admin graph rebuild waited to completion, so
 * the Neo4j projection holds exactly the generated data before anything is measured.
 */
import mongoose from 'mongoose';
import type { GraphRebuildResult } from '@insight/tasks';
import type { JobStatus } from '@insight/contracts';
import { generateData, generatedEmail, GENERATED_PASSWORD } from '../datagen/generate-data';

export interface GeneratedSize {
  insights: number;
  relationships: number;
}

/**
 * Generates the heavy user's `size` into `mongodbUri` unless it is there already. The seed
 * decides every id: benchmarks that could run side by side pass different seeds, so their users
 * (and their Neo4j projections) never overlap.
 */
export async function ensureGeneratedData(
  size: GeneratedSize,
  mongodbUri: string,
  options: { regenerate: boolean; seed: number; log: (line: string) => void },
): Promise<void> {
  const { log } = options;
  const connection = await mongoose.createConnection(mongodbUri).asPromise();
  const [insights, relationships] = await Promise.all([
    connection.collection('insights').estimatedDocumentCount(),
    connection.collection('relationships').estimatedDocumentCount(),
  ]);
  await connection.close();
  if (!options.regenerate && insights >= size.insights && relationships === size.relationships) {
    log(
      `reusing the data: ${insights.toLocaleString('en')} insights, ${relationships.toLocaleString('en')} relationships`,
    );
    return;
  }
  log(
    `generating ${size.insights.toLocaleString('en')} insights and ${size.relationships.toLocaleString('en')} relationships…`,
  );
  const summary = await generateData({
    mongodbUri,
    seed: options.seed,
    bigUserInsights: size.insights,
    users: 0,
    insightsPerUser: 0,
    bigUserRelationships: size.relationships,
    batchSize: 5000,
    reset: true,
    until: new Date('2026-06-01T00:00:00.000Z'),
    log: () => undefined,
  });
  log(`generated in ${summary.seconds.toFixed(1)} s`);
}

/** Makes the heavy user an admin (to start a rebuild); returns its id. */
export async function promoteHeavyUser(connection: mongoose.Connection): Promise<mongoose.Types.ObjectId> {
  const user = await connection.collection('users').findOne({ email: generatedEmail(0) });
  if (!user) throw new Error('the generated heavy user is missing');
  await connection.collection('users').updateOne({ _id: user._id }, { $set: { role: 'admin' } });
  return user._id as mongoose.Types.ObjectId;
}

/** Signs the heavy user in through the api; returns the Authorization header. */
export async function signInHeavyUser(baseUrl: string): Promise<{ authorization: string }> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: generatedEmail(0), password: GENERATED_PASSWORD }),
  });
  if (!login.ok) throw new Error(`sign-in answered ${login.status}`);
  return { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
}

/** Starts an admin graph rebuild (wipe, then replay from MongoDB) and waits for its result. */
export async function rebuildGraph(
  baseUrl: string,
  auth: { authorization: string },
  label: string,
  log: (line: string) => void,
  timeoutMs = 30 * 60_000,
): Promise<GraphRebuildResult> {
  const accepted = (await (
    await fetch(`${baseUrl}/api/v1/admin/graph/rebuild`, { method: 'POST', headers: auth })
  ).json()) as { statusUrl: string };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const status = (await (
      await fetch(`${baseUrl}${accepted.statusUrl}`, { headers: auth })
    ).json()) as JobStatus<GraphRebuildResult>;
    if (status.state === 'completed' && status.result) {
      log(
        `${label}: ${status.result.insights} insights and ${status.result.relationships} relationships in ${status.result.seconds} s (${status.result.insightsPerSecond} insights/s; per phase: ${JSON.stringify(status.result.profile ?? {})})`,
      );
      return status.result;
    }
    if (status.state === 'failed') throw new Error(`${label} failed: ${status.error ?? 'no reason given'}`);
  }
  throw new Error(`${label} did not finish within ${timeoutMs / 1000} s`);
}
