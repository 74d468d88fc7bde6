import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Insight, JobAccepted, Page } from '@insight/contracts';
import { JobAcceptedDto } from '../jobs/job-accepted.dto';
import { API_PREFIX, type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { etagOf, expectedVersion } from '../common/if-match';
import { CreateInsightRequestDto } from './create-insight-request.dto';
import { InsightDto, InsightPageDto } from './insight.dto';
import { InsightsService } from './insights.service';
import { ListInsightsQueryDto } from './list-insights-query.dto';
import { UpdateInsightRequestDto } from './update-insight-request.dto';
import { OwnedResourceErrors, QueueErrors, SignedIn, WriteErrors } from '../common/api-errors';

const ETAG_HEADER = {
  ETag: { description: 'The version, e.g. "3"; send it back in If-Match.', schema: { type: 'string' } },
};

/** The caller's insights. */
@ApiTags('insights')
@SignedIn()
@Controller('insights')
export class InsightsController {
  constructor(private readonly insights: InsightsService) {}

  /** A page of your insights outside the trash, filtered and sorted; follow `nextCursor` for more. */
  @Get()
  @ApiOkResponse({ type: InsightPageDto })
  @ApiBadRequestResponse({
    type: ProblemDetailsDto,
    description: 'An invalid or unknown parameter, or a foreign cursor.',
  })
  list(@CurrentUser() user: AuthUser, @Query() query: ListInsightsQueryDto): Promise<Page<Insight>> {
    return this.insights.list(user.id, query);
  }

  /** Captures a new insight; its analysis and graph sync are queued. */
  @Post()
  @ApiCreatedResponse({
    type: InsightDto,
    headers: {
      Location: { description: 'URL of the new insight.', schema: { type: 'string' } },
      ...ETAG_HEADER,
    },
  })
  @ApiBadRequestResponse({
    type: ProblemDetailsDto,
    description: 'Invalid fields (including a category that is not yours); `errors` names each.',
  })
  @ApiPayloadTooLargeResponse({ type: ProblemDetailsDto, description: 'The body is over 1 MiB.' })
  @WriteErrors()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateInsightRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Insight> {
    const insight = await this.insights.create(user.id, body);
    void reply
      .header('Location', `/${API_PREFIX}/insights/${insight.id}`)
      .header('ETag', etagOf(insight.version));
    return insight;
  }

  /** One of your insights (not in the trash). */
  @Get(':id')
  @ApiOkResponse({ type: InsightDto, headers: ETAG_HEADER })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: 'You have no such insight outside the trash.',
  })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Insight> {
    const insight = await this.insights.get(user.id, id);
    void reply.header('ETag', etagOf(insight.version));
    return insight;
  }

  /** Changes some fields; with If-Match, only if nobody changed the insight since you read it. */
  @Patch(':id')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag you read, e.g. "3"; a stale one answers 412.',
  })
  @ApiOkResponse({ type: InsightDto, headers: ETAG_HEADER })
  @ApiBadRequestResponse({
    type: ProblemDetailsDto,
    description: 'Invalid fields or If-Match; `errors` names each.',
  })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: 'You have no such insight outside the trash.',
  })
  @ApiPreconditionFailedResponse({
    type: ProblemDetailsDto,
    description: 'If-Match is stale; `currentVersion` says what it is now.',
  })
  @ApiConflictResponse({
    type: ProblemDetailsDto,
    description: 'Other requests kept changing the insight; retry.',
  })
  @ApiPayloadTooLargeResponse({ type: ProblemDetailsDto, description: 'The body is over 1 MiB.' })
  @WriteErrors()
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: UpdateInsightRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Insight> {
    const insight = await this.insights.update(user.id, id, body, expectedVersion(ifMatch));
    void reply.header('ETag', etagOf(insight.version));
    return insight;
  }

  /**
   * Runs the analysis of the insight's current version again (keywords, language, sentiment,
   * summary, tag and related-insight suggestions). Follow `statusUrl` for the job.
   */
  @Post(':id/reprocess')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: 'The analysis is queued.' })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: 'You have no such insight outside the trash.',
  })
  @WriteErrors()
  @QueueErrors()
  async reprocess(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JobAccepted> {
    const accepted = await this.insights.reprocess(user.id, id);
    void reply.header('Location', accepted.statusUrl);
    return accepted;
  }

  /** Moves an insight to the trash (restore it from there, or purge it). */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'In the trash.' })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: 'You have no such insight outside the trash.',
  })
  @ApiConflictResponse({
    type: ProblemDetailsDto,
    description: 'Other requests kept changing the insight; retry.',
  })
  @WriteErrors()
  trash(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    return this.insights.trash(user.id, id);
  }

  /** Takes an insight out of the trash. */
  @Post(':id/restore')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InsightDto, headers: ETAG_HEADER })
  @OwnedResourceErrors('insight in the trash')
  @ApiConflictResponse({
    type: ProblemDetailsDto,
    description: 'Other requests kept changing the insight; retry.',
  })
  @WriteErrors()
  async restore(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Insight> {
    const insight = await this.insights.restore(user.id, id);
    void reply.header('ETag', etagOf(insight.version));
    return insight;
  }
}
