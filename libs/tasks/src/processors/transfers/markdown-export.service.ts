import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { ZipFile } from 'yazl';
import type { TransferCounts } from '@insight/contracts';
import { PortabilityRepository } from '@insight/insights';
import type { ProgressReporter } from './json-export.service';
import { insightMarkdown, type MarkdownLink, safeName } from './markdown-files';

/** Files being compressed or waiting for the disk before more are added. */
const MAX_PENDING_ENTRIES = 64;
/** yazl's Entry.FILE_DATA_DONE. */
const YAZL_FILE_DATA_DONE = 3;

interface YazlEntry {
  state: number;
  doFileDataPump: (() => void) | null;
}

/**
 * Writes a zip with one Markdown file per insight, in a folder per category (uncategorised ones
 * at the top, trashed ones in `Trash/`). Insights are read with a cursor and each file is
 * compressed and written before the next is added; what is held meanwhile is one short entry
 * per insight (its file name) and the relationships grouped by source, not the contents.
 */
@Injectable()
export class MarkdownExportService {
  constructor(private readonly portability: PortabilityRepository) {}

  async write(userId: string, path: string, progress: ProgressReporter): Promise<TransferCounts> {
    const expected = await this.portability.counts(userId);
    const categories = new Map<string, string>();
    for await (const category of this.portability.exportCategories(userId)) {
      categories.set(category.id, category.name);
    }

    // File names first: links name their target's file.
    const fileOf = new Map<string, { folder: string; name: string }>();
    const taken = new Set<string>();
    for await (const insight of this.portability.exportInsights(userId)) {
      const category = insight.categoryId ? categories.get(insight.categoryId) : undefined;
      const folder = insight.deletedAt ? 'Trash' : category ? safeName(category, 'Category') : '';
      let name = safeName(insight.title, 'Untitled');
      // Names are unique in the whole zip (wikilinks resolve by name alone).
      if (taken.has(name.toLowerCase())) name = `${name} (${insight.id.slice(-6)})`;
      taken.add(name.toLowerCase());
      fileOf.set(insight.id, { folder, name });
    }
    const links = new Map<string, MarkdownLink[]>();
    let relationships = 0;
    for await (const relationship of this.portability.exportRelationships(userId)) {
      const target = fileOf.get(relationship.targetId);
      if (!target || !fileOf.has(relationship.sourceId)) continue;
      const list = links.get(relationship.sourceId) ?? [];
      list.push({ type: relationship.type, target: target.name });
      links.set(relationship.sourceId, list);
      relationships += 1;
    }

    const zip = new ZipFile();
    const file = createWriteStream(path);
    const written = once(file, 'close');
    zip.outputStream.pipe(file);
    let insights = 0;
    // yazl compresses every added buffer at once and keeps each compressed buffer in its entry
    // after writing it; waiting for the queue to shrink and dropping what was written keeps
    // memory flat. (Reads yazl 3.3.1's entry list: the version is pinned.)
    const entries = (zip as unknown as { entries: YazlEntry[] }).entries;
    let flushed = 0;
    const pendingEntries = () => {
      while (flushed < entries.length && entries[flushed].state === YAZL_FILE_DATA_DONE) {
        entries[flushed].doFileDataPump = null;
        flushed += 1;
      }
      return entries.length - flushed;
    };
    for await (const insight of this.portability.exportInsights(userId)) {
      const place = fileOf.get(insight.id);
      if (!place) continue; // created after the first pass; the next export has it
      const category = insight.categoryId ? (categories.get(insight.categoryId) ?? null) : null;
      const markdown = insightMarkdown(insight, category, links.get(insight.id) ?? []);
      zip.addBuffer(
        Buffer.from(markdown, 'utf8'),
        `${place.folder ? `${place.folder}/` : ''}${place.name}.md`,
        {
          mtime: new Date(insight.updatedAt),
        },
      );
      insights += 1;
      if (insights % 500 === 0) await progress(insights, expected.insights);
      while (pendingEntries() > MAX_PENDING_ENTRIES) await sleep(5);
    }
    zip.end();
    await written;
    return { categories: categories.size, insights, relationships, reviewStates: 0, suggestionDecisions: 0 };
  }
}
