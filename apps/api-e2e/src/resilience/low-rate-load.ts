import { randomBytes } from 'node:crypto';
import { TEST_PASSWORD, uniqueClientIp } from '../support/users';

/** One answer (or its absence) the load received. */
export interface Answer {
  operation: 'create' | 'update' | 'read' | 'link';
  phase: string;
  /** 0 when no answer came: connection refused on every api, or no answer within the timeout. */
  status: number;
  contentType: string;
  ms: number;
  error?: string;
}

interface LoadUser {
  id: string;
  token: string;
  insights: string[];
}

/** What the load was told was stored, to compare with MongoDB and Neo4j afterwards. */
export interface Acknowledged {
  /** Insight id → its owner and every title sent since the last acknowledged one (first = acked). */
  insights: Map<string, { userId: string; titles: string[] }>;
  relationships: Set<string>;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * A small, steady mix of writes and reads from a few users, spread over several api processes
 * the way a load balancer would: a connection refused by one api is retried once on the next.
 * It records every answer with the phase it happened in, and what was acknowledged.
 */
export class LowRateLoad {
  readonly answers: Answer[] = [];
  readonly acknowledged: Acknowledged = { insights: new Map(), relationships: new Set() };
  phase = 'warm-up';
  private users: LoadUser[] = [];
  private running = false;
  private loop: Promise<void> | null = null;
  private next = 0;
  private counter = 0;

  constructor(
    private readonly bases: string[],
    private readonly intervalMs = 100,
  ) {}

  get userIds(): string[] {
    return this.users.map((user) => user.id);
  }

  async signUp(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${this.bases[0]}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': uniqueClientIp() },
        body: JSON.stringify({
          email: `faults-${randomBytes(6).toString('hex')}@e2e.example.com`,
          password: TEST_PASSWORD,
          displayName: `Fault load ${i}`,
        }),
      });
      if (response.status !== 201) throw new Error(`register answered ${response.status}`);
      const session = (await response.json()) as { accessToken: string; user: { id: string } };
      this.users.push({ id: session.user.id, token: session.accessToken, insights: [] });
    }
  }

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await this.step();
        await new Promise((r) => setTimeout(r, this.intervalMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /**
   * Answers that are neither a success, an intended conflict nor a 503 problem. A connection lost
   * while its api process was being killed is the one failure `lostConnectionPhases` allows.
   */
  unacceptable(lostConnectionPhases: string[] = []): Answer[] {
    return this.answers.filter(
      (answer) =>
        !(answer.status >= 200 && answer.status < 300) &&
        !(answer.status === 0 && lostConnectionPhases.includes(answer.phase)) &&
        !(answer.operation === 'link' && answer.status === 409) &&
        !(answer.status === 503 && answer.contentType.startsWith('application/problem+json')),
    );
  }

  private async step(): Promise<void> {
    const user = this.users[this.counter++ % this.users.length];
    const roll = this.counter % 10;
    if (user.insights.length < 2 || roll < 4) return this.create(user);
    const id = user.insights[this.counter % user.insights.length];
    if (roll < 6) return this.update(user, id);
    if (roll < 9) {
      await this.send(user, 'read', 'GET', roll === 8 ? '/insights?limit=20' : `/insights/${id}`);
      return;
    }
    const target = user.insights[(this.counter * 7) % user.insights.length];
    if (target === id) return;
    const { status, json } = await this.send(user, 'link', 'POST', '/relationships', {
      sourceId: id,
      targetId: target,
      type: 'supports',
      strength: 0.5,
    });
    if (status === 201) this.acknowledged.relationships.add((json as { id: string }).id);
  }

  private async create(user: LoadUser): Promise<void> {
    const title = `Fault load ${this.counter}`;
    const { status, json } = await this.send(user, 'create', 'POST', '/insights', {
      title,
      content: `Written during ${this.phase}.`,
      tags: ['faults'],
    });
    if (status !== 201) return;
    const id = (json as { id: string }).id;
    user.insights.push(id);
    this.acknowledged.insights.set(id, { userId: user.id, titles: [title] });
  }

  private async update(user: LoadUser, id: string): Promise<void> {
    const title = `Fault load ${this.counter} (edited during ${this.phase})`;
    const record = this.acknowledged.insights.get(id);
    // Until an answer says otherwise, the store may hold this title or the acknowledged one.
    record?.titles.push(title);
    const { status } = await this.send(user, 'update', 'PATCH', `/insights/${id}`, { title });
    if (status === 200 && record) record.titles = [title];
  }

  private async send(
    user: LoadUser,
    operation: Answer['operation'],
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    const started = Date.now();
    let lastError = '';
    // A refused connection never reached an api: try the next one, as a load balancer does.
    for (let attempt = 0; attempt < this.bases.length; attempt++) {
      const base = this.bases[this.next++ % this.bases.length];
      try {
        const response = await fetch(`${base}/api/v1${path}`, {
          method,
          headers: {
            authorization: `Bearer ${user.token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await response.text();
        const answer: Answer = {
          operation,
          phase: this.phase,
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          ms: Date.now() - started,
        };
        this.answers.push(answer);
        return { status: response.status, json: text ? JSON.parse(text) : null };
      } catch (error) {
        lastError = String((error as Error & { cause?: { code?: string } }).cause?.code ?? error);
        if (!lastError.includes('ECONNREFUSED')) break;
      }
    }
    this.answers.push({
      operation,
      phase: this.phase,
      status: 0,
      contentType: '',
      ms: Date.now() - started,
      error: lastError,
    });
    return { status: 0, json: null };
  }
}
