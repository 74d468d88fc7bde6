export * from './ping.processor';
export * from './task-processors.module';
export * from './graph-sync/graph-documents';
export * from './graph-sync/graph-maintenance.scheduler';
export * from './graph-sync/graph-rebuild.service';
export * from './graph-sync/graph-reconciler.service';
export * from './graph-sync/graph-sync.service';
