import { ApiProperty } from '@nestjs/swagger';
import type { AuthSession, UserProfile, UserRole } from '@insight/contracts';

export class UserProfileDto implements UserProfile {
  id!: string;
  email!: string;
  displayName!: string;
  @ApiProperty({ enum: ['user', 'admin'] })
  role!: UserRole;
  /** ISO 8601 date-time. */
  createdAt!: string;
  /** ISO 8601 date-time. */
  updatedAt!: string;
}

/** The refresh token is not in the body: it is set as an HttpOnly cookie on /api/v1/auth. */
export class AuthSessionDto implements AuthSession {
  /** Send as `Authorization: Bearer <accessToken>`. */
  accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';
  /** Seconds until the access token expires; refresh before then. */
  expiresIn!: number;
  user!: UserProfileDto;
}
