export type UserRole = 'user' | 'admin';

/** `POST /api/v1/auth/register`. */
export interface RegisterRequest {
  email: string;
  /** At least 10 characters. */
  password: string;
  displayName: string;
}

/** `POST /api/v1/auth/login`. */
export interface LoginRequest {
  email: string;
  password: string;
}

/** The signed-in user as the API shows them (`GET /api/v1/users/me`). */
export interface UserProfile {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  createdAt: string;
  updatedAt: string;
}

/**
 * Answer of register (201), login and refresh (200). The refresh token travels only in an
 * HttpOnly, SameSite=Strict cookie, never in the body.
 */
export interface AuthSession {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: UserProfile;
}

/** `PATCH /api/v1/users/me`: the fields a user may change about themselves. */
export interface UpdateProfileRequest {
  displayName?: string;
}

/** `POST /api/v1/users/me/password`; answers a fresh AuthSession, other sessions end. */
export interface ChangePasswordRequest {
  currentPassword: string;
  /** At least 10 characters. */
  newPassword: string;
}
