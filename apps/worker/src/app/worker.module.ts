import { type DynamicModule, Module } from '@nestjs/common';
import { GraphModule } from '@insight/graph';
import { MongoConnectionModule } from '@insight/insights';
import {
  type AppConfig,
  AppConfigModule,
  HealthModule,
  LoggingModule,
  MetricsModule,
  RedisModule,
} from '@insight/platform';
import { TaskQueuesModule } from '@insight/tasks';
import { TaskProcessorsModule } from '@insight/tasks/processors';
import { QueueMetricsModule } from './queue-metrics/queue-metrics.module';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'worker'),
        MetricsModule,
        RedisModule,
        MongoConnectionModule,
        GraphModule,
        TaskQueuesModule.forRoot('worker'),
        TaskProcessorsModule,
        HealthModule,
        QueueMetricsModule,
      ],
    };
  }
}
