export * from './connection/graph-connection.module';
export * from './graph.module';
export * from './schema/graph-schema.service';
export * from './schema/migrations';
export * from './search/search-query';
export * from './projection/insight-graph-document';
export * from './projection/insight-projection.service';
export * from './projection/relationship-edge-types';
