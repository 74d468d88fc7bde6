import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { JobStatus } from '@insight/contracts';
import { JobStatusService } from '@insight/tasks';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobStatusService) {}

  /** A background job's state, progress and result or error. */
  @Get(':id')
  @ApiOkResponse({ description: 'The job was found.' })
  @ApiNotFoundResponse({ description: 'No such job.' })
  get(@Param('id') id: string): Promise<JobStatus> {
    return this.jobs.get(id);
  }
}
