import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ALL_QUEUES, type QueueName } from '@insight/tasks';
import { PageQueryDto } from '../insights/list-insights-query.dto';

/** `GET /admin/jobs/failed`: which queue, and the page. */
export class FailedJobsQueryDto extends PageQueryDto {
  /** The queue whose failed jobs to list. */
  @ApiProperty({ enum: ALL_QUEUES })
  @IsIn(ALL_QUEUES)
  queue!: QueueName;
}
