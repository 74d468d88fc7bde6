import { Module } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { APP_CONFIG, type AppConfig, RedisClient } from '@insight/platform';
import { FailOpenThrottlerStorage } from './fail-open-throttler-storage';
import { RateLimitGuard } from './rate-limit.guard';
import { throttlers } from './throttlers';

/**
 * Redis-backed rate limits shared by every api replica. Register RateLimitGuard as an
 * APP_GUARD after the authentication guard.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, RedisClient, Reflector],
      useFactory: (config: AppConfig, redis: RedisClient, reflector: Reflector) => ({
        throttlers: throttlers(config, reflector),
        // The app's own client: same connection options, and it fails fast while Redis is down.
        storage: new FailOpenThrottlerStorage(new ThrottlerStorageRedisService(redis)),
        // Retry-After travels with the 429 problem; per-throttler X-RateLimit headers would be noise.
        setHeaders: false,
      }),
    }),
  ],
  providers: [RateLimitGuard],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
