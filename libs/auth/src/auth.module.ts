import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { MongooseModule } from '@nestjs/mongoose';
import { CategoriesDataModule, UsersModule } from '@insight/insights';
import { APP_CONFIG, type AppConfig, RedisModule } from '@insight/platform';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  AccessTokenService,
} from './access-tokens/access-token.service';
import { AuthenticationGuard } from './authentication/authentication.guard';
import { PasswordHasher } from './passwords/password-hasher';
import { PersonalAccessTokenRepository } from './personal-access-tokens/personal-access-token.repository';
import {
  PersonalAccessToken,
  PersonalAccessTokenSchema,
} from './personal-access-tokens/personal-access-token.schema';
import { PersonalAccessTokenService } from './personal-access-tokens/personal-access-token.service';
import {
  MongoRefreshTokenRepository,
  RefreshTokenRepository,
} from './refresh-tokens/refresh-token.repository';
import { RefreshToken, RefreshTokenSchema } from './refresh-tokens/refresh-token.schema';
import { RefreshTokenService } from './refresh-tokens/refresh-token.service';
import { AccountService } from './sessions/account.service';
import { SessionRevocations } from './sessions/session-revocations';
import { SessionService } from './sessions/session.service';
import { StreamTicketService } from './stream-tickets/stream-ticket.service';

/**
 * Accounts, sessions and tokens (needs MongoConnectionModule in the app). The app registers
 * AuthenticationGuard as a global guard.
 */
@Module({
  imports: [
    // Stream tickets and ended sign-ins live in Redis.
    RedisModule,
    UsersModule,
    CategoriesDataModule,
    MongooseModule.forFeature([
      { name: RefreshToken.name, schema: RefreshTokenSchema },
      { name: PersonalAccessToken.name, schema: PersonalAccessTokenSchema },
    ]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        // One key object for the process: given a string, jsonwebtoken first tries (and fails)
        // to parse it as a public key on every verification, a measurable cost per request.
        const key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
        return {
          secretOrKeyProvider: () => key,
          signOptions: {
            algorithm: 'HS256',
            expiresIn: config.ACCESS_TOKEN_TTL_SECONDS,
            issuer: ACCESS_TOKEN_ISSUER,
            audience: ACCESS_TOKEN_AUDIENCE,
          },
          // Pinning the algorithm refuses "alg: none" and key-confusion tokens.
          verifyOptions: {
            algorithms: ['HS256'],
            issuer: ACCESS_TOKEN_ISSUER,
            audience: ACCESS_TOKEN_AUDIENCE,
          },
        };
      },
    }),
  ],
  providers: [
    PasswordHasher,
    AccessTokenService,
    { provide: RefreshTokenRepository, useClass: MongoRefreshTokenRepository },
    SessionRevocations,
    RefreshTokenService,
    PersonalAccessTokenRepository,
    PersonalAccessTokenService,
    SessionService,
    AccountService,
    StreamTicketService,
    AuthenticationGuard,
  ],
  exports: [
    AccountService,
    SessionService,
    PersonalAccessTokenService,
    StreamTicketService,
    AuthenticationGuard,
  ],
})
export class AuthModule {}
