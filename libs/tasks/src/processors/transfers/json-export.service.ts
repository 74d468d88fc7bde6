import { Injectable } from '@nestjs/common';
import {
  PORTABLE_FORMAT_VERSION,
  type PortableEnd,
  type PortableHeader,
  type PortableTag,
  type TransferCounts,
} from '@insight/contracts';
import { PortabilityRepository } from '@insight/insights';
import { LineWriter } from './line-writer';

/** Reports how many of `total` items are done, now and then. */
export type ProgressReporter = (done: number, total: number) => Promise<void>;

const PROGRESS_EVERY = 1000;

/**
 * Writes one user's data in the portable JSON Lines format (see PORTABLE_FORMAT_VERSION):
 * each collection is read with one cursor and written line by line, waiting on the file when
 * its buffer is full, so memory stays flat whatever the size. Tag counts are tallied on the way.
 */
@Injectable()
export class JsonExportService {
  constructor(private readonly portability: PortabilityRepository) {}

  async write(userId: string, path: string, progress: ProgressReporter): Promise<TransferCounts> {
    const expected = await this.portability.counts(userId);
    const total =
      expected.categories +
      expected.insights +
      expected.relationships +
      expected.reviewStates +
      expected.suggestionDecisions;
    const out = new LineWriter(path);
    const counts: TransferCounts = {
      categories: 0,
      insights: 0,
      relationships: 0,
      reviewStates: 0,
      suggestionDecisions: 0,
    };
    let done = 0;
    const step = async () => {
      done += 1;
      if (done % PROGRESS_EVERY === 0) await progress(done, total);
    };
    try {
      const header: PortableHeader = {
        record: 'header',
        formatVersion: PORTABLE_FORMAT_VERSION,
        generator: 'insight-tracker',
        exportedAt: new Date().toISOString(),
      };
      await out.writeJsonLine(header);
      for await (const category of this.portability.exportCategories(userId)) {
        await out.writeJsonLine(category);
        counts.categories += 1;
        await step();
      }
      const tags = new Map<string, number>();
      for await (const insight of this.portability.exportInsights(userId)) {
        await out.writeJsonLine(insight);
        counts.insights += 1;
        if (!insight.deletedAt) for (const tag of insight.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
        await step();
      }
      for await (const relationship of this.portability.exportRelationships(userId)) {
        await out.writeJsonLine(relationship);
        counts.relationships += 1;
        await step();
      }
      for await (const state of this.portability.exportReviewStates(userId)) {
        await out.writeJsonLine(state);
        counts.reviewStates += 1;
        await step();
      }
      for await (const decision of this.portability.exportSuggestionDecisions(userId)) {
        await out.writeJsonLine(decision);
        counts.suggestionDecisions += 1;
        await step();
      }
      for (const [name, count] of [...tags.entries()].sort(
        (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
      )) {
        const tag: PortableTag = { record: 'tag', name, count };
        await out.writeJsonLine(tag);
      }
      const end: PortableEnd = { record: 'end', counts };
      await out.writeJsonLine(end);
      await out.close();
      return counts;
    } catch (error) {
      out.destroy();
      throw error;
    }
  }
}
