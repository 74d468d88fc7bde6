import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { TagCount } from '@insight/contracts';
import { userObjectId } from '../common/object-id';
import { type BulkChange, idsMatching, versionsOf } from '../insights/insight-versions';
import { InsightEntity } from '../insights/insight.schema';

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
  constructor(@InjectModel(InsightEntity.name) private readonly insights: Model<InsightEntity>) {}

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
    const added = await this.insights.updateMany(carriers, { $addToSet: { tags: to }, $inc: { version: 1 } });
    if (added.matchedCount === 0) return null;
    const ids = await idsMatching(this.insights, carriers);
    await this.insights.updateMany(carriers, { $pull: { tags: from }, $inc: { version: 1 } });
    return { matched: added.matchedCount, changed: await versionsOf(this.insights, owner, ids), merged };
  }

  /** Removes the tag from every insight of the user; null when none carries it. */
  async remove(userId: string, name: string): Promise<BulkChange | null> {
    const owner = userObjectId(userId);
    const carriers = { userId: owner, tags: name };
    const ids = await idsMatching(this.insights, carriers);
    if (ids.length === 0) return null;
    // `$pull` with a plain value: FerretDB 1.24 silently ignores a `$pull` condition like `{ $in: [...] }`.
    const { matchedCount } = await this.insights.updateMany(carriers, {
      $pull: { tags: name },
      $inc: { version: 1 },
    });
    return { matched: matchedCount, changed: await versionsOf(this.insights, owner, ids) };
  }
}
