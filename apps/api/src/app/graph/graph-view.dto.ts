import { ApiProperty } from '@nestjs/swagger';
import {
  type GraphEdge,
  type GraphNode,
  type GraphPage,
  type GraphPath,
  type GraphPaths,
  type GraphCluster,
  type GraphClusters,
  type GraphClusterTag,
  type GraphStats,
  type GraphStatsInsight,
  type GraphView,
  RELATIONSHIP_VOCABULARY,
  type RelationshipType,
} from '@insight/contracts';

const STORED_TYPES = RELATIONSHIP_VOCABULARY.filter((info) => info.canonical).map((info) => info.type);

export class GraphNodeDto implements GraphNode {
  id!: string;
  title!: string;
  @ApiProperty({ type: String, nullable: true })
  categoryId!: string | null;
  /** `#rrggbb` of the category, null without one. */
  @ApiProperty({ type: String, nullable: true })
  categoryColor!: string | null;
  favorite!: boolean;
  /** Typed relationships to insights outside the trash. */
  degree!: number;
}

export class GraphEdgeDto implements GraphEdge {
  /** The relationship's id. */
  id!: string;
  /** Where the edge starts (its stored direction). */
  source!: string;
  target!: string;
  @ApiProperty({ enum: STORED_TYPES, description: 'The stored (canonical) type, read source → target.' })
  type!: RelationshipType;
  /** 0–1. */
  strength!: number;
}

export class GraphViewDto implements GraphView {
  @ApiProperty({ type: [GraphNodeDto] })
  nodes!: GraphNodeDto[];
  @ApiProperty({ type: [GraphEdgeDto] })
  edges!: GraphEdgeDto[];
  /** True when `limit` cut the result. */
  truncated!: boolean;
}

export class GraphPageDto extends GraphViewDto implements GraphPage {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor!: string | null;
}

export class GraphPathDto implements GraphPath {
  /** The insights along the path, in order. */
  @ApiProperty({ type: [GraphNodeDto] })
  nodes!: GraphNodeDto[];
  /** The edges between consecutive insights (each in its stored direction). */
  @ApiProperty({ type: [GraphEdgeDto] })
  edges!: GraphEdgeDto[];
}

export class GraphPathsDto implements GraphPaths {
  /** Every shortest path (up to 10); empty when none is within maxDepth. */
  @ApiProperty({ type: [GraphPathDto] })
  paths!: GraphPathDto[];
}

export class GraphStatsInsightDto implements GraphStatsInsight {
  id!: string;
  title!: string;
  degree!: number;
}

export class GraphOrphansDto {
  count!: number;
  /** The newest few. */
  @ApiProperty({ type: [GraphStatsInsightDto] })
  items!: GraphStatsInsightDto[];
}

export class GraphClusterTagDto implements GraphClusterTag {
  name!: string;
  /** Insights of the cluster carrying the tag. */
  count!: number;
}

export class GraphClusterDto implements GraphCluster {
  /** The smallest insight id of the cluster (stable while that insight stays in it). */
  id!: string;
  size!: number;
  /** Up to 5, most used first. */
  @ApiProperty({ type: [GraphClusterTagDto] })
  topTags!: GraphClusterTagDto[];
}

export class GraphClustersDto implements GraphClusters {
  /** When the worker last computed them (GRAPH_CLUSTERS_INTERVAL_SECONDS); null when never yet. */
  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  computedAt!: string | null;
  /** Clusters of two or more insights. */
  count!: number;
  /** Insights in such a cluster. */
  clustered!: number;
  /** The largest few, largest first. */
  @ApiProperty({ type: [GraphClusterDto] })
  items!: GraphClusterDto[];
}

export class GraphStatsDto implements GraphStats {
  /** Insights outside the trash. */
  insights!: number;
  /** Relationships between insights outside the trash. */
  relationships!: number;
  /** Most connected first. */
  @ApiProperty({ type: [GraphStatsInsightDto] })
  mostConnected!: GraphStatsInsightDto[];
  /** Insights without any relationship. */
  orphans!: GraphOrphansDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Relationships by stored type; every stored type is listed, 0 when unused.',
    example: { related: 3, supports: 1, contradicts: 0 },
  })
  relationshipsByType!: Partial<Record<RelationshipType, number>>;
  /** Connected groups of insights, as the worker last computed them. */
  clusters!: GraphClustersDto;
}
