/** A personal access token as listed (`GET /api/v1/tokens`); the secret is never shown again. */
export interface PersonalAccessToken {
  id: string;
  name: string;
  createdAt: string;
  /** When a request last used it; null until then. */
  lastUsedAt: string | null;
}

/** `POST /api/v1/tokens`. */
export interface CreatePersonalAccessTokenRequest {
  /** What the token is for, e.g. "backup script". */
  name: string;
}

/** Answer of `POST /api/v1/tokens`: the only time `token` (sent as `Authorization: Bearer`) is shown. */
export interface CreatedPersonalAccessToken extends PersonalAccessToken {
  token: string;
}
