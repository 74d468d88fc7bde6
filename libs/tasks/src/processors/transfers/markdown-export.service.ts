import { Injectable } from '@nestjs/common';
import { RELATIONSHIP_VOCABULARY, type RelationshipType, type TransferCounts } from '@insight/contracts';
import { PortabilityRepository } from '@insight/insights';
import { ZipWriter } from '../../transfers/zip-writer';
import type { ProgressReporter } from './json-export.service';
import { FileNames, LinkTable } from './export-index';
import { insightMarkdown, type MarkdownLink, safeName } from './markdown-files';

const TYPES = RELATIONSHIP_VOCABULARY.map((info) => info.type);
const TYPE_INDEX = new Map<RelationshipType, number>(TYPES.map((type, index) => [type, index]));

/**
 * Writes a zip with one Markdown file per insight, in a folder per category (uncategorised ones
 * at the top, trashed ones in `Trash/`). Insights are read with a cursor and each file is
 * compressed and written before the next is read; the zip's central directory is spooled to disk
 * (ZipWriter). What is held for the whole export is compact: every insight's id and file name in
 * flat buffers, and the relationships as integer pairs (a few bytes each), because a link names
 * its target's file and an insight's links are written in its own file.
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

    // File names first: links name their target's file. Names are unique in the whole zip
    // (wikilinks resolve by name alone).
    const files = new FileNames();
    for await (const insight of this.portability.exportInsightTitles(userId)) {
      files.add(insight.id, safeName(insight.title, 'Untitled'));
    }
    files.seal();
    const links = new LinkTable(files.size);
    for await (const relationship of this.portability.exportRelationships(userId)) {
      const source = files.indexOf(relationship.sourceId);
      const target = files.indexOf(relationship.targetId);
      const type = TYPE_INDEX.get(relationship.type);
      if (source < 0 || target < 0 || type === undefined) continue;
      links.add(source, target, type);
    }
    links.seal();

    const zip = new ZipWriter(path);
    let insights = 0;
    try {
      for await (const insight of this.portability.exportInsights(userId)) {
        const index = files.indexOf(insight.id);
        if (index < 0) continue; // created after the first pass; the next export has it
        const category = insight.categoryId ? (categories.get(insight.categoryId) ?? null) : null;
        const folder = insight.deletedAt ? 'Trash' : category ? safeName(category, 'Category') : '';
        const own: MarkdownLink[] = [];
        links.forEach(index, (target, type) => own.push({ type: TYPES[type], target: files.name(target) }));
        await zip.add(
          `${folder ? `${folder}/` : ''}${files.name(index)}.md`,
          Buffer.from(insightMarkdown(insight, category, own), 'utf8'),
          new Date(insight.updatedAt),
        );
        insights += 1;
        if (insights % 500 === 0) await progress(insights, expected.insights);
      }
      await zip.finish();
    } catch (error) {
      await zip.abort();
      throw error;
    }
    return {
      categories: categories.size,
      insights,
      relationships: links.size,
      reviewStates: 0,
      suggestionDecisions: 0,
    };
  }
}
