import { Module } from '@nestjs/common';
import { TransfersDataModule } from '@insight/insights';
import { TaskProducersModule } from '@insight/tasks';
import { TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';

@Module({
  imports: [TransfersDataModule, TaskProducersModule],
  controllers: [TransfersController],
  providers: [TransfersService],
})
export class TransfersApiModule {}
