import { Global, Module } from '@nestjs/common';
import neo4j, { type Driver } from 'neo4j-driver';
import { APP_CONFIG, type AppConfig, GraphDatabase, NEO4J_DRIVER } from '@insight/platform';

/** The app's Neo4j driver (tools that run the app's graph services in-process make theirs here too). */
export function createGraphDriver(config: AppConfig): Driver {
  // Created without a connection: the app starts while Neo4j is down, and readiness says so.
  return neo4j.driver(config.NEO4J_URI, neo4j.auth.basic(config.NEO4J_USERNAME, config.NEO4J_PASSWORD), {
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 5000,
    connectionTimeout: 3000,
    maxTransactionRetryTime: 5000,
    disableLosslessIntegers: true,
  });
}

/** The Neo4j driver and the GraphDatabase that runs Cypher on it, for the whole app. */
@Global()
@Module({
  providers: [{ provide: NEO4J_DRIVER, inject: [APP_CONFIG], useFactory: createGraphDriver }, GraphDatabase],
  exports: [GraphDatabase],
})
export class GraphConnectionModule {}
