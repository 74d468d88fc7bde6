import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** Writes lines to a file, waiting whenever the stream's buffer is full (flat memory). */
export class LineWriter {
  private readonly stream: WriteStream;
  private failure: Error | null = null;

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (error) => (this.failure = error));
  }

  async write(chunk: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async writeJsonLine(value: unknown): Promise<void> {
    await this.write(`${JSON.stringify(value)}\n`);
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
  }

  destroy(): void {
    this.stream.destroy();
  }
}
