import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { CreatedPersonalAccessToken, PersonalAccessToken } from '@insight/contracts';
import { PersonalAccessTokenService } from '@insight/auth';
import { type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { CreateTokenRequestDto } from './create-token-request.dto';
import { CreatedPersonalAccessTokenDto, PersonalAccessTokenDto } from './personal-access-token.dto';
import { SignedIn, WriteErrors } from '../common/api-errors';

/** Personal access tokens: long-lived Bearer tokens for scripts. */
@ApiTags('tokens')
@SignedIn()
@Controller('tokens')
export class TokensController {
  constructor(private readonly tokens: PersonalAccessTokenService) {}

  /** The caller's active tokens, newest first; secrets are never listed. */
  @Get()
  @ApiOkResponse({ type: [PersonalAccessTokenDto] })
  list(@CurrentUser() user: AuthUser): Promise<PersonalAccessToken[]> {
    return this.tokens.list(user.id);
  }

  /** Creates a token; the answer is the only time its secret is shown. */
  @Post()
  @ApiCreatedResponse({ type: CreatedPersonalAccessTokenDto })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Invalid fields; `errors` names each.' })
  @WriteErrors()
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateTokenRequestDto,
  ): Promise<CreatedPersonalAccessToken> {
    return this.tokens.create(user.id, body.name);
  }

  /** Revokes a token at once. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiNotFoundResponse({ type: ProblemDetailsDto, description: 'No such active token of the caller.' })
  @WriteErrors()
  revoke(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    return this.tokens.revoke(user.id, id);
  }
}
