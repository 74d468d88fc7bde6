import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthSession, UserProfile } from '@insight/contracts';
import { AccountService } from '@insight/auth';
import { type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { AuthSessionDto, UserProfileDto } from '../auth/auth-session.dto';
import { RefreshCookie } from '../auth/refresh-cookie';
import { ChangePasswordRequestDto } from './change-password-request.dto';
import { UpdateProfileRequestDto } from './update-profile-request.dto';
import { SignedIn, WriteErrors } from '../common/api-errors';

@ApiTags('users')
@SignedIn()
@Controller('users/me')
export class UsersController {
  constructor(
    private readonly accounts: AccountService,
    private readonly cookie: RefreshCookie,
  ) {}

  /** The signed-in user. */
  @Get()
  @ApiOkResponse({ type: UserProfileDto })
  me(@CurrentUser() user: AuthUser): Promise<UserProfile> {
    return this.accounts.profile(user.id);
  }

  /** Changes the display name. */
  @Patch()
  @ApiOkResponse({ type: UserProfileDto })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Invalid fields; `errors` names each.' })
  @WriteErrors()
  update(@CurrentUser() user: AuthUser, @Body() body: UpdateProfileRequestDto): Promise<UserProfile> {
    return this.accounts.updateProfile(user.id, body);
  }

  /** Sets a new password. Every other sign-in ends; the answer is a fresh session. */
  @Post('password')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AuthSessionDto, description: 'Changed; a new refresh cookie is set.' })
  @ApiBadRequestResponse({
    type: ProblemDetailsDto,
    description: 'Invalid fields, or `currentPassword` is wrong; `errors` names the field.',
  })
  @WriteErrors()
  async changePassword(
    @CurrentUser() user: AuthUser,
    @Body() body: ChangePasswordRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthSession> {
    const started = await this.accounts.changePassword(user.id, body);
    this.cookie.set(reply, started.refreshToken);
    return started.session;
  }
}
