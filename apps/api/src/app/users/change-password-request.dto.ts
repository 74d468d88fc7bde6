import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import type { ChangePasswordRequest } from '@insight/contracts';

export class ChangePasswordRequestDto implements ChangePasswordRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  currentPassword!: string;

  /** At least 10 characters. */
  @IsString()
  @MinLength(10)
  @MaxLength(1024)
  newPassword!: string;
}
