import { Global, Module } from '@nestjs/common';
import neo4j, { type Driver } from 'neo4j-driver';
import { Neo4jService } from 'nest-neo4j';
import { APP_CONFIG, type AppConfig } from '@insight/platform';

// nest-neo4j's Neo4jModule verifies connectivity while the app starts, so an app could not
// start while Neo4j is down. We provide its tokens ourselves and keep its Neo4jService.
const NEO4J_OPTIONS = 'NEO4J_OPTIONS';
const NEO4J_DRIVER = 'NEO4J_DRIVER';

/** Options nest-neo4j's Neo4jService reads (it only uses `database`). */
function neo4jOptions(config: AppConfig) {
  const url = new URL(config.NEO4J_URI);
  return {
    scheme: url.protocol.replace(/:$/, ''),
    host: url.hostname,
    port: url.port || '7687',
    username: config.NEO4J_USERNAME,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
  };
}

function createDriver(config: AppConfig): Driver {
  return neo4j.driver(config.NEO4J_URI, neo4j.auth.basic(config.NEO4J_USERNAME, config.NEO4J_PASSWORD), {
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 5000,
    connectionTimeout: 3000,
    maxTransactionRetryTime: 5000,
    disableLosslessIntegers: true,
  });
}

/** The Neo4j driver and nest-neo4j's Neo4jService for the whole app. */
@Global()
@Module({
  providers: [
    { provide: NEO4J_OPTIONS, inject: [APP_CONFIG], useFactory: neo4jOptions },
    { provide: NEO4J_DRIVER, inject: [APP_CONFIG], useFactory: createDriver },
    Neo4jService,
  ],
  exports: [Neo4jService],
})
export class GraphConnectionModule {}
