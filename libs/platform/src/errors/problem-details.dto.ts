import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProblemDetails } from '@insight/contracts';

/** OpenAPI schema of every error answer: `@ApiNotFoundResponse({ type: ProblemDetailsDto })`. */
export class ProblemDetailsDto implements ProblemDetails {
  @ApiProperty({
    example: '/problems/validation-error',
    description: 'What kind of problem; about:blank for plain HTTP errors.',
  })
  type!: string;

  @ApiProperty({ example: 'Invalid request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiPropertyOptional({ example: 'The request has invalid fields; see errors.' })
  detail?: string;

  @ApiPropertyOptional({ example: '/api/v1/auth/register', description: 'The path that was requested.' })
  instance?: string;

  @ApiPropertyOptional({ description: 'The X-Request-ID of the request, to find it in the logs.' })
  requestId?: string;

  @ApiPropertyOptional({
    description: 'Field errors: each field path with the reasons it was refused.',
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { password: ['password must be longer than or equal to 10 characters'] },
  })
  errors?: Record<string, string[]>;
}
