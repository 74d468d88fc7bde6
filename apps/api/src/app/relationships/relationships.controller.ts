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
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  type Page,
  type Relationship,
  type RelationshipFromInsight,
  type RelationshipTypeInfo,
  RELATIONSHIP_VOCABULARY,
} from '@insight/contracts';
import { API_PREFIX, type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import {
  CreateRelationshipRequestDto,
  ListRelationshipsQueryDto,
  RelationshipDto,
  RelationshipFromInsightPageDto,
  RelationshipTypeDto,
  UpdateRelationshipRequestDto,
} from './relationship-dtos';
import { RelationshipsService } from './relationships.service';
import { OwnedResourceErrors, SignedIn, WriteErrors } from '../common/api-errors';

@ApiTags('relationships')
@SignedIn()
@Controller()
export class RelationshipsController {
  constructor(private readonly relationships: RelationshipsService) {}

  /** The vocabulary: every type with its label, inverse and whether it is symmetric. */
  @Get('relationship-types')
  @ApiOkResponse({ type: [RelationshipTypeDto] })
  types(): readonly RelationshipTypeInfo[] {
    return RELATIONSHIP_VOCABULARY;
  }

  /** Links two of your insights with a type. */
  @Post('relationships')
  @ApiCreatedResponse({ type: RelationshipDto })
  @ApiBadRequestResponse({
    type: ProblemDetailsDto,
    description: 'Unknown type (the allowed ones are listed), self-loop, invalid fields.',
  })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: 'An insight is not yours, is in the trash or does not exist.',
  })
  @ApiConflictResponse({
    type: ProblemDetailsDto,
    description: 'The same link (or its symmetric mirror) exists.',
  })
  @WriteErrors()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateRelationshipRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Relationship> {
    const relationship = await this.relationships.create(user.id, body);
    void reply.header('Location', `/${API_PREFIX}/relationships/${relationship.id}`);
    return relationship;
  }

  /**
   * Relationships of one insight, both directions, each named from that insight's side, oldest
   * first. Those whose other insight is in the trash are left out, so a page may hold fewer than
   * `limit`: follow `nextCursor` until it is null.
   */
  @Get('relationships')
  @ApiOkResponse({ type: RelationshipFromInsightPageDto })
  @ApiBadRequestResponse({
    type: ProblemDetailsDto,
    description: 'No or an invalid `insightId`, an invalid `limit`, or a foreign cursor.',
  })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: 'You have no such insight outside the trash.',
  })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListRelationshipsQueryDto,
  ): Promise<Page<RelationshipFromInsight>> {
    return this.relationships.listForInsight(user.id, query.insightId, query);
  }

  @Get('relationships/:id')
  @ApiOkResponse({ type: RelationshipDto })
  @OwnedResourceErrors('relationship')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<Relationship> {
    return this.relationships.get(user.id, id);
  }

  @Patch('relationships/:id')
  @ApiOkResponse({ type: RelationshipDto })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Invalid fields; `errors` names each.' })
  @OwnedResourceErrors('relationship')
  @ApiConflictResponse({
    type: ProblemDetailsDto,
    description: 'The new type would duplicate an existing link.',
  })
  @WriteErrors()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: UpdateRelationshipRequestDto,
  ): Promise<Relationship> {
    return this.relationships.update(user.id, id, body);
  }

  @Delete('relationships/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @OwnedResourceErrors('relationship')
  @WriteErrors()
  delete(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    return this.relationships.delete(user.id, id);
  }
}
