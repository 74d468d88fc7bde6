import { Module } from '@nestjs/common';
import { TaskProducersModule } from '@insight/tasks';
import { AdminController } from './admin.controller';

@Module({ imports: [TaskProducersModule], controllers: [AdminController] })
export class AdminModule {}
