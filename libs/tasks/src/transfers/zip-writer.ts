import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** Files added but not yet started by yazl; `add` waits beyond this. */
const MAX_WAITING_ENTRIES = 16;

/**
 * Writes a zip file entry by entry with flat memory. Each file goes to yazl as a lazy stream:
 * yazl asks for it once the entries before it are written, compresses it as a stream piped to the
 * file (the disk's backpressure holds the pipe), and `add` waits while more than a few files are
 * queued. yazl keeps the read function with its entry, so that function lets go of the content
 * once read; what stays per file is its central directory record (the format needs it at the end).
 */
export class ZipWriter {
  private readonly zip = new ZipFile();
  private readonly written: Promise<void>;
  private readonly failed: Promise<never>;
  private readonly started = new EventTarget();
  private added = 0;
  private begun = 0;

  constructor(path: string) {
    this.written = pipeline(this.zip.outputStream, createWriteStream(path));
    // Rejects a waiting `add` too when the file fails, instead of waiting for ever.
    this.failed = this.written.then(
      () => new Promise<never>(() => undefined),
      (error: unknown) => Promise.reject(error),
    );
    this.failed.catch(() => undefined);
  }

  /** Adds a file (`name` is its path in the zip), waiting while yazl is behind. */
  async add(name: string, content: Buffer, mtime: Date): Promise<void> {
    let data: Buffer | null = content;
    this.zip.addReadStreamLazy(name, { mtime, size: content.length }, (callback) => {
      this.begun += 1;
      this.started.dispatchEvent(new Event('started'));
      const stream = Readable.from([data as Buffer]);
      data = null;
      callback(null, stream);
    });
    this.added += 1;
    while (this.added - this.begun > MAX_WAITING_ENTRIES) {
      await Promise.race([once(this.started, 'started'), this.failed]);
    }
  }

  /** Writes the central directory and waits until the file is complete. */
  async finish(): Promise<void> {
    this.zip.end();
    await this.written;
  }

  /** Stops writing (the file is left incomplete; remove it). */
  async abort(): Promise<void> {
    (this.zip.outputStream as Readable).destroy();
    await this.written.catch(() => undefined);
  }
}
