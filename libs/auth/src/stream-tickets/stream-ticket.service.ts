import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  type AuthUser,
  DependencyUnavailableException,
  RedisClient,
  withTimeout,
} from '@insight/platform';

/** How long a ticket may wait for its one use. */
export const STREAM_TICKET_TTL_SECONDS = 60;
const REDIS_TIMEOUT_MS = 2000;

interface StoredTicket {
  purpose: string;
  user: Pick<AuthUser, 'id' | 'email' | 'role'>;
}

/**
 * One-time, short-lived, single-purpose tickets for URLs that cannot carry an Authorization
 * header (EventSource). The long-lived token never appears in a URL (and so in proxy logs); a
 * ticket that leaks there is already spent. Redis keeps only the ticket's hash and deletes it on
 * first use (GETDEL), so two replicas cannot both accept it.
 */
@Injectable()
export class StreamTicketService {
  constructor(
    private readonly redis: RedisClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** @throws DependencyUnavailableException while Redis is unreachable */
  async issue(user: AuthUser, purpose: string): Promise<{ ticket: string; expiresAt: Date }> {
    const ticket = randomBytes(32).toString('base64url');
    const stored: StoredTicket = { purpose, user: { id: user.id, email: user.email, role: user.role } };
    await this.withRedis(
      this.redis.set(this.key(ticket), JSON.stringify(stored), 'EX', STREAM_TICKET_TTL_SECONDS),
    );
    return { ticket, expiresAt: new Date(Date.now() + STREAM_TICKET_TTL_SECONDS * 1000) };
  }

  /** The user the ticket was issued to, once; null when unknown, used, expired or for another purpose. */
  async redeem(ticket: string, purpose: string): Promise<AuthUser | null> {
    if (!/^[\w-]{20,100}$/.test(ticket)) return null;
    const raw = await this.withRedis(this.redis.getdel(this.key(ticket)));
    if (!raw) return null;
    const stored = JSON.parse(raw) as StoredTicket;
    return stored.purpose === purpose ? { ...stored.user, via: 'stream-ticket' } : null;
  }

  private key(ticket: string): string {
    return `${this.config.QUEUE_PREFIX}:stream-ticket:${createHash('sha256').update(ticket).digest('hex')}`;
  }

  private async withRedis<T>(work: Promise<T>): Promise<T> {
    try {
      return await withTimeout(work, REDIS_TIMEOUT_MS, 'redis');
    } catch {
      throw new DependencyUnavailableException('redis');
    }
  }
}
