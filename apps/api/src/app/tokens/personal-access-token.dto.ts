import { ApiProperty } from '@nestjs/swagger';
import type { CreatedPersonalAccessToken, PersonalAccessToken } from '@insight/contracts';

export class PersonalAccessTokenDto implements PersonalAccessToken {
  id!: string;
  name!: string;
  /** ISO 8601 date-time. */
  createdAt!: string;
  /** ISO 8601 date-time of the last request made with it (updated at most once a minute). */
  @ApiProperty({ type: String, nullable: true })
  lastUsedAt!: string | null;
}

export class CreatedPersonalAccessTokenDto
  extends PersonalAccessTokenDto
  implements CreatedPersonalAccessToken
{
  /** The secret (`pat_…`), shown only in this answer. Send as `Authorization: Bearer <token>`. */
  token!: string;
}
