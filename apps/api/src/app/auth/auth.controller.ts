import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthSession } from '@insight/contracts';
import {
  AccountService,
  InvalidRefreshTokenProblem,
  LimitAuthAttempts,
  SessionService,
  type StartedSession,
} from '@insight/auth';
import { ProblemDetailsDto, Public } from '@insight/platform';
import { AuthSessionDto } from './auth-session.dto';
import { LoginRequestDto } from './login-request.dto';
import { RefreshCookie } from './refresh-cookie';
import { RegisterRequestDto } from './register-request.dto';

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountService,
    private readonly sessions: SessionService,
    private readonly cookie: RefreshCookie,
  ) {}

  /** Creates an account with the default categories and signs it in. */
  @Post('register')
  @LimitAuthAttempts()
  @ApiCreatedResponse({
    type: AuthSessionDto,
    description: 'Signed in; the refresh token is set as a cookie.',
  })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Invalid fields; `errors` names each.' })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'The e-mail address is already registered.' })
  @ApiTooManyRequestsResponse({ type: ProblemDetailsDto, description: 'Too many attempts; see Retry-After.' })
  async register(
    @Body() body: RegisterRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthSession> {
    return this.respond(reply, await this.accounts.register(body));
  }

  /** Signs in with e-mail and password. */
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @LimitAuthAttempts()
  @ApiOkResponse({ type: AuthSessionDto, description: 'Signed in; the refresh token is set as a cookie.' })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Invalid fields; `errors` names each.' })
  @ApiUnauthorizedResponse({
    type: ProblemDetailsDto,
    description: 'Wrong e-mail or password (the answer does not say which).',
  })
  @ApiTooManyRequestsResponse({ type: ProblemDetailsDto, description: 'Too many attempts; see Retry-After.' })
  async login(
    @Body() body: LoginRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthSession> {
    return this.respond(reply, await this.sessions.login(body));
  }

  /** Exchanges the refresh cookie for a new access token and a new refresh cookie. */
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiCookieAuth()
  @ApiOkResponse({ type: AuthSessionDto, description: 'A new access token; the refresh cookie is replaced.' })
  @ApiUnauthorizedResponse({
    type: ProblemDetailsDto,
    description: 'No valid refresh cookie. A refresh token used twice ends its whole sign-in.',
  })
  async refresh(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuthSession> {
    try {
      return this.respond(reply, await this.sessions.refresh(this.cookie.read(request)));
    } catch (error) {
      // A cookie that can never work again is only clutter in the browser.
      if (error instanceof InvalidRefreshTokenProblem) this.cookie.clear(reply);
      throw error;
    }
  }

  /** Ends the sign-in of the refresh cookie and clears it. */
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiCookieAuth()
  @ApiNoContentResponse({ description: 'Signed out (also when there was nothing to sign out).' })
  async logout(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.logout(this.cookie.read(request));
    this.cookie.clear(reply);
  }

  private respond(reply: FastifyReply, started: StartedSession): AuthSession {
    this.cookie.set(reply, started.refreshToken);
    return started.session;
  }
}
