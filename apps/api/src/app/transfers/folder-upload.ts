import type { MultipartFile } from '@fastify/multipart';
import {
  IMPORT_ITEM_MAX_BYTES,
  ImportRefusedError,
  type ImportLimits,
  isHidden,
  ZipWriter,
} from '@insight/tasks';
import { ValidationProblem } from '@insight/platform';

/** Why a relative path sent with a folder upload is refused, or null when it is a safe one. */
export function folderPathProblem(path: string): string | null {
  if (path.length === 0 || path.length > 500) return 'must be a relative path of 1–500 characters';
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f]/.test(path)) return 'must not hold backslashes or control characters';
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return 'must be relative, not absolute';
  if (path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    return 'must not hold empty, "." or ".." segments';
  }
  return null;
}

/** Reads a part to its end; the content when it is at most `max` bytes, else null. Counts every byte. */
async function readPart(
  part: MultipartFile,
  max: number,
): Promise<{ content: Buffer | null; bytes: number }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes <= max) chunks.push(chunk);
    else chunks.length = 0;
  }
  return { content: bytes <= max && !part.file.truncated ? Buffer.concat(chunks) : null, bytes };
}

/**
 * Writes a folder upload (multipart fields `files`, each named by its path relative to the vault
 * root) into a zip at `path`, for the same vault import as an uploaded zip: notes (`.md` outside
 * hidden folders) are kept, other files read and dropped. Paths, the per-note limit, the total
 * size and the note count are checked as the parts arrive.
 * @throws ValidationProblem for an unsafe path or a folder without notes
 * @throws ImportRefusedError (tooLarge) over a limit
 */
export async function writeFolderZip(
  parts: AsyncIterable<MultipartFile>,
  path: string,
  limits: ImportLimits,
): Promise<number> {
  const zip = new ZipWriter(path);
  let total = 0;
  let notes = 0;
  try {
    for await (const part of parts) {
      if (part.fieldname !== 'files') {
        part.file.resume();
        throw new ValidationProblem({ files: ['send every file of a folder in fields named "files"'] });
      }
      const name = part.filename;
      const problem = folderPathProblem(name);
      if (problem) {
        part.file.resume();
        throw new ValidationProblem({ files: [`${name}: ${problem}`] });
      }
      const note = /\.md$/i.test(name) && !isHidden(name);
      const { content, bytes } = await readPart(part, note ? IMPORT_ITEM_MAX_BYTES : 0);
      total += bytes;
      if (total > limits.IMPORT_MAX_BYTES) {
        throw new ImportRefusedError(
          `the folder is larger than ${limits.IMPORT_MAX_BYTES} bytes (IMPORT_MAX_BYTES)`,
          true,
        );
      }
      if (!note) continue;
      if (!content) {
        throw new ImportRefusedError(
          `${name} is larger than ${IMPORT_ITEM_MAX_BYTES} bytes, the most one note may take`,
          true,
        );
      }
      notes += 1;
      if (notes > limits.IMPORT_MAX_ITEMS) {
        throw new ImportRefusedError(
          `the folder has more than ${limits.IMPORT_MAX_ITEMS} notes (IMPORT_MAX_ITEMS)`,
          true,
        );
      }
      await zip.add(name, content, new Date());
    }
    if (notes === 0) throw new ValidationProblem({ files: ['the folder has no Markdown (.md) notes'] });
    await zip.finish();
    return total;
  } catch (error) {
    await zip.abort();
    throw error;
  }
}
