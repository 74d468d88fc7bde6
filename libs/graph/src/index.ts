export * from './connection/graph-connection.module';
export * from './graph.module';
export * from './schema/graph-schema.service';
export * from './schema/migrations';
export * from './search/search-query';
