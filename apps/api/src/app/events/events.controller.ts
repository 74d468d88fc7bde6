import { Controller, Get, Headers, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { StreamTicketService } from '@insight/auth';
import {
  AcceptsStreamTicket,
  type AuthUser,
  CurrentUser,
  ProblemDetailsDto,
  ValidationProblem,
} from '@insight/platform';
import { EVENT_ID } from '@insight/tasks';
import { EventStreamTicketDto } from './event-stream-ticket.dto';
import { EventStreamsService } from './event-streams.service';
import { QueueErrors, WriteErrors } from '../common/api-errors';

/** What a stream ticket is for; a ticket of another purpose is refused here. */
const EVENTS_TICKET_PURPOSE = 'events';

@ApiTags('events')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDetailsDto, description: 'Not signed in, or the ticket is spent.' })
@Controller('events')
export class EventsController {
  constructor(
    private readonly tickets: StreamTicketService,
    private readonly streams: EventStreamsService,
  ) {}

  /**
   * A one-time ticket (valid 60 s) to open the event stream from a browser: EventSource cannot
   * send an Authorization header, and a long-lived token must never travel in a URL.
   */
  @Post('ticket')
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: EventStreamTicketDto, description: 'Open `streamUrl` within 60 s, once.' })
  @WriteErrors()
  @QueueErrors()
  async ticket(@CurrentUser() user: AuthUser): Promise<EventStreamTicketDto> {
    const { ticket, expiresAt } = await this.tickets.issue(user, EVENTS_TICKET_PURPOSE);
    return {
      ticket,
      expiresAt: expiresAt.toISOString(),
      streamUrl: `/api/v1/events?ticket=${encodeURIComponent(ticket)}`,
    };
  }

  /**
   * The signed-in user's live events as server-sent events (`text/event-stream`): insight
   * processed or failed, new suggestions, progress of jobs they started, new digests. Each
   * message's `event:` is the type and `data:` the JSON event (see `UserEvent` in the contracts);
   * `stream.ready` comes first, once nothing can be missed any more; a `: heartbeat` comment
   * keeps proxies from closing an idle stream. Authenticate with `Authorization: Bearer` or with
   * `?ticket=` from `POST /events/ticket`. Every event but `stream.ready` carries an `id:`; a
   * client reconnecting with `Last-Event-ID` (or `?lastEventId=`, for a new EventSource with a
   * fresh ticket) first gets the events it missed (the last EVENTS_REPLAY_MAX_EVENTS of the last
   * EVENTS_REPLAY_SECONDS), then `stream.ready` with `replayed` and `complete`.
   */
  @Get()
  @AcceptsStreamTicket(EVENTS_TICKET_PURPOSE)
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'ticket', required: false, description: 'One-time ticket from POST /events/ticket.' })
  @ApiQuery({ name: 'lastEventId', required: false, description: 'The id of the last event received.' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last event received.' })
  @ApiOkResponse({ description: 'The stream; it stays open until the client leaves.' })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'The last event id is not an event id.' })
  @QueueErrors()
  stream(
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
    @Headers('last-event-id') header?: string,
    @Query('lastEventId') query?: string,
  ): void {
    const lastEventId = lastEventIdOf(header, query);
    // The stream writes to the socket itself; headers set so far (request id, CORS, security
    // headers) go out with it.
    reply.hijack();
    const headers = reply.getHeaders() as Record<string, string | number | string[]>;
    this.streams.stream(user.id, reply.raw, headers, lastEventId);
  }
}

/** The `Last-Event-ID` header or `lastEventId` query (the header wins), checked; undefined when neither. */
function lastEventIdOf(header?: string, query?: unknown): string | undefined {
  const [field, value] = header ? ['Last-Event-ID', header.trim()] : ['lastEventId', query];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !EVENT_ID.test(value)) {
    throw new ValidationProblem({ [field]: ['must be the id of an event of this stream (<ms>-<seq>)'] });
  }
  return value;
}
