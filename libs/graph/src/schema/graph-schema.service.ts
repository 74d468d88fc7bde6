import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { GraphDatabase } from '@insight/platform';
import { GRAPH_MIGRATIONS, type GraphMigration } from './migrations';

const RETRY_MS = 5000;

/**
 * Applies the graph schema migrations when the app starts. Neo4j being down does not
 * stop the app: the migrations retry in the background until they succeed.
 */
@Injectable()
export class GraphSchemaService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GraphSchemaService.name);
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;
  private applied!: Promise<string[]>;
  private resolveApplied!: (ids: string[]) => void;

  constructor(private readonly neo4j: GraphDatabase) {
    this.applied = new Promise((resolve) => (this.resolveApplied = resolve));
  }

  onApplicationBootstrap(): void {
    void this.attempt();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  /** Resolves with the ids applied by this process once the schema is in place. */
  whenApplied(): Promise<string[]> {
    return this.applied;
  }

  /** Applies every migration not yet recorded; returns the ids it applied now. */
  async migrate(migrations: GraphMigration[] = GRAPH_MIGRATIONS): Promise<string[]> {
    const done = await this.neo4j.read('MATCH (m:SchemaMigration) RETURN m.id AS id');
    const doneIds = new Set(done.records.map((r) => r.get('id') as string));
    const appliedNow: string[] = [];
    for (const migration of migrations) {
      if (doneIds.has(migration.id)) continue;
      for (const statement of migration.statements) {
        await this.neo4j.write(statement); // schema statements run in their own transactions
      }
      await this.neo4j.write('MERGE (m:SchemaMigration {id: $id}) ON CREATE SET m.appliedAt = datetime()', {
        id: migration.id,
      });
      appliedNow.push(migration.id);
    }
    return appliedNow;
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    try {
      const ids = await this.migrate();
      if (ids.length) this.logger.log(`graph schema migrations applied: ${ids.join(', ')}`);
      this.resolveApplied(ids);
    } catch (error) {
      this.logger.warn(
        `graph schema not applied yet (${(error as Error).message}); retrying in ${RETRY_MS} ms`,
      );
      this.retryTimer = setTimeout(() => void this.attempt(), RETRY_MS);
    }
  }
}
