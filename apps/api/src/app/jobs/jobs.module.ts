import { Module } from '@nestjs/common';
import { TaskProducersModule } from '@insight/tasks';
import { AdminJobsController } from './admin-jobs.controller';
import { JobsController } from './jobs.controller';

@Module({ imports: [TaskProducersModule], controllers: [JobsController, AdminJobsController] })
export class JobsModule {}
