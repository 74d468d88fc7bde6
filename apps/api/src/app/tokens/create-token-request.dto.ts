import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import type { CreatePersonalAccessTokenRequest } from '@insight/contracts';
import { trimmed } from '../common/validation';

export class CreateTokenRequestDto implements CreatePersonalAccessTokenRequest {
  /** What the token is for, 1 to 100 characters (e.g. "backup script"). */
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  name!: string;
}
