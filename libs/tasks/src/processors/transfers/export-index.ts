/**
 * Compact per-insight structures for an export of any size: a JavaScript Map or object per
 * insight costs hundreds of bytes (100,000 insights: tens of MB, growing with the account), these
 * cost a few bytes per insight or relationship in a handful of flat buffers.
 */

const ID_BYTES = 12;

/** A buffer twice as large, with `buffer`'s content. */
function grow<T extends Uint8Array | Int32Array>(buffer: T, minLength: number): T {
  if (buffer.length >= minLength) return buffer;
  const larger = new (buffer.constructor as new (length: number) => T)(
    Math.max(minLength, buffer.length * 2),
  );
  larger.set(buffer);
  return larger;
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * Every insight's id (an ObjectId's 12 bytes) and file name, unique in the whole export: a name
 * already taken (case-insensitively) gets the id's last 6 characters. Taken names are kept as
 * 32-bit hashes; a rare hash clash only adds that suffix to a name that did not need it.
 * `seal` sorts the ids once; `indexOf` is then a binary search.
 */
export class FileNames {
  private ids = new Uint8Array(ID_BYTES * 1024);
  private names = new Uint8Array(64 * 1024);
  private ends = new Int32Array(1024);
  private order = new Int32Array(0);
  private readonly taken = new Set<number>();
  private count = 0;
  private nameBytes = 0;

  get size(): number {
    return this.count;
  }

  /** Records insight `id` (24 hex characters) under `name`, or a unique variant of it. */
  add(id: string, name: string): void {
    let unique = name;
    if (this.taken.has(hash(unique.toLowerCase()))) unique = `${name} (${id.slice(-6)})`;
    this.taken.add(hash(unique.toLowerCase()));
    const bytes = Buffer.from(unique, 'utf8');
    this.ids = grow(this.ids, (this.count + 1) * ID_BYTES);
    Buffer.from(this.ids.buffer, this.ids.byteOffset, this.ids.byteLength).write(
      id,
      this.count * ID_BYTES,
      'hex',
    );
    this.names = grow(this.names, this.nameBytes + bytes.length);
    this.names.set(bytes, this.nameBytes);
    this.nameBytes += bytes.length;
    this.ends = grow(this.ends, this.count + 1);
    this.ends[this.count] = this.nameBytes;
    this.count += 1;
  }

  /** Sorts the ids for `indexOf`; call once, after the last `add`. */
  seal(): void {
    this.taken.clear();
    const ids = Buffer.from(this.ids.buffer, this.ids.byteOffset, this.count * ID_BYTES);
    this.order = new Int32Array(this.count).map((_, i) => i);
    this.order.sort((a, b) =>
      ids.compare(ids, b * ID_BYTES, b * ID_BYTES + ID_BYTES, a * ID_BYTES, a * ID_BYTES + ID_BYTES),
    );
  }

  /** The position of insight `id` (as `add` numbered them), or -1. */
  indexOf(id: string): number {
    if (!/^[0-9a-f]{24}$/i.test(id)) return -1;
    const wanted = Buffer.from(id, 'hex');
    const ids = Buffer.from(this.ids.buffer, this.ids.byteOffset, this.count * ID_BYTES);
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.order[middle] * ID_BYTES;
      const comparison = ids.compare(wanted, 0, ID_BYTES, at, at + ID_BYTES);
      if (comparison === 0) return this.order[middle];
      if (comparison < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** The file name of the insight at `index` (without `.md`). */
  name(index: number): string {
    const start = index === 0 ? 0 : this.ends[index - 1];
    return Buffer.from(this.names.buffer, this.names.byteOffset, this.nameBytes).toString(
      'utf8',
      start,
      this.ends[index],
    );
  }
}

/**
 * Links between insights by position (FileNames' numbering) with a small type number, grouped by
 * source once all are added (a counting sort into flat arrays, keeping the order they came in).
 */
export class LinkTable {
  private sources = new Int32Array(4096);
  private targets = new Int32Array(4096);
  private types = new Uint8Array(4096);
  private starts = new Int32Array(0);
  private count = 0;

  constructor(private readonly insights: number) {}

  get size(): number {
    return this.count;
  }

  add(source: number, target: number, type: number): void {
    this.sources = grow(this.sources, this.count + 1);
    this.targets = grow(this.targets, this.count + 1);
    this.types = grow(this.types, this.count + 1);
    this.sources[this.count] = source;
    this.targets[this.count] = target;
    this.types[this.count] = type;
    this.count += 1;
  }

  /** Groups the links by source; call once, after the last `add`. */
  seal(): void {
    const starts = new Int32Array(this.insights + 1);
    for (let i = 0; i < this.count; i += 1) starts[this.sources[i] + 1] += 1;
    for (let i = 0; i < this.insights; i += 1) starts[i + 1] += starts[i];
    const next = starts.slice(0, this.insights);
    const targets = new Int32Array(this.count);
    const types = new Uint8Array(this.count);
    for (let i = 0; i < this.count; i += 1) {
      const at = next[this.sources[i]]++;
      targets[at] = this.targets[i];
      types[at] = this.types[i];
    }
    this.starts = starts;
    this.targets = targets;
    this.types = types;
    this.sources = new Int32Array(0);
  }

  /** Calls `visit` with each link of insight `source`, in the order they were added. */
  forEach(source: number, visit: (target: number, type: number) => void): void {
    for (let i = this.starts[source]; i < this.starts[source + 1]; i += 1)
      visit(this.targets[i], this.types[i]);
  }
}
