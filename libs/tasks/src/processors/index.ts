export * from './ping.processor';
export * from './task-processors.module';
