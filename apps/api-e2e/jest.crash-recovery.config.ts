/**
 * The worker killed with SIGKILL mid-work. Each spec runs an api and a worker of its own (own
 * ports, database and queue prefix), so the two run side by side: most of their time is BullMQ's
 * lock expiry before killed jobs are taken up again, which they can wait out together.
 */
export default {
  displayName: 'api-crash-recovery',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/crash-recovery/**/*.e2e-spec.ts'],
  maxWorkers: 2,
};
