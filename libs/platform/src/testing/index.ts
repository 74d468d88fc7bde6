export * from './test-config';
