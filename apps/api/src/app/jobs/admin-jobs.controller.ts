import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { INSIGHT_LIMITS, type JobStatus, type Page } from '@insight/contracts';
import { AdminOnly, ProblemDetailsDto } from '@insight/platform';
import { FailedJobsService } from '@insight/tasks';
import { FailedJobsQueryDto } from './failed-jobs-query.dto';
import { QueueErrors, SignedIn } from '../common/api-errors';

@ApiTags('admin')
@AdminOnly()
@SignedIn()
@ApiNotFoundResponse({
  type: ProblemDetailsDto,
  description: 'Not an admin (the route answers as if it did not exist), or no such job.',
})
@QueueErrors()
@Controller('admin/jobs')
export class AdminJobsController {
  constructor(private readonly failed: FailedJobsService) {}

  /** Jobs of one queue that failed after all their attempts, most recent failure first. */
  @Get('failed')
  @ApiOkResponse({ description: 'One page of failed jobs with their errors.' })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Unknown queue or bad cursor/limit.' })
  list(@Query() query: FailedJobsQueryDto): Promise<Page<JobStatus>> {
    return this.failed.list(query.queue, query.limit ?? INSIGHT_LIMITS.pageSizeDefault, query.cursor);
  }

  /** Runs a failed job again (its attempts start over). */
  @Post(':id/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'The job is waiting again.' })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'The job has not failed.' })
  retry(@Param('id') id: string): Promise<JobStatus> {
    return this.failed.retry(id);
  }

  /** Removes a failed job for good. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The job is gone.' })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'The job has not failed.' })
  async discard(@Param('id') id: string): Promise<void> {
    await this.failed.discard(id);
  }
}
