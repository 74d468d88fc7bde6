export * from './jobs/job-ids';
export * from './jobs/job-status.service';
export * from './ping/ping.producer';
export * from './queues/bull-connection';
export * from './queues/queue-names';
export * from './queues/task-queues.module';
export * from './tasks-producers.module';
