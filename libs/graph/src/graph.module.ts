import { Module } from '@nestjs/common';
import { GraphConnectionModule } from './connection/graph-connection.module';
import { InsightProjectionService } from './projection/insight-projection.service';
import { GraphSchemaService } from './schema/graph-schema.service';

/** Neo4j connection plus the projection's schema; import once per app. */
@Module({
  imports: [GraphConnectionModule],
  providers: [GraphSchemaService, InsightProjectionService],
  exports: [GraphSchemaService, InsightProjectionService],
})
export class GraphModule {}
