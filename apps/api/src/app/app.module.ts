import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthenticationGuard, AuthModule, RateLimitGuard, RateLimitModule } from '@insight/auth';
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
import { AuthApiModule } from './auth/auth-api.module';
import { CategoriesApiModule } from './categories/categories-api.module';
import { DashboardApiModule } from './dashboard/dashboard-api.module';
import { EventsApiModule } from './events/events-api.module';
import { ReviewApiModule } from './review/review-api.module';
import { GraphApiModule } from './graph/graph-api.module';
import { InsightsApiModule } from './insights/insights-api.module';
import { JobsModule } from './jobs/jobs.module';
import { RelationshipsApiModule } from './relationships/relationships-api.module';
import { SearchApiModule } from './search/search-api.module';
import { SuggestionsApiModule } from './suggestions/suggestions-api.module';
import { TagsApiModule } from './tags/tags-api.module';
import { TokensApiModule } from './tokens/tokens-api.module';
import { TransfersApiModule } from './transfers/transfers-api.module';
import { UsersApiModule } from './users/users-api.module';
import { WebhooksApiModule } from './webhooks/webhooks-api.module';

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
        AuthModule,
        RateLimitModule,
        AdminModule,
        JobsModule,
        AuthApiModule,
        UsersApiModule,
        TokensApiModule,
        InsightsApiModule,
        CategoriesApiModule,
        TagsApiModule,
        RelationshipsApiModule,
        GraphApiModule,
        SearchApiModule,
        WebhooksApiModule,
        TransfersApiModule,
        EventsApiModule,
        SuggestionsApiModule,
        ReviewApiModule,
        DashboardApiModule,
      ],
      // Global guards run in this order: who is calling, then how often they may.
      providers: [
        { provide: APP_GUARD, useExisting: AuthenticationGuard },
        { provide: APP_GUARD, useExisting: RateLimitGuard },
      ],
    };
  }
}
