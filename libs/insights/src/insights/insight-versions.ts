import type { Model, Types } from 'mongoose';
import { findByIds } from '../common/find-by-ids';
import type { VersionedRef } from '../common/write-claims';
import type { InsightEntity } from './insight.schema';

/** An insight and the version a write left it at: what the graph-sync job needs to know. */
export interface InsightVersionRef {
  insightId: string;
  userId: string;
  version: number;
}

/** Result of a bulk change: how many insights it touched and their versions afterwards. */
export interface BulkChange {
  matched: number;
  changed: InsightVersionRef[];
}

/**
 * The `$min` part of every update that bumps a version: marks the document as behind the graph,
 * keeping the time of the oldest unsynced write when it already was.
 */
export function graphPending(now = new Date()): { graphPendingSince: Date } {
  return { graphPendingSince: now };
}

/** The ids of the user's insights matching a filter, before a bulk update changes what matches. */
export async function idsMatching(
  insights: Model<InsightEntity>,
  filter: Record<string, unknown>,
): Promise<Types.ObjectId[]> {
  return (await refsMatching(insights, filter)).map((doc) => doc._id);
}

/** The ids and versions of the insights matching a filter, for a bulk update to claim. */
export async function refsMatching(
  insights: Model<InsightEntity>,
  filter: Record<string, unknown>,
): Promise<VersionedRef[]> {
  return insights.find(filter).select({ _id: 1, version: 1 }).lean<VersionedRef[]>();
}

/** The current versions of these insights of the user (a bulk update's, possibly thousands). */
export async function versionsOf(
  insights: Model<InsightEntity>,
  userId: Types.ObjectId,
  ids: Types.ObjectId[],
): Promise<InsightVersionRef[]> {
  const docs = await findByIds<{ _id: Types.ObjectId; version: number }, InsightEntity>(insights, ids, {
    where: { userId },
    select: { _id: 1, version: 1 },
  });
  return docs.map((doc) => ({
    insightId: doc._id.toHexString(),
    userId: userId.toHexString(),
    version: doc.version,
  }));
}
