import { createReadStream, createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { crc32, deflateRawSync } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
/** Unix, spec 6.3 (as yazl writes it). */
const VERSION_MADE_BY = (3 << 8) | 63;
const VERSION_NEEDED = 20;
const VERSION_NEEDED_ZIP64 = 45;
const UTF8_NAMES = 1 << 11;
const DEFLATE = 8;
/** -rw-rw-r-- regular file. */
const FILE_ATTRIBUTES = (0o100664 << 16) >>> 0;
const MAX_32 = 0xffffffff;
const MAX_16 = 0xffff;
/** Bytes buffered per file stream before `add` waits for the disk. */
const WRITE_BUFFER = 256 * 1024;
/** Files up to this size are deflated into 2 KiB chunks. */
const SMALL_FILE = 16 * 1024;

/** Writes `buffer` to `stream`, waiting while the stream's buffer is full. */
async function write(stream: WriteStream, buffer: Buffer): Promise<void> {
  // `once` rejects when the stream fails meanwhile.
  if (!stream.write(buffer)) await once(stream, 'drain');
}

/**
 * A zeroed small buffer cut from Node's shared pool (`Buffer.alloc` gives each its own memory
 * block, which stays allocated until the garbage collector runs: 100,000 files made ~100 MB).
 */
function zeroed(length: number): Buffer {
  return Buffer.allocUnsafe(length).fill(0);
}

/** MS-DOS date and time (local time, 2-second steps, clamped to 1980–2107), as zip wants them. */
function dosDateTime(at: Date): { date: number; time: number } {
  const year = Math.min(Math.max(at.getFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
  };
}

/** The "UT" extended timestamp extra field: the modification time in Unix seconds. */
function unixTimeField(at: Date): Buffer {
  const field = zeroed(9);
  field.writeUInt16LE(0x5455, 0);
  field.writeUInt16LE(5, 2);
  field.writeUInt8(1, 4); // modification time present
  field.writeUInt32LE(Math.max(0, Math.min(MAX_32, Math.floor(at.getTime() / 1000))), 5);
  return field;
}

/** yazl's rules for an entry name: relative, `/`-separated, no `..` segment. */
function entryName(name: string): Buffer {
  const path = name.replace(/\\/g, '/');
  if (path === '' || path.endsWith('/')) throw new Error(`not a file name: ${name}`);
  if (/^[a-zA-Z]:/.test(path) || path.startsWith('/')) throw new Error(`absolute path: ${name}`);
  if (path.split('/').includes('..')) throw new Error(`invalid relative path: ${name}`);
  const bytes = Buffer.from(path, 'utf8');
  if (bytes.length > MAX_16) throw new Error(`file name too long: ${name}`);
  return bytes;
}

/**
 * Writes a zip file entry by entry with flat memory, whatever the number of entries. Each file is
 * deflated and written (local header with its CRC and sizes, then the data) before `add` returns,
 * waiting on the disk. The central directory, which the format wants at the end, is not kept in
 * memory: each entry's record is written to a spool file next to the zip as it goes, and appended
 * by `finish`. ZIP64 records are written where the format needs them (more than 65,535 entries, or
 * offsets past 4 GiB), as yazl did; yauzl reads them.
 */
export class ZipWriter {
  private readonly out: WriteStream;
  private readonly directory: WriteStream;
  private readonly directoryPath: string;
  private offset = 0;
  private directorySize = 0;
  private entries = 0;
  private failure: Error | null = null;

  constructor(private readonly path: string) {
    this.directoryPath = `${path}.directory`;
    this.out = createWriteStream(path, { highWaterMark: WRITE_BUFFER });
    this.directory = createWriteStream(this.directoryPath, { highWaterMark: WRITE_BUFFER });
    for (const stream of [this.out, this.directory]) {
      stream.on('error', (error) => (this.failure ??= error));
    }
  }

  /** Adds a file (`name` is its path in the zip), once the previous one is written. */
  async add(name: string, content: Buffer, mtime: Date): Promise<void> {
    this.check();
    const fileName = entryName(name);
    // Synchronous: notes are small (≤ 1 MiB), and a hop to the thread pool per file cost more
    // than the compression itself (4× slower exports on a loaded machine). A small chunk size for
    // small files: the result is a view of zlib's output chunk, 16 KiB by default however short.
    const data = deflateRawSync(content, { chunkSize: content.length <= SMALL_FILE ? 2048 : 64 * 1024 });
    if (data.length >= MAX_32 || content.length >= MAX_32)
      throw new Error(`${name} is too large for a zip entry`);
    const crc = crc32(content);
    const { date, time } = dosDateTime(mtime);
    const extra = unixTimeField(mtime);
    const local = zeroed(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const at = this.offset;
    await write(this.out, Buffer.concat([local, fileName, extra]));
    await write(this.out, data);
    this.offset += local.length + fileName.length + extra.length + data.length;

    // The central directory record, spooled: a ZIP64 extra field holds an offset past 4 GiB.
    const zip64 = at >= MAX_32;
    const zip64Extra = zeroed(zip64 ? 12 : 0);
    if (zip64) {
      zip64Extra.writeUInt16LE(0x0001, 0);
      zip64Extra.writeUInt16LE(8, 2);
      zip64Extra.writeBigUInt64LE(BigInt(at), 4);
    }
    const central = zeroed(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(VERSION_MADE_BY, 4);
    central.writeUInt16LE(zip64 ? VERSION_NEEDED_ZIP64 : VERSION_NEEDED, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(DEFLATE, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt16LE(extra.length + zip64Extra.length, 30);
    // comment length, disk number, internal attributes: 0
    central.writeUInt32LE(FILE_ATTRIBUTES, 38);
    central.writeUInt32LE(zip64 ? MAX_32 : at, 42);
    const record = Buffer.concat([central, fileName, extra, zip64Extra]);
    await write(this.directory, record);
    this.directorySize += record.length;
    this.entries += 1;
  }

  /** Appends the central directory and its end records and waits until the file is complete. */
  async finish(): Promise<void> {
    this.check();
    this.directory.end();
    await once(this.directory, 'close');
    this.check();
    const directoryOffset = this.offset;
    for await (const chunk of createReadStream(this.directoryPath)) await write(this.out, chunk as Buffer);
    rmSync(this.directoryPath, { force: true });
    const ends: Buffer[] = [];
    const needsZip64 = this.entries >= MAX_16 || directoryOffset >= MAX_32 || this.directorySize >= MAX_32;
    if (needsZip64) {
      const zip64End = Buffer.alloc(56);
      zip64End.writeUInt32LE(ZIP64_END_OF_CENTRAL_DIRECTORY, 0);
      zip64End.writeBigUInt64LE(44n, 4); // size of the rest of this record
      zip64End.writeUInt16LE(VERSION_MADE_BY, 12);
      zip64End.writeUInt16LE(VERSION_NEEDED_ZIP64, 14);
      // this disk, disk of the directory: 0
      zip64End.writeBigUInt64LE(BigInt(this.entries), 24);
      zip64End.writeBigUInt64LE(BigInt(this.entries), 32);
      zip64End.writeBigUInt64LE(BigInt(this.directorySize), 40);
      zip64End.writeBigUInt64LE(BigInt(directoryOffset), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(ZIP64_LOCATOR, 0);
      locator.writeBigUInt64LE(BigInt(directoryOffset + this.directorySize), 8);
      locator.writeUInt32LE(1, 16); // disks
      ends.push(zip64End, locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(Math.min(this.entries, MAX_16), 8);
    end.writeUInt16LE(Math.min(this.entries, MAX_16), 10);
    end.writeUInt32LE(Math.min(this.directorySize, MAX_32), 12);
    end.writeUInt32LE(Math.min(directoryOffset, MAX_32), 16);
    ends.push(end);
    await write(this.out, Buffer.concat(ends));
    this.out.end();
    await once(this.out, 'close');
    this.check();
  }

  /** Stops writing (the zip is left incomplete; remove it) and removes the spool file. */
  async abort(): Promise<void> {
    for (const stream of [this.out, this.directory]) {
      if (!stream.closed) {
        const closed = once(stream, 'close');
        stream.destroy();
        await closed.catch(() => undefined);
      }
    }
    rmSync(this.directoryPath, { force: true });
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
