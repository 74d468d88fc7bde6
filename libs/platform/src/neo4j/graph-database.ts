import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import neo4j, { type Driver, type QueryResult, type Session } from 'neo4j-driver';
import { APP_CONFIG } from '../config/app-config.module';
import type { AppConfig } from '../config/app-config.schema';

/** Token of the app's one Neo4j driver (the graph connection module provides it). */
export const NEO4J_DRIVER = 'NEO4J_DRIVER';

type Parameters = Record<string, unknown>;

/**
 * The app's way to run Cypher. A read is one auto-commit query: a transaction function would add
 * two round trips (BEGIN, COMMIT) to a single statement and retry a failing read for seconds on
 * request paths that should answer 503 at once. A write runs in a transaction function, whose
 * retries resolve the deadlocks concurrent syncs can meet. Every session is closed, whatever the
 * query did.
 */
@Injectable()
export class GraphDatabase implements OnApplicationShutdown {
  private readonly database: string | undefined;

  constructor(
    @Inject(NEO4J_DRIVER) private readonly driver: Driver,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.database = config.NEO4J_DATABASE;
  }

  async read(cypher: string, params: Parameters = {}): Promise<QueryResult> {
    const session = this.session('read');
    try {
      return await session.run(cypher, params);
    } finally {
      await session.close();
    }
  }

  async write(cypher: string, params: Parameters = {}): Promise<QueryResult> {
    const session = this.session('write');
    try {
      return await session.executeWrite((tx) => tx.run(cypher, params));
    } finally {
      await session.close();
    }
  }

  /** A session for what needs more than one statement, or streams its rows; the caller closes it. */
  session(mode: 'read' | 'write'): Session {
    return this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'read' ? neo4j.session.READ : neo4j.session.WRITE,
    });
  }

  onApplicationShutdown(): Promise<void> {
    return this.driver.close();
  }
}
