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
import { AdminModule } from './admin/admin.module';
import { JobsModule } from './jobs/jobs.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot(config, 'api'),
        MetricsModule,
        RedisModule,
        MongoConnectionModule,
        GraphModule,
        TaskQueuesModule.forRoot('producer'),
        HealthModule,
        AdminModule,
        JobsModule,
      ],
    };
  }
}
