import type { AuthUser } from '@insight/platform';

/** Job data fields that decide who may read a job (`GET /jobs/:id`) and who hears of its progress. */
export interface JobOwnership {
  /** The user who asked for the job: they see it and receive its `job.*` events. */
  ownerId?: string;
  /** Admin work someone started (a rebuild): every admin sees it, not only the one who asked. */
  visibleToAdmins?: boolean;
}

function field(data: unknown, name: string): unknown {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[name] : undefined;
}

/**
 * Whose job this is: `ownerId` (who asked for it), else `userId` (per-insight work such as
 * graph-sync and analysis works for the insight's owner). Undefined for system work.
 */
export function jobOwnerId(data: unknown): string | undefined {
  const owner = field(data, 'ownerId') ?? field(data, 'userId');
  return typeof owner === 'string' ? owner : undefined;
}

/** A user sees their own jobs; admins also see system jobs and admin work. Everyone else: 404. */
export function canSeeJob(caller: Pick<AuthUser, 'id' | 'role'>, data: unknown): boolean {
  const owner = jobOwnerId(data);
  if (owner !== undefined && owner === caller.id) return true;
  return caller.role === 'admin' && (owner === undefined || field(data, 'visibleToAdmins') === true);
}
