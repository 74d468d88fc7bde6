import { Inject, Injectable } from '@nestjs/common';
import { type Entry, openPromise, type ZipFile } from 'yauzl';
import type { ImportResult } from '@insight/contracts';
import { PortabilityRepository } from '@insight/insights';
import { APP_CONFIG, type AppConfig } from '@insight/platform';
import { InsightJobsProducer } from '../../insights/insight-jobs.producer';
import { ImportSink } from './import-sink';
import type { ProgressReporter } from './json-export.service';
import { ImportRefusedError } from './json-import.service';
import { parseNote } from './markdown-notes';

/** Largest note read (a note holds at most 100k characters of text). */
const MAX_NOTE_BYTES = 1024 * 1024;
/** An entry expanding more than this many times over its compressed size is treated as a zip bomb. */
const MAX_RATIO = 100;

/** Entries one by one (yauzl's lazy mode), as an async iterator. */
async function* entriesOf(zip: ZipFile): AsyncGenerator<Entry> {
  for (;;) {
    const entry = await new Promise<Entry | null>((resolve, reject) => {
      const done = () => {
        zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      };
      const onEntry = (e: Entry) => (done(), resolve(e));
      const onEnd = () => (done(), resolve(null));
      const onError = (error: Error) => (done(), reject(error));
      zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
      zip.readEntry();
    });
    if (!entry) return;
    yield entry;
  }
}

async function readText(zip: ZipFile, entry: Entry): Promise<string> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    // validateEntrySizes already stops a stream longer than declared; this bounds what is kept.
    if (size > MAX_NOTE_BYTES) throw new Error('larger than declared');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const isNote = (entry: Entry) => /\.md$/i.test(entry.fileName) && !entry.fileName.endsWith('/');
/** Hidden folders (.obsidian, .trash …) hold settings, not notes. */
const isHidden = (path: string) => path.split('/').some((part) => part.startsWith('.'));

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
    const byName = await this.checkWhole(path);
    const sink = new ImportSink(userId, this.portability, this.jobs);
    const now = new Date();
    const zip = await this.open(path);
    let seen = 0;
    try {
      for await (const entry of entriesOf(zip)) {
        if (!isNote(entry) || isHidden(entry.fileName)) continue;
        seen += 1;
        if (seen % 500 === 0) await progress(seen, byName.count);
        const origin = (line: number | null) => ({ line, item: entry.fileName });
        if (entry.uncompressedSize > MAX_NOTE_BYTES) {
          sink.error(origin(null), `the note is larger than ${MAX_NOTE_BYTES} bytes`);
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
          sink.relationship(
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

  private open(path: string): Promise<ZipFile> {
    return openPromise(path, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }).catch(
      (error: Error) => {
        throw new ImportRefusedError(`the file is not a readable zip: ${error.message}`);
      },
    );
  }

  /** @throws ImportRefusedError naming what is wrong with the zip as a whole */
  private async checkWhole(
    path: string,
  ): Promise<{ count: number; resolve: (target: string) => string | null }> {
    const zip = await this.open(path);
    const byBase = new Map<string, string>();
    const byPath = new Map<string, string>();
    let count = 0;
    let total = 0;
    try {
      for await (const entry of entriesOf(zip)) {
        total += entry.uncompressedSize;
        if (
          entry.uncompressedSize > 1024 * 1024 &&
          entry.uncompressedSize > entry.compressedSize * MAX_RATIO
        ) {
          throw new ImportRefusedError(
            `${entry.fileName} expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times: refused as a zip bomb`,
          );
        }
        if (total > this.config.IMPORT_MAX_BYTES * 10) {
          throw new ImportRefusedError(
            `the zip expands to more than ${this.config.IMPORT_MAX_BYTES * 10} bytes: refused as a zip bomb`,
          );
        }
        if (!isNote(entry) || isHidden(entry.fileName)) continue;
        count += 1;
        if (count > this.config.IMPORT_MAX_ITEMS) {
          throw new ImportRefusedError(
            `the vault has more than ${this.config.IMPORT_MAX_ITEMS} notes (IMPORT_MAX_ITEMS)`,
          );
        }
        const withoutExtension = entry.fileName.replace(/\.md$/i, '');
        const base = withoutExtension.split('/').pop() ?? withoutExtension;
        if (!byBase.has(base.toLowerCase())) byBase.set(base.toLowerCase(), entry.fileName);
        byPath.set(withoutExtension.toLowerCase(), entry.fileName);
      }
    } catch (error) {
      if (error instanceof ImportRefusedError) throw error;
      // yauzl refuses absolute paths, `..` segments and backslashes in entry names.
      throw new ImportRefusedError(`the zip has an unsafe or broken entry: ${(error as Error).message}`);
    } finally {
      zip.close();
    }
    if (count === 0) throw new ImportRefusedError('the zip has no Markdown (.md) notes');
    return {
      count,
      resolve: (target) => {
        const key = target.replace(/\.md$/i, '').toLowerCase();
        return byPath.get(key) ?? byBase.get(key.split('/').pop() ?? key) ?? null;
      },
    };
  }
}
