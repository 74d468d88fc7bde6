import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { JobAccepted } from '@insight/contracts';
import { PingProducer } from '@insight/tasks';
import { PingRequestDto } from './ping-request.dto';

@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly ping: PingProducer) {}

  /** Enqueues a `ping` job for the worker; follow `statusUrl` for its result. */
  @Post('ping')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'The job is queued.' })
  @ApiServiceUnavailableResponse({ description: 'Redis is not reachable.' })
  async enqueuePing(
    @Body() body: PingRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JobAccepted> {
    const accepted = await this.ping.enqueue(body);
    void reply.header('Location', accepted.statusUrl);
    return accepted;
  }
}
