import { Module } from '@nestjs/common';
import { TaskProducersModule } from '@insight/tasks';
import { JobsController } from './jobs.controller';

@Module({ imports: [TaskProducersModule], controllers: [JobsController] })
export class JobsModule {}
