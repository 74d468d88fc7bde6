import { Module } from '@nestjs/common';
import { PingProcessor } from './ping.processor';

/** Every queue processor; imported by the worker app only. */
@Module({ providers: [PingProcessor] })
export class TaskProcessorsModule {}
