import { Logger } from '@nestjs/common';
import type { AppConfig } from '@insight/platform';
import type { SessionRevocations } from '../sessions/session-revocations';
import {
  type NewRefreshToken,
  RefreshTokenRepository,
  type RefreshTokenRecord,
} from './refresh-token.repository';
import { RefreshTokenService } from './refresh-token.service';

/** The repository's contract in memory, so the rotation rules can be tested alone. */
class InMemoryRefreshTokens extends RefreshTokenRepository {
  readonly records = new Map<string, RefreshTokenRecord & { rotatedFrom: string }>();

  async insert(token: NewRefreshToken): Promise<boolean> {
    // The Mongo repository has a unique index on rotatedFrom.
    if ([...this.records.values()].some((r) => r.rotatedFrom === token.rotatedFrom)) return false;
    this.records.set(token.id, { ...token, revokedAt: null, replacedBy: null });
    return true;
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    return [...this.records.values()].find((r) => r.tokenHash === tokenHash) ?? null;
  }

  async markReplaced(id: string, replacedBy: string): Promise<boolean> {
    const record = this.records.get(id);
    if (!record || record.replacedBy !== null || record.revokedAt !== null) return false;
    record.replacedBy = replacedBy;
    return true;
  }

  async familyRevoked(familyId: string): Promise<boolean> {
    return [...this.records.values()].some((r) => r.familyId === familyId && r.revokedAt !== null);
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    for (const r of this.records.values()) if (r.familyId === familyId) r.revokedAt ??= at;
  }

  async revokeAllOfUser(userId: string, at: Date): Promise<void> {
    for (const r of this.records.values()) if (r.userId === userId) r.revokedAt ??= at;
  }

  activeOf(userId: string): RefreshTokenRecord[] {
    return [...this.records.values()].filter((r) => r.userId === userId && r.revokedAt === null);
  }
}

describe('RefreshTokenService', () => {
  let tokens: InMemoryRefreshTokens;
  let service: RefreshTokenService;

  // Reuse is logged as a warning; the tests provoke it on purpose.
  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    tokens = new InMemoryRefreshTokens();
    // Ending the access tokens of a revoked family is exercised against real Redis (security e2e suite).
    const revocations = { endSession: async () => undefined, endAllOfUser: async () => undefined };
    service = new RefreshTokenService(
      tokens,
      { REFRESH_TOKEN_TTL_DAYS: 30 } as AppConfig,
      revocations as unknown as SessionRevocations,
    );
  });

  it('stores only a hash of the token', async () => {
    const issued = await service.issue('alice');
    const [stored] = tokens.records.values();
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(issued.token);
  });

  it('exchanges a token for a new one of the same family', async () => {
    const first = await service.issue('alice');
    const rotated = await service.rotate(first.token);
    expect(rotated?.userId).toBe('alice');
    expect(rotated?.next.token).not.toBe(first.token);
    const records = [...tokens.records.values()];
    expect(new Set(records.map((r) => r.familyId)).size).toBe(1);
    expect(records[0].replacedBy).toBe(records[1].id);
    expect(records[1].rotatedFrom).toBe(records[0].id);
  });

  it('refuses a rotated token and revokes its whole family, successor included', async () => {
    const first = await service.issue('alice');
    const rotated = await service.rotate(first.token);
    await expect(service.rotate(first.token)).resolves.toBeNull();
    await expect(service.rotate(rotated?.next.token ?? '')).resolves.toBeNull();
    expect(tokens.activeOf('alice')).toEqual([]);
  });

  it("leaves the user's other sign-ins alone when one family is revoked", async () => {
    const laptop = await service.issue('alice');
    const phone = await service.issue('alice');
    await service.rotate(laptop.token);
    await service.rotate(laptop.token); // reuse
    await expect(service.rotate(phone.token)).resolves.not.toBeNull();
  });

  it('lets only one of two simultaneous uses of the same token win', async () => {
    const first = await service.issue('alice');
    const results = await Promise.all([service.rotate(first.token), service.rotate(first.token)]);
    expect(results.filter((r) => r !== null).length).toBeLessThanOrEqual(1);
    // Two uses of one token are a reuse, so the family ends either way.
    expect(tokens.activeOf('alice')).toEqual([]);
  });

  it('refuses unknown and expired tokens', async () => {
    await expect(service.rotate('never-issued')).resolves.toBeNull();
    const issued = await service.issue('alice');
    const [stored] = tokens.records.values();
    stored.expiresAt = new Date(Date.now() - 1000);
    await expect(service.rotate(issued.token)).resolves.toBeNull();
  });

  it('ends a sign-in on logout', async () => {
    const first = await service.issue('alice');
    const rotated = await service.rotate(first.token);
    await service.revokeFamilyOf(rotated?.next.token ?? '');
    await expect(service.rotate(rotated?.next.token ?? '')).resolves.toBeNull();
  });

  it("revokes every one of the user's tokens and nobody else's", async () => {
    const laptop = await service.issue('alice');
    const phone = await service.issue('alice');
    const bobs = await service.issue('bob');
    await service.revokeAllOfUser('alice');
    await expect(service.rotate(laptop.token)).resolves.toBeNull();
    await expect(service.rotate(phone.token)).resolves.toBeNull();
    await expect(service.rotate(bobs.token)).resolves.not.toBeNull();
  });
});
