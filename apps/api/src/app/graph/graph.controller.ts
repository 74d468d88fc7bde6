import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { GraphPage, GraphPaths, GraphStats, GraphView } from '@insight/contracts';
import { type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { GraphPageQueryDto, GraphPathQueryDto, NeighborhoodQueryDto } from './graph-query.dto';
import { GraphPageDto, GraphPathsDto, GraphStatsDto, GraphViewDto } from './graph-view.dto';
import { GraphService } from './graph.service';
import { SignedIn } from '../common/api-errors';

/** Your knowledge graph: neighbourhoods, paths, the whole graph page by page, statistics. */
@ApiTags('graph')
@SignedIn()
@ApiServiceUnavailableResponse({
  type: ProblemDetailsDto,
  description: 'Neo4j (or MongoDB) is not reachable.',
})
@Controller('graph')
export class GraphController {
  constructor(private readonly graph: GraphService) {}

  /** One page of your whole graph (insights outside the trash by id, with their outgoing edges). */
  @Get()
  @ApiOkResponse({ type: GraphPageDto })
  @ApiBadRequestResponse({
    type: ProblemDetailsDto,
    description: 'An invalid parameter or a foreign cursor.',
  })
  page(@CurrentUser() user: AuthUser, @Query() query: GraphPageQueryDto): Promise<GraphPage> {
    return this.graph.page(user.id, query);
  }

  /** Most connected insights, orphans and relationships by type (clusters: not computed yet). */
  @Get('stats')
  @ApiOkResponse({ type: GraphStatsDto })
  stats(@CurrentUser() user: AuthUser): Promise<GraphStats> {
    return this.graph.statistics(user.id);
  }

  /** The shortest paths between two of your insights, with the type of every edge. */
  @Get('path')
  @ApiOkResponse({ type: GraphPathsDto })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'A missing or invalid parameter.' })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: 'You have no such insight outside the trash.',
  })
  paths(@CurrentUser() user: AuthUser, @Query() query: GraphPathQueryDto): Promise<GraphPaths> {
    return this.graph.paths(user.id, query);
  }

  /** The insights and edges around one insight (the mind map), capped by `limit`. */
  @Get('neighborhood/:id')
  @ApiOkResponse({ type: GraphViewDto })
  @ApiBadRequestResponse({
    type: ProblemDetailsDto,
    description: 'An invalid parameter or relationship type.',
  })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: 'You have no such insight outside the trash.',
  })
  neighborhood(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() query: NeighborhoodQueryDto,
  ): Promise<GraphView> {
    return this.graph.neighborhood(user.id, id, query);
  }
}
