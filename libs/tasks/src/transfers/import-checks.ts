import { Transform, type TransformCallback } from 'node:stream';
import { type Entry, openPromise, type ZipFile } from 'yauzl';

/**
 * Checks of an import file as a whole, shared by the api (which answers at upload time what it
 * can know then) and the worker (which checks again before writing anything).
 */

/** Largest single item: one JSON line, or one Markdown note (a note holds at most 100k characters). */
export const IMPORT_ITEM_MAX_BYTES = 1024 * 1024;
/** An entry expanding more than this many times over its compressed size is treated as a zip bomb. */
const MAX_RATIO = 100;

/** The file cannot be imported at all (nothing was written); `tooLarge` when a size limit is why. */
export class ImportRefusedError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

export interface ImportLimits {
  IMPORT_MAX_BYTES: number;
  IMPORT_MAX_ITEMS: number;
}

/**
 * Passes a JSON Lines upload through until one line is longer than IMPORT_ITEM_MAX_BYTES; from
 * then on it reads the rest without passing it on (the upload is consumed, nothing more is
 * written) and `refused` says why, so an oversized item is answered at upload time.
 */
export class LineLengthLimit extends Transform {
  refused: ImportRefusedError | null = null;
  private line = 1;
  private length = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.refused) return callback();
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      if (this.length + newline - start > IMPORT_ITEM_MAX_BYTES) return this.refuse(callback);
      this.line += 1;
      this.length = 0;
      start = newline + 1;
    }
    this.length += chunk.length - start;
    if (this.length > IMPORT_ITEM_MAX_BYTES) return this.refuse(callback);
    callback(null, chunk);
  }

  private refuse(callback: TransformCallback): void {
    this.refused = new ImportRefusedError(
      `line ${this.line} is longer than ${IMPORT_ITEM_MAX_BYTES} bytes, the most one item may take`,
      true,
    );
    callback();
  }
}

/** Entries one by one (yauzl's lazy mode), as an async iterator. */
export async function* zipEntries(zip: ZipFile): AsyncGenerator<Entry> {
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

export function openZip(path: string): Promise<ZipFile> {
  return openPromise(path, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }).catch(
    (error: Error) => {
      throw new ImportRefusedError(`the file is not a readable zip: ${error.message}`);
    },
  );
}

export const isNote = (entry: Entry) => /\.md$/i.test(entry.fileName) && !entry.fileName.endsWith('/');
/** Hidden folders (.obsidian, .trash …) hold settings, not notes. */
export const isHidden = (path: string) => path.split('/').some((part) => part.startsWith('.'));

/** The notes of a vault, by name, for links to resolve. */
export interface VaultDirectory {
  count: number;
  resolve: (target: string) => string | null;
}

/**
 * Reads only the zip's central directory: refuses the whole file for unsafe paths (yauzl rejects
 * absolute and `..` names), a note larger than IMPORT_ITEM_MAX_BYTES, entries that expand
 * suspiciously (zip bombs) or too many notes, and learns every note's name so links resolve.
 * @throws ImportRefusedError naming what is wrong with the zip as a whole
 */
export async function checkVault(path: string, limits: ImportLimits): Promise<VaultDirectory> {
  const zip = await openZip(path);
  const byBase = new Map<string, string>();
  const byPath = new Map<string, string>();
  let count = 0;
  let total = 0;
  try {
    for await (const entry of zipEntries(zip)) {
      total += entry.uncompressedSize;
      if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > entry.compressedSize * MAX_RATIO) {
        throw new ImportRefusedError(
          `${entry.fileName} expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times: refused as a zip bomb`,
          true,
        );
      }
      if (total > limits.IMPORT_MAX_BYTES * 10) {
        throw new ImportRefusedError(
          `the zip expands to more than ${limits.IMPORT_MAX_BYTES * 10} bytes: refused as a zip bomb`,
          true,
        );
      }
      if (!isNote(entry) || isHidden(entry.fileName)) continue;
      if (entry.uncompressedSize > IMPORT_ITEM_MAX_BYTES) {
        throw new ImportRefusedError(
          `${entry.fileName} is larger than ${IMPORT_ITEM_MAX_BYTES} bytes, the most one note may take`,
          true,
        );
      }
      count += 1;
      if (count > limits.IMPORT_MAX_ITEMS) {
        throw new ImportRefusedError(
          `the vault has more than ${limits.IMPORT_MAX_ITEMS} notes (IMPORT_MAX_ITEMS)`,
          true,
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
