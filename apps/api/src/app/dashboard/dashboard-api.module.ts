import { Module } from '@nestjs/common';
import { DashboardDataModule } from '@insight/insights';
import { DashboardController } from './dashboard.controller';

@Module({ imports: [DashboardDataModule], controllers: [DashboardController] })
export class DashboardApiModule {}
