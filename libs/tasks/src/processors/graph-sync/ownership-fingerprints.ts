import { createHash } from 'node:crypto';

/** What a user owns, summarised: equal fingerprints mean (all but certainly) equal id sets. */
export interface Fingerprint {
  count: number;
  /** XOR of 64 bits of each id's hash: independent of order, changed by any id in or out. */
  high: number;
  low: number;
}

/** Fingerprints per user, fed id by id in any order. */
export class OwnershipFingerprints {
  private readonly byUser = new Map<string, Fingerprint>();

  add(userId: string, id: string): void {
    const digest = createHash('sha1').update(id).digest();
    const print = this.byUser.get(userId) ?? { count: 0, high: 0, low: 0 };
    print.count++;
    print.high = (print.high ^ digest.readUInt32BE(0)) >>> 0;
    print.low = (print.low ^ digest.readUInt32BE(4)) >>> 0;
    this.byUser.set(userId, print);
  }

  users(): string[] {
    return [...this.byUser.keys()];
  }

  /** Whether the user owns exactly the same ids in both. */
  sameFor(userId: string, other: OwnershipFingerprints): boolean {
    const a = this.byUser.get(userId);
    const b = other.byUser.get(userId);
    if (!a || !b) return !a && !b;
    return a.count === b.count && a.high === b.high && a.low === b.low;
  }
}
