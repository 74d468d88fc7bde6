import { Inject, Injectable } from '@nestjs/common';
import type { Entry, ZipFile } from 'yauzl';
import type { ImportResult } from '@insight/contracts';
import { PortabilityRepository } from '@insight/insights';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import { InsightJobsProducer } from '../../insights/insight-jobs.producer';
import { ImportSink } from './import-sink';
import type { ProgressReporter } from './json-export.service';
import {
  checkVault,
  IMPORT_ITEM_MAX_BYTES,
  isHidden,
  isNote,
  openZip,
  zipEntries,
} from '../../transfers/import-checks';
import { parseNote } from './markdown-notes';

async function readText(zip: ZipFile, entry: Entry): Promise<string> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    // validateEntrySizes already stops a stream longer than declared; this bounds what is kept.
    if (size > IMPORT_ITEM_MAX_BYTES) throw new Error('larger than declared');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Imports a zipped Markdown vault. The first pass reads only the zip's directory: it refuses
 * the whole file for unsafe paths (yauzl rejects absolute and `..` names), entries that expand
 * suspiciously (zip bombs) or too many notes, and learns every note's name so links resolve.
 * The second pass reads the notes one at a time; bad notes are reported with line and reason.
 */
@Injectable()
export class MarkdownImportService {
  constructor(
    private readonly portability: PortabilityRepository,
    private readonly jobs: InsightJobsProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async import(userId: string, path: string, progress: ProgressReporter): Promise<ImportResult> {
    const byName = await checkVault(path, this.config);
    const sink = new ImportSink(userId, this.portability, this.jobs);
    const now = new Date();
    const zip = await openZip(path);
    let seen = 0;
    try {
      for await (const entry of zipEntries(zip)) {
        if (!isNote(entry) || isHidden(entry.fileName)) continue;
        seen += 1;
        if (seen % 500 === 0) await progress(seen, byName.count);
        const origin = (line: number | null) => ({ line, item: entry.fileName });
        if (entry.uncompressedSize > IMPORT_ITEM_MAX_BYTES) {
          sink.error(origin(null), `the note is larger than ${IMPORT_ITEM_MAX_BYTES} bytes`);
          continue;
        }
        const parsed = parseNote(entry.fileName, await readText(zip, entry), now);
        for (const problem of parsed.problems) sink.error(origin(problem.line), problem.reason);
        if (!parsed.note) continue;
        const { links, category, ...insight } = parsed.note;
        const key = `m.${entry.fileName.toLowerCase()}`;
        await sink.insight(key, { ...insight, sourceType: 'import', categoryName: category }, origin(null));
        for (const link of links) {
          const target = byName.resolve(link.target);
          if (!target) {
            sink.error(origin(link.line), `links to [[${link.target}]], which is not in the vault`);
            continue;
          }
          await sink.relationship(
            key,
            `m.${target.toLowerCase()}`,
            { type: link.type, strength: 0.5, note: null, createdBy: 'user', createdAt: now, updatedAt: now },
            origin(link.line),
          );
        }
      }
    } finally {
      zip.close();
    }
    return sink.finish();
  }
}
