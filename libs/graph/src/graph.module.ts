import { Module } from '@nestjs/common';
import { GraphConnectionModule } from './connection/graph-connection.module';
import { InsightProjectionService } from './projection/insight-projection.service';
import { GraphSchemaService } from './schema/graph-schema.service';
import { GraphSearchService } from './search/graph-search.service';
import { GraphTraversalService } from './traversal/graph-traversal.service';

/** Neo4j connection plus the projection's schema; import once per app. */
@Module({
  imports: [GraphConnectionModule],
  providers: [GraphSchemaService, InsightProjectionService, GraphSearchService, GraphTraversalService],
  exports: [GraphSchemaService, InsightProjectionService, GraphSearchService, GraphTraversalService],
})
export class GraphModule {}
