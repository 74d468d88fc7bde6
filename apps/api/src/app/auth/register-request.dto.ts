import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength, MinLength } from 'class-validator';
import type { RegisterRequest } from '@insight/contracts';
import { normalisedEmail, trimmed } from '../common/validation';

export class RegisterRequestDto implements RegisterRequest {
  /** Signs the account in; compared without regard to case. */
  @Transform(normalisedEmail)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  /** At least 10 characters. */
  @IsString()
  @MinLength(10)
  @MaxLength(1024)
  password!: string;

  /** The name shown in the app, 1 to 100 characters. */
  @Transform(trimmed)
  @IsString()
  @Length(1, 100)
  displayName!: string;
}
