import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { PingRequest } from '@insight/contracts';

export class PingRequestDto implements PingRequest {
  /** Echoed back by the worker. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  message?: string;
}
