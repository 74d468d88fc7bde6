import { Injectable, NotFoundException } from '@nestjs/common';
import type { TagCount, TagDeleteResult, TagRenameResult } from '@insight/contracts';
import { type BulkChange, normaliseTag, TagsRepository, tagProblem } from '@insight/insights';
import { InsightJobsProducer } from '@insight/tasks';

function tagNotFound(name: string): NotFoundException {
  return new NotFoundException(`None of your insights carries the tag "${name}".`);
}

/** The caller's tags: counts, rename/merge and delete as bulk updates over their insights. */
@Injectable()
export class TagsService {
  constructor(
    private readonly tags: TagsRepository,
    private readonly jobs: InsightJobsProducer,
  ) {}

  list(userId: string): Promise<TagCount[]> {
    return this.tags.counts(userId);
  }

  async rename(userId: string, rawName: string, to: string): Promise<TagRenameResult> {
    const from = existingTagName(rawName);
    const renamed = from === null ? null : await this.tags.rename(userId, from, to);
    if (!from || !renamed) throw tagNotFound(rawName);
    await this.enqueue(renamed);
    return { from, to, merged: renamed.merged, insightsChanged: from === to ? 0 : renamed.matched };
  }

  async delete(userId: string, rawName: string): Promise<TagDeleteResult> {
    const name = existingTagName(rawName);
    const removed = name === null ? null : await this.tags.remove(userId, name);
    if (!name || !removed) throw tagNotFound(rawName);
    await this.enqueue(removed);
    return { name, insightsChanged: removed.matched };
  }

  private async enqueue(change: BulkChange): Promise<void> {
    await this.jobs.changed(
      change.changed.map((ref) => ({ ...ref, reason: 'bulk-updated', analyze: false })),
    );
  }
}

/** The stored form of a tag name from the URL, or null when no stored tag can have it. */
function existingTagName(raw: string): string | null {
  const name = normaliseTag(raw);
  return tagProblem(name) === null ? name : null;
}
