/** A small, fast, seedable PRNG (mulberry32): the same seed always yields the same data. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Favours the front of the list (roughly Zipf), like real tag and word usage. */
  pickSkewed<T>(items: readonly T[]): T {
    return items[Math.floor(items.length * this.next() ** 2.2)];
  }

  /** `count` distinct items, skewed towards the front. */
  sampleSkewed<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<T>();
    for (let guard = 0; chosen.size < Math.min(count, items.length) && guard < count * 20; guard++) {
      chosen.add(this.pickSkewed(items));
    }
    return [...chosen];
  }

  /** `bytes` pseudo-random bytes. */
  bytes(count: number): Buffer {
    const out = Buffer.alloc(count);
    for (let i = 0; i < count; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }
}

/** A 32-bit seed for one stream (e.g. one user) derived from the run's seed. */
export function deriveSeed(seed: number, stream: string): number {
  let hash = 2166136261 ^ seed;
  for (let i = 0; i < stream.length; i++) hash = Math.imul(hash ^ stream.charCodeAt(i), 16777619);
  return hash >>> 0;
}
