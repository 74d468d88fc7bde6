import { canSeeJob, jobOwnerId } from './job-ownership';

const alice = { id: 'alice', role: 'user' } as const;
const admin = { id: 'root', role: 'admin' } as const;

describe('job ownership', () => {
  it('takes the requester first, then the owner of the insight the job works on', () => {
    expect(jobOwnerId({ ownerId: 'a', userId: 'b' })).toBe('a');
    expect(jobOwnerId({ userId: 'b' })).toBe('b');
    expect(jobOwnerId({ period: '12' })).toBeUndefined();
    expect(jobOwnerId(null)).toBeUndefined();
    expect(jobOwnerId({ ownerId: 42 })).toBeUndefined();
  });

  it("shows a user their own jobs and nobody else's", () => {
    expect(canSeeJob(alice, { userId: 'alice' })).toBe(true);
    expect(canSeeJob(alice, { ownerId: 'alice' })).toBe(true);
    expect(canSeeJob(alice, { userId: 'bob' })).toBe(false);
    expect(canSeeJob(alice, { period: '1' })).toBe(false);
    expect(canSeeJob(alice, { ownerId: 'root', visibleToAdmins: true })).toBe(false);
  });

  it("shows admins system jobs and admin work, not users' own jobs", () => {
    expect(canSeeJob(admin, { period: '1' })).toBe(true);
    expect(canSeeJob(admin, { ownerId: 'other-admin', visibleToAdmins: true })).toBe(true);
    expect(canSeeJob(admin, { userId: 'alice' })).toBe(false);
  });
});
