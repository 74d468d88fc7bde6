export * from './auth/auth';
export * from './health/health-report';
export * from './jobs/job-status';
export * from './jobs/ping';
export * from './problems/problem-details';
export * from './relationships/relationship-types';
