/** Stops and restarts the stack's services one by one; run alone, never beside other suites. */
export default {
  displayName: 'api-resilience',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/resilience/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  testTimeout: 180_000,
};
