import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entry, ZipFile } from 'yauzl';
import { openZip, zipEntries } from './import-checks';
import { ZipWriter } from './zip-writer';

async function readAll(
  path: string,
): Promise<{ zip: ZipFile; files: Map<string, { text: string; entry: Entry }> }> {
  // The project's own reader: the import reads exports back with it.
  const zip = await openZip(path);
  const files = new Map<string, { text: string; entry: Entry }>();
  for await (const entry of zipEntries(zip)) {
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    files.set(entry.fileName, { text: Buffer.concat(chunks).toString('utf8'), entry });
  }
  return { zip, files };
}

describe('ZipWriter', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'zip-writer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes files that yauzl reads back with their content, names and dates, and removes its spool file', async () => {
    const path = join(dir, 'out.zip');
    const zip = new ZipWriter(path);
    const mtime = new Date('2025-03-04T05:06:08.000Z');
    await zip.add('Notes/Ünïcödé title.md', Buffer.from('# héllo\n'.repeat(100)), mtime);
    await zip.add('empty.md', Buffer.alloc(0), mtime);
    // Larger than a deflate chunk, and barely compressible.
    const big = randomBytes(300_000).toString('base64');
    await zip.add('big.md', Buffer.from(big), mtime);
    await zip.finish();
    expect(readdirSync(dir)).toEqual(['out.zip']);
    const { zip: read, files } = await readAll(path);
    expect(read.entryCount).toBe(3);
    expect(files.get('big.md')?.text).toBe(big);
    expect(files.get('Notes/Ünïcödé title.md')?.text).toBe('# héllo\n'.repeat(100));
    expect(files.get('empty.md')?.text).toBe('');
    expect(files.get('empty.md')?.entry.getLastModDate().getTime()).toBe(mtime.getTime());
    expect(files.get('Notes/Ünïcödé title.md')?.entry.compressionMethod).toBe(8);
  });

  it('writes ZIP64 end records beyond 65,535 entries', async () => {
    const path = join(dir, 'many.zip');
    const zip = new ZipWriter(path);
    const count = 70_000;
    for (let i = 0; i < count; i += 1) await zip.add(`n/${i}.md`, Buffer.from(`note ${i}`), new Date());
    await zip.finish();
    const { zip: read, files } = await readAll(path);
    expect(read.entryCount).toBe(count);
    expect(files.size).toBe(count);
    expect(files.get('n/0.md')?.text).toBe('note 0');
    expect(files.get(`n/${count - 1}.md`)?.text).toBe(`note ${count - 1}`);
  }, 120_000);

  it('refuses unsafe names and removes its spool file on abort', async () => {
    const path = join(dir, 'bad.zip');
    const zip = new ZipWriter(path);
    await expect(zip.add('../escape.md', Buffer.from('x'), new Date())).rejects.toThrow(
      'invalid relative path',
    );
    await expect(zip.add('/abs.md', Buffer.from('x'), new Date())).rejects.toThrow('absolute path');
    await zip.abort();
    expect(readdirSync(dir).filter((name) => name.endsWith('.directory'))).toEqual([]);
  });
});
