import { Injectable } from '@nestjs/common';
import type {
  ChangePasswordRequest,
  RegisterRequest,
  UpdateProfileRequest,
  UserProfile,
} from '@insight/contracts';
import {
  DefaultCategoriesSeeder,
  EmailAlreadyRegisteredError,
  toUserProfile,
  type UserRecord,
  UsersRepository,
} from '@insight/insights';
import { ValidationProblem } from '@insight/platform';
import { AuthenticationRequiredProblem, EmailTakenProblem } from '../auth-problems';
import { PasswordHasher } from '../passwords/password-hasher';
import { RefreshTokenService } from '../refresh-tokens/refresh-token.service';
import { SessionService, type StartedSession } from './session.service';

/** Creating an account and what its owner may change about it. */
@Injectable()
export class AccountService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly defaultCategories: DefaultCategoriesSeeder,
  ) {}

  /** Creates the account with its default categories and signs it in. 409 for a taken e-mail. */
  async register(request: RegisterRequest): Promise<StartedSession> {
    const user = await this.createUser(request);
    try {
      await this.defaultCategories.seedFor(user.id);
    } catch (error) {
      // Without transactions, undo the account so registering again starts clean.
      await this.users.deleteById(user.id);
      throw error;
    }
    return this.sessions.start(user);
  }

  async profile(userId: string): Promise<UserProfile> {
    return toUserProfile(await this.existing(userId));
  }

  async updateProfile(userId: string, changes: UpdateProfileRequest): Promise<UserProfile> {
    const updated = await this.users.updateProfile(userId, changes);
    if (!updated) throw new AuthenticationRequiredProblem('This account no longer exists.');
    return toUserProfile(updated);
  }

  /** Sets a new password, ends every other sign-in of the user and starts a fresh one. */
  async changePassword(userId: string, request: ChangePasswordRequest): Promise<StartedSession> {
    const user = await this.existing(userId);
    if (!(await this.passwords.verify(user.passwordHash, request.currentPassword))) {
      throw new ValidationProblem({ currentPassword: ['is not the current password'] });
    }
    await this.users.updatePasswordHash(user.id, await this.passwords.hash(request.newPassword));
    await this.refreshTokens.revokeAllOfUser(user.id);
    return this.sessions.start(user);
  }

  private async createUser(request: RegisterRequest): Promise<UserRecord> {
    try {
      return await this.users.create({
        email: request.email,
        displayName: request.displayName,
        passwordHash: await this.passwords.hash(request.password),
      });
    } catch (error) {
      if (error instanceof EmailAlreadyRegisteredError) throw new EmailTakenProblem();
      throw error;
    }
  }

  private async existing(userId: string): Promise<UserRecord> {
    const user = await this.users.findById(userId);
    if (!user) throw new AuthenticationRequiredProblem('This account no longer exists.');
    return user;
  }
}
