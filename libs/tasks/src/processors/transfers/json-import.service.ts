import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Inject, Injectable } from '@nestjs/common';
import { type ImportResult, PORTABLE_FORMAT_VERSION } from '@insight/contracts';
import { PortabilityRepository } from '@insight/insights';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import { InsightJobsProducer } from '../../insights/insight-jobs.producer';
import { IMPORT_ITEM_MAX_BYTES, ImportRefusedError } from '../../transfers/import-checks';
import { ImportSink } from './import-sink';
import type { ProgressReporter } from './json-export.service';
import {
  checkCategory,
  checkInsight,
  checkRelationship,
  checkReviewState,
  checkSuggestionDecision,
} from './portable-records';

async function* linesOf(path: string): AsyncGenerator<{ line: number; text: string }> {
  const reader = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  let line = 0;
  for await (const text of reader) {
    line += 1;
    if (text.trim().length > 0) yield { line, text };
  }
}

function parse(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Imports the portable JSON Lines format. A first pass checks the file as a whole (header,
 * version, the end line that proves it is complete, the item limit) so a refused file writes
 * nothing; the second pass imports the good items and reports each bad one with its line.
 */
@Injectable()
export class JsonImportService {
  constructor(
    private readonly portability: PortabilityRepository,
    private readonly jobs: InsightJobsProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async import(userId: string, path: string, progress: ProgressReporter): Promise<ImportResult> {
    const totalLines = await this.checkWhole(path);
    const sink = new ImportSink(userId, this.portability, this.jobs);
    const categoryNames = new Map<string, string>();
    const now = new Date();
    for await (const { line, text } of linesOf(path)) {
      if (line % 1000 === 0) await progress(line, totalLines);
      const fields = parse(text);
      if (!fields) {
        sink.error({ line, item: null }, 'is not a JSON object');
        continue;
      }
      const item = typeof fields['id'] === 'string' ? fields['id'] : null;
      switch (fields['record']) {
        case 'category': {
          const checked = checkCategory(fields, now);
          if (!checked.ok) sink.error({ line, item }, checked.problem);
          else {
            categoryNames.set(checked.value.id, checked.value.name);
            sink.category(checked.value);
          }
          break;
        }
        case 'insight': {
          const checked = checkInsight(fields, now);
          if (!checked.ok) {
            sink.error({ line, item }, checked.problem);
            break;
          }
          const { id, categoryRef, ...insight } = checked.value;
          const categoryName = categoryRef ? (categoryNames.get(categoryRef) ?? null) : null;
          if (categoryRef && !categoryName) {
            sink.error({ line, item }, `category ${categoryRef} is not in the file; imported without one`);
          }
          await sink.insight(`j.${id}`, { ...insight, categoryName }, { line, item });
          break;
        }
        case 'relationship': {
          const checked = checkRelationship(fields, now);
          if (!checked.ok) sink.error({ line, item }, checked.problem);
          else {
            const { sourceRef, targetRef, ...relationship } = checked.value;
            await sink.relationship(`j.${sourceRef}`, `j.${targetRef}`, relationship, { line, item });
          }
          break;
        }
        case 'reviewState': {
          const checked = checkReviewState(fields);
          const origin = { line, item: typeof fields['insightId'] === 'string' ? fields['insightId'] : null };
          if (!checked.ok) sink.error(origin, checked.problem);
          else {
            const { insightRef, ...state } = checked.value;
            await sink.reviewState(`j.${insightRef}`, state, origin);
          }
          break;
        }
        case 'suggestionDecision': {
          const checked = checkSuggestionDecision(fields, now);
          if (!checked.ok) sink.error({ line, item }, checked.problem);
          else {
            const { sourceRef, targetRef, ...decision } = checked.value;
            await sink.suggestionDecision(`j.${sourceRef}`, `j.${targetRef}`, decision, { line, item });
          }
          break;
        }
        default:
          // header, tag and end lines, and record kinds of later versions, carry nothing to import.
          break;
      }
    }
    return sink.finish();
  }

  /** @throws ImportRefusedError naming what is wrong with the file as a whole */
  private async checkWhole(path: string): Promise<number> {
    let first: Record<string, unknown> | null | undefined;
    let last: Record<string, unknown> | null = null;
    let insights = 0;
    let lines = 0;
    for await (const { line, text } of linesOf(path)) {
      lines = line;
      if (Buffer.byteLength(text) > IMPORT_ITEM_MAX_BYTES) {
        throw new ImportRefusedError(
          `line ${line} is longer than ${IMPORT_ITEM_MAX_BYTES} bytes, the most one item may take`,
          true,
        );
      }
      const fields = parse(text);
      if (first === undefined) first = fields;
      last = fields;
      if (fields?.['record'] === 'insight') insights += 1;
      if (insights > this.config.IMPORT_MAX_ITEMS) {
        throw new ImportRefusedError(
          `the file has more than ${this.config.IMPORT_MAX_ITEMS} insights (IMPORT_MAX_ITEMS)`,
        );
      }
    }
    if (!first || first['record'] !== 'header') {
      throw new ImportRefusedError(
        'line 1 is not an Insight Tracker export header ({"record":"header",...})',
      );
    }
    const version = first['formatVersion'];
    if (
      typeof version !== 'number' ||
      !Number.isInteger(version) ||
      version < 1 ||
      version > PORTABLE_FORMAT_VERSION
    ) {
      throw new ImportRefusedError(
        `formatVersion ${String(version)} is not supported (this server reads 1 to ${PORTABLE_FORMAT_VERSION})`,
      );
    }
    if (last?.['record'] !== 'end') {
      throw new ImportRefusedError('the file has no end line: it was cut short');
    }
    return lines;
  }
}
