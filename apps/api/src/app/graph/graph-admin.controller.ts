import { Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { JobAccepted } from '@insight/contracts';
import { AdminOnly, type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { GraphRebuildProducer } from '@insight/tasks';
import { QueueErrors, SignedIn, WriteErrors } from '../common/api-errors';

@ApiTags('admin')
@AdminOnly()
@SignedIn()
@ApiNotFoundResponse({
  type: ProblemDetailsDto,
  description: 'Not an admin: the route answers as if it did not exist.',
})
@Controller('admin/graph')
export class GraphAdminController {
  constructor(private readonly rebuilds: GraphRebuildProducer) {}

  /**
   * Rebuilds the graph projection from MongoDB in the worker: wipes it and replays every category,
   * insight and relationship in batches. Follow `statusUrl` for progress. While a rebuild is queued
   * or running, asking again answers the same job. Graph views and search show partial results
   * until it completes.
   */
  @Post('rebuild')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'The rebuild is queued (or already under way: the same job).' })
  @WriteErrors()
  @QueueErrors()
  async rebuild(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JobAccepted> {
    const accepted = await this.rebuilds.request(user.id);
    void reply.header('Location', accepted.statusUrl);
    return accepted;
  }
}
