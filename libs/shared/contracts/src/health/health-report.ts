/** A dependency's state as reported by `/readiness`. */
export interface DependencyHealth {
  status: 'up' | 'down';
  message?: string;
  [detail: string]: unknown;
}

/** The body of `/health` and `/readiness` (Terminus format). */
export interface HealthReport {
  status: 'ok' | 'error' | 'shutting_down';
  info?: Record<string, DependencyHealth>;
  error?: Record<string, DependencyHealth>;
  details: Record<string, DependencyHealth>;
}

/** Names of the dependencies that readiness checks. */
export type DependencyName = 'mongo' | 'neo4j' | 'redis';
