import {
  Body,
  Controller,
  Delete,
  Get,
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
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CreatedWebhook, Page, Webhook, WebhookDelivery } from '@insight/contracts';
import { API_PREFIX, type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { PageQueryDto } from '../insights/list-insights-query.dto';
import {
  CreatedWebhookDto,
  CreateWebhookRequestDto,
  UpdateWebhookRequestDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookDto,
  WebhookPageDto,
} from './webhook-dtos';
import { WebhooksService } from './webhooks.service';
import { OwnedResourceErrors, QueueErrors, SignedIn, WriteErrors } from '../common/api-errors';

/**
 * Your webhooks: each event you subscribe to is POSTed as JSON, signed with
 * `X-Insight-Signature: sha256=<HMAC-SHA256(secret, "<X-Insight-Timestamp>.<body>")>`.
 */
@ApiTags('webhooks')
@SignedIn()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOkResponse({ type: WebhookPageDto })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Invalid cursor or limit.' })
  list(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<Page<Webhook>> {
    return this.webhooks.list(user.id, query);
  }

  /** Creates a webhook; the answer carries its secret, which is never shown again. */
  @Post()
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Invalid fields; `errors` names each.' })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'You have the most webhooks allowed.' })
  @WriteErrors()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateWebhookRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedWebhook> {
    const webhook = await this.webhooks.create(user.id, body);
    void reply.header('Location', `/${API_PREFIX}/webhooks/${webhook.id}`);
    return webhook;
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookDto })
  @OwnedResourceErrors('webhook')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<Webhook> {
    return this.webhooks.get(user.id, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: WebhookDto })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Invalid fields; `errors` names each.' })
  @OwnedResourceErrors('webhook')
  @WriteErrors()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: UpdateWebhookRequestDto,
  ): Promise<Webhook> {
    return this.webhooks.update(user.id, id, body);
  }

  /** Deletes the webhook and its delivery log. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @OwnedResourceErrors('webhook')
  @WriteErrors()
  delete(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    return this.webhooks.delete(user.id, id);
  }

  /** The delivery log, newest first: status, attempts, last status code and duration. */
  @Get(':id/deliveries')
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Invalid cursor or limit.' })
  @OwnedResourceErrors('webhook')
  deliveries(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<WebhookDelivery>> {
    return this.webhooks.listDeliveries(user.id, id, query);
  }

  /** Sends a delivery again, with a fresh timestamp and signature. */
  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: WebhookDeliveryDto, description: 'Queued; follow it in the delivery log.' })
  @OwnedResourceErrors('webhook or delivery')
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'The webhook is disabled.' })
  @QueueErrors()
  @WriteErrors()
  redeliver(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
  ): Promise<WebhookDelivery> {
    return this.webhooks.redeliver(user.id, id, deliveryId);
  }
}
