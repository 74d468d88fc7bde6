import { Module } from '@nestjs/common';
import { GraphClustersService } from './clusters/graph-clusters.service';
import { GraphConnectionModule } from './connection/graph-connection.module';
import { GraphInventoryService } from './maintenance/graph-inventory.service';
import { InsightProjectionService } from './projection/insight-projection.service';
import { GraphSchemaService } from './schema/graph-schema.service';
import { GraphSearchService } from './search/graph-search.service';
import { GraphStatsService } from './stats/graph-stats.service';
import { GraphTraversalService } from './traversal/graph-traversal.service';

/** Neo4j connection plus the projection's schema; import once per app. */
@Module({
  imports: [GraphConnectionModule],
  providers: [
    GraphSchemaService,
    InsightProjectionService,
    GraphSearchService,
    GraphTraversalService,
    GraphStatsService,
    GraphInventoryService,
    GraphClustersService,
  ],
  exports: [
    GraphSchemaService,
    InsightProjectionService,
    GraphSearchService,
    GraphTraversalService,
    GraphStatsService,
    GraphInventoryService,
    GraphClustersService,
  ],
})
export class GraphModule {}
