import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import type { UpdateProfileRequest } from '@insight/contracts';
import { OptionalNotNull, trimmed } from '../common/validation';

export class UpdateProfileRequestDto implements UpdateProfileRequest {
  /** The name shown in the app, 1 to 100 characters. */
  @OptionalNotNull()
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  displayName?: string;
}
