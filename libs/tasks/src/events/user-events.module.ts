import { Module } from '@nestjs/common';
import { RedisModule } from '@insight/platform';
import { UserEventsPublisher } from './user-events.publisher';

/** Publishing users' live events (needs AppConfigModule in the app; shares the app's Redis client). */
@Module({ imports: [RedisModule], providers: [UserEventsPublisher], exports: [UserEventsPublisher] })
export class UserEventsModule {}
