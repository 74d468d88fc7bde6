import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { WriteClaims } from '../common/write-claims';
import type { TagCount } from '@insight/contracts';
import { userObjectId } from '../common/object-id';
import { type BulkChange, graphPending, refsMatching, versionsOf } from '../insights/insight-versions';
import { InsightEntity } from '../insights/insight.schema';
import { InsightWriteClaimEntity } from '../insights/insight-write-claim.schema';

export interface TagRename extends BulkChange {
  /** True when the target tag already existed on some of the user's insights. */
  merged: boolean;
}

/**
 * Tags live on the insights; these are the bulk operations over them. Each change is a
 * multi-document update (never a loop of single writes) that also bumps the touched
 * insights' versions. Trashed insights change too, so a restore brings back no stale tag.
 */
@Injectable()
export class TagsRepository {
  private readonly claims: WriteClaims;

  constructor(
    @InjectModel(InsightEntity.name) private readonly insights: Model<InsightEntity>,
    @InjectModel(InsightWriteClaimEntity.name) claims: Model<InsightWriteClaimEntity>,
  ) {
    this.claims = new WriteClaims(claims);
  }

  /** The user's tags with how many insights outside the trash carry each, most used first. */
  async counts(userId: string): Promise<TagCount[]> {
    // No $project before $unwind: FerretDB 1.24 drops the connection (panics on the missing _id)
    // when $unwind follows a projection without _id, and MongoDB's dependency analysis already
    // reads only `tags` for this pipeline.
    const rows = await this.insights.aggregate<{ _id: string; count: number }>([
      { $match: { userId: userObjectId(userId), deletedAt: null } },
      { $unwind: '$tags' },
      { $group: { _id: '$tags', count: { $sum: 1 } } },
      { $sort: { count: -1, _id: 1 } },
    ]);
    return rows.map((row) => ({ name: row._id, count: row.count }));
  }

  /**
   * Renames `from` to `to` on every insight of the user; when `to` already exists the two merge.
   * Null when no insight carries `from`. Both names must be normalised.
   *
   * FerretDB 1.24 has neither `arrayFilters`, the positional `$` in updates, nor pipeline
   * updates, and MongoDB refuses `$addToSet` and `$pull` on one path in one update, so the
   * rename is two updateMany calls: add `to` where `from` is, then pull `from`. Each is
   * idempotent, so a retry after a crash between them completes the rename.
   */
  async rename(userId: string, from: string, to: string): Promise<TagRename | null> {
    const owner = userObjectId(userId);
    const carriers = { userId: owner, tags: from };
    if (from === to) {
      const count = await this.insights.countDocuments(carriers);
      return count === 0 ? null : { matched: count, changed: [], merged: false };
    }
    const merged = (await this.insights.exists({ userId: owner, tags: to })) !== null;
    const refs = await refsMatching(this.insights, carriers);
    if (refs.length === 0) return null;
    // Both versions the rename produces are claimed like single writes, so on FerretDB no
    // concurrent write (nor the graph sync's record of graphVersion) rewrites a document from a
    // copy read before this rename.
    const release = await this.claims.claimMany(refs, 2);
    try {
      const added = await this.insights.updateMany(carriers, {
        $addToSet: { tags: to },
        $inc: { version: 1 },
        $min: graphPending(),
      });
      if (added.matchedCount === 0) return null;
      await this.insights.updateMany(carriers, {
        $pull: { tags: from },
        $inc: { version: 1 },
        $min: graphPending(),
      });
      const ids = refs.map((ref) => ref._id);
      return { matched: added.matchedCount, changed: await versionsOf(this.insights, owner, ids), merged };
    } finally {
      await release();
    }
  }

  /** Removes the tag from every insight of the user; null when none carries it. */
  async remove(userId: string, name: string): Promise<BulkChange | null> {
    const owner = userObjectId(userId);
    const carriers = { userId: owner, tags: name };
    const refs = await refsMatching(this.insights, carriers);
    if (refs.length === 0) return null;
    const release = await this.claims.claimMany(refs, 1);
    let matchedCount: number;
    try {
      // `$pull` with a plain value: FerretDB 1.24 silently ignores a `$pull` condition like `{ $in: [...] }`.
      ({ matchedCount } = await this.insights.updateMany(carriers, {
        $pull: { tags: name },
        $inc: { version: 1 },
        $min: graphPending(),
      }));
    } finally {
      await release();
    }
    const ids = refs.map((ref) => ref._id);
    return { matched: matchedCount, changed: await versionsOf(this.insights, owner, ids) };
  }
}
