import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { JobAccepted } from '@insight/contracts';
import { AdminOnly, type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { PingProducer } from '@insight/tasks';
import { PingRequestDto } from './ping-request.dto';
import { QueueErrors, SignedIn } from '../common/api-errors';

@ApiTags('admin')
@AdminOnly()
@SignedIn()
@ApiNotFoundResponse({
  type: ProblemDetailsDto,
  description: 'Not an admin: the route answers as if it did not exist.',
})
@Controller('admin')
export class AdminController {
  constructor(private readonly ping: PingProducer) {}

  /** Enqueues a `ping` job for the worker; follow `statusUrl` for its result. */
  @Post('ping')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'The job is queued.' })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Invalid fields; `errors` names each.' })
  @QueueErrors()
  async enqueuePing(
    @CurrentUser() user: AuthUser,
    @Body() body: PingRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JobAccepted> {
    const accepted = await this.ping.enqueue(body, user.id);
    void reply.header('Location', accepted.statusUrl);
    return accepted;
  }
}
