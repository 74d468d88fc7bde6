import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';
import type { UpdateProfileRequest } from '@insight/contracts';
import { trimmed } from '../auth/transforms';

export class UpdateProfileRequestDto implements UpdateProfileRequest {
  /** The name shown in the app, 1 to 100 characters. */
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  displayName?: string;
}
