import { Module } from '@nestjs/common';
import { AuthModule } from '@insight/auth';
import { UserEventsLog, UserEventsSubscriber } from '@insight/tasks';
import { EventStreamsService } from './event-streams.service';
import { EventsController } from './events.controller';

@Module({
  imports: [AuthModule],
  controllers: [EventsController],
  providers: [UserEventsSubscriber, UserEventsLog, EventStreamsService],
})
export class EventsApiModule {}
