import { Types } from 'mongoose';
import { mongoTestModule } from '../testing/mongo-test-module';
import { toUserProfile } from './user-record';
import { UsersModule } from './users.module';
import { EmailAlreadyRegisteredError, UsersRepository } from './users.repository';

jest.setTimeout(30_000);

describe('UsersRepository (real MongoDB wire protocol)', () => {
  let env: Awaited<ReturnType<typeof mongoTestModule>>;
  let users: UsersRepository;

  beforeAll(async () => {
    env = await mongoTestModule([UsersModule]);
    users = env.moduleRef.get(UsersRepository);
  });

  afterAll(() => env.close());

  const newUser = (email: string) => ({ email, passwordHash: '$argon2id$fake', displayName: 'Ada' });

  it('stores the e-mail normalised and finds it whatever its case', async () => {
    const created = await users.create(newUser('  Ada@Example.COM '));
    expect(created).toMatchObject({ email: 'ada@example.com', role: 'user', displayName: 'Ada' });
    expect((await users.findByEmail('ADA@example.com'))?.id).toBe(created.id);
    expect((await users.findById(created.id))?.email).toBe('ada@example.com');
  });

  it('refuses a second account for the same address, also when both arrive at once', async () => {
    await users.create(newUser('grace@example.com'));
    await expect(users.create(newUser('GRACE@example.com'))).rejects.toBeInstanceOf(
      EmailAlreadyRegisteredError,
    );

    const results = await Promise.allSettled([
      users.create(newUser('twins@example.com')),
      users.create(newUser('Twins@example.com')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await env.connection.collection('users').countDocuments({ email: 'twins@example.com' })).toBe(1);
  });

  it('finds nothing for ids that are not ids, and for unknown ones', async () => {
    expect(await users.findById('not-an-id')).toBeNull();
    expect(await users.findById('aaaaaaaaaaaa')).toBeNull();
    expect(await users.findById(new Types.ObjectId().toHexString())).toBeNull();
    expect(await users.updateProfile('not-an-id', { displayName: 'x' })).toBeNull();
    expect(await users.updatePasswordHash('not-an-id', 'x')).toBe(false);
  });

  it('updates the display name within its limits and the password hash', async () => {
    const created = await users.create(newUser('hopper@example.com'));
    const renamed = await users.updateProfile(created.id, { displayName: '  Grace Hopper ' });
    expect(renamed?.displayName).toBe('Grace Hopper');
    await expect(users.updateProfile(created.id, { displayName: 'x'.repeat(101) })).rejects.toThrow(
      /displayName/,
    );
    expect(await users.updatePasswordHash(created.id, '$argon2id$new')).toBe(true);
    expect((await users.findById(created.id))?.passwordHash).toBe('$argon2id$new');
  });

  it('never shows the password hash in the profile', async () => {
    const created = await users.create(newUser('profile@example.com'));
    const profile = toUserProfile(created);
    expect(Object.keys(profile).sort()).toEqual([
      'createdAt',
      'displayName',
      'email',
      'id',
      'role',
      'updatedAt',
    ]);
    expect(JSON.stringify(profile)).not.toContain('argon2');
  });
});
