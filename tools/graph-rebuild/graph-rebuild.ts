/**
 * Queues a full rebuild of the graph projection (Neo4j is wiped and replayed from MongoDB by a
 * worker, in batches) and follows its progress until it ends.
 *
 *   SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/graph-rebuild/graph-rebuild.ts
 *
 * Reads the apps' configuration (environment, CONFIG_FILE, flags such as --redis-url=…). A worker
 * must be running against the same Redis and QUEUE_PREFIX. `--no-wait` only queues it. Exit code
 * 0 when the rebuild completed, 1 when it failed.
 */
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { loadConfigOrExit } from '@insight/platform';
import {
  bullConnection,
  type GraphRebuildJobData,
  type GraphRebuildResult,
  parsePublicJobId,
  QUEUES,
  requestGraphRebuild,
} from '@insight/tasks';

const POLL_MS = 1000;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'no-wait': { type: 'boolean' } }, strict: false });
  const config = loadConfigOrExit();
  const queue = new Queue<GraphRebuildJobData>(QUEUES.graphMaintenance, {
    connection: bullConnection(config, 'worker'),
    prefix: config.QUEUE_PREFIX,
  });
  try {
    const accepted = await requestGraphRebuild(queue, 'tools/graph-rebuild');
    console.log(`rebuild queued: ${accepted.jobId} (GET ${accepted.statusUrl})`);
    if (values['no-wait']) return 0;
    const jobId = parsePublicJobId(accepted.jobId)?.jobId ?? '';
    let lastProgress = -1;
    for (;;) {
      const job = await queue.getJob(jobId);
      if (!job) throw new Error(`job ${jobId} disappeared`);
      const state = await job.getState();
      const progress = typeof job.progress === 'number' ? job.progress : 0;
      if (progress !== lastProgress) {
        console.log(`${state} ${progress}%`);
        lastProgress = progress;
      }
      if (state === 'completed') {
        console.log(JSON.stringify(job.returnvalue as GraphRebuildResult, null, 2));
        return 0;
      }
      if (state === 'failed') {
        console.error(`rebuild failed: ${job.failedReason}`);
        return 1;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await queue.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
