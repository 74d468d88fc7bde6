import { Injectable, NotFoundException } from '@nestjs/common';
import type { CreatedPersonalAccessToken, PersonalAccessToken } from '@insight/contracts';
import { UsersRepository } from '@insight/insights';
import type { AuthUser } from '@insight/platform';
import { hashSecret, newSecret } from '../token-secrets';
import {
  PersonalAccessTokenRepository,
  type PersonalAccessTokenRecord,
} from './personal-access-token.repository';

/** Every personal access token starts with this, so the guard knows it from a JWT at a glance. */
export const PERSONAL_ACCESS_TOKEN_PREFIX = 'pat_';

const LAST_USED_GRANULARITY_MS = 60_000;

function toContract(token: PersonalAccessTokenRecord): PersonalAccessToken {
  return {
    id: token.id,
    name: token.name,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  };
}

/** Long-lived tokens for scripts: created, listed and revoked by their owner. */
@Injectable()
export class PersonalAccessTokenService {
  constructor(
    private readonly tokens: PersonalAccessTokenRepository,
    private readonly users: UsersRepository,
  ) {}

  /** The answer carries the secret; it is not stored and cannot be shown again. */
  async create(userId: string, name: string): Promise<CreatedPersonalAccessToken> {
    const token = `${PERSONAL_ACCESS_TOKEN_PREFIX}${newSecret()}`;
    const created = await this.tokens.create({ userId, name, tokenHash: hashSecret(token) });
    return { ...toContract(created), token };
  }

  async list(userId: string): Promise<PersonalAccessToken[]> {
    return (await this.tokens.listActive(userId)).map(toContract);
  }

  /** 404 for an unknown id, another user's token or one already revoked. */
  async revoke(userId: string, id: string): Promise<void> {
    if (!(await this.tokens.revoke(userId, id, new Date()))) {
      throw new NotFoundException(`No personal access token ${id}`);
    }
  }

  /** The token's owner, or null when the token is unknown, revoked or its owner is gone. */
  async authenticate(token: string): Promise<AuthUser | null> {
    const found = await this.tokens.findActiveByHash(hashSecret(token));
    if (!found) return null;
    const owner = await this.users.findById(found.userId);
    if (!owner) return null;
    await this.tokens.touch(found.id, new Date(), LAST_USED_GRANULARITY_MS);
    return { id: owner.id, email: owner.email, role: owner.role, via: 'personal-access-token' };
  }
}
