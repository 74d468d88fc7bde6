import { Types } from 'mongoose';
import { mongoTestModule } from '../testing/mongo-test-module';
import { InsightsDataModule } from '../insights/insights-data.module';
import { InsightsRepository } from '../insights/insights.repository';
import { TagsRepository } from './tags.repository';

jest.setTimeout(30_000);

describe('TagsRepository (real MongoDB wire protocol)', () => {
  let env: Awaited<ReturnType<typeof mongoTestModule>>;
  let insights: InsightsRepository;
  let tags: TagsRepository;

  beforeAll(async () => {
    env = await mongoTestModule([InsightsDataModule]);
    insights = env.moduleRef.get(InsightsRepository);
    tags = env.moduleRef.get(TagsRepository);
  });

  afterAll(() => env.close());

  const newUser = () => new Types.ObjectId().toHexString();

  async function tagsOf(user: string, id: string): Promise<string[] | undefined> {
    return (await insights.findOwned(user, id))?.tags;
  }

  it('counts tags over the user’s insights outside the trash, most used first', async () => {
    const user = newUser();
    await insights.create(user, { title: 'a', tags: ['rust', 'perf'] });
    await insights.create(user, { title: 'b', tags: ['rust'] });
    const trashed = await insights.create(user, { title: 'c', tags: ['rust', 'gone'] });
    await insights.trash(user, trashed.id);
    await insights.create(newUser(), { title: 'other', tags: ['rust', 'secret'] });
    expect(await tags.counts(user)).toEqual([
      { name: 'rust', count: 2 },
      { name: 'perf', count: 1 },
    ]);
  });

  it('renames a tag on every insight of the user and bumps their versions', async () => {
    const user = newUser();
    const one = await insights.create(user, { title: 'one', tags: ['js', 'web'] });
    const two = await insights.create(user, { title: 'two', tags: ['web', 'js'] });
    const other = await insights.create(newUser(), { title: 'x', tags: ['js'] });
    const renamed = await tags.rename(user, 'js', 'javascript');
    expect(renamed).toMatchObject({ matched: 2, merged: false });
    expect(renamed?.changed.map((c) => c.version).sort()).toEqual([3, 3]);
    expect(await tagsOf(user, one.id)).toEqual(['web', 'javascript']);
    expect(await tagsOf(user, two.id)).toEqual(['web', 'javascript']);
    expect(await insights.findOwned(other.id === one.id ? user : newUser(), other.id)).toBeNull();
  });

  it('merges into an existing tag without duplicating it, and leaves other users alone', async () => {
    const user = newUser();
    const stranger = newUser();
    const both = await insights.create(user, { title: 'both', tags: ['ml', 'machine learning'] });
    const onlyOld = await insights.create(user, { title: 'old', tags: ['ml'] });
    const onlyNew = await insights.create(user, { title: 'new', tags: ['machine learning'] });
    const theirs = await insights.create(stranger, { title: 'theirs', tags: ['ml'] });
    const merged = await tags.rename(user, 'ml', 'machine learning');
    expect(merged).toMatchObject({ matched: 2, merged: true });
    expect(await tagsOf(user, both.id)).toEqual(['machine learning']);
    expect(await tagsOf(user, onlyOld.id)).toEqual(['machine learning']);
    expect(await insights.findOwned(user, onlyNew.id)).toMatchObject({
      tags: ['machine learning'],
      version: 1,
    });
    expect(await insights.findOwned(stranger, theirs.id)).toMatchObject({ tags: ['ml'], version: 1 });
    expect(await tags.counts(user)).toEqual([{ name: 'machine learning', count: 3 }]);
  });

  it('answers null for a tag the user does not have, changing nothing', async () => {
    const user = newUser();
    const stranger = newUser();
    const theirs = await insights.create(stranger, { title: 'theirs', tags: ['private'] });
    expect(await tags.rename(user, 'private', 'mine')).toBeNull();
    expect(await tags.remove(user, 'private')).toBeNull();
    expect(await tags.rename(user, 'private', 'private')).toBeNull();
    expect(await insights.findOwned(stranger, theirs.id)).toMatchObject({ tags: ['private'], version: 1 });
  });

  it('removes a tag from every insight of the user, trashed ones included', async () => {
    const user = newUser();
    const live = await insights.create(user, { title: 'live', tags: ['drop', 'keep'] });
    const binned = await insights.create(user, { title: 'binned', tags: ['drop'] });
    await insights.trash(user, binned.id);
    const removed = await tags.remove(user, 'drop');
    expect(removed?.matched).toBe(2);
    expect(await tagsOf(user, live.id)).toEqual(['keep']);
    expect((await insights.findOwned(user, binned.id, 'trashed'))?.tags).toEqual([]);
  });
});
