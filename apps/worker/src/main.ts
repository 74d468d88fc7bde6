import 'reflect-metadata';
import { bootstrapHttpApp, loadConfigOrExit } from '@insight/platform';
import { WorkerModule } from './app/worker.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // The worker's HTTP server only serves /health, /readiness and /metrics.
  await bootstrapHttpApp(WorkerModule.forRoot(config), config, { port: config.WORKER_PORT });
}

void main();
