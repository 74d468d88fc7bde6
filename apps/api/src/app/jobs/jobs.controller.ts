import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { JobStatus } from '@insight/contracts';
import { type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { JobStatusService } from '@insight/tasks';
import { QueueErrors, SignedIn } from '../common/api-errors';

@ApiTags('jobs')
@SignedIn()
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobStatusService) {}

  /**
   * A background job's state, progress and result or error: jobs that work for the caller (their
   * insights' analysis and sync, what they asked for); admins also see system and admin jobs.
   */
  @Get(':id')
  @ApiOkResponse({ description: 'The job was found.' })
  @ApiNotFoundResponse({ type: ProblemDetailsDto, description: "No such job, or someone else's." })
  @QueueErrors()
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<JobStatus> {
    return this.jobs.get(id, user);
  }
}
