import { Types } from 'mongoose';
import { mongoTestModule } from '../testing/mongo-test-module';
import { CategoriesDataModule } from './categories-data.module';
import { CategoriesRepository, CategoryNameTakenError } from './categories.repository';
import { DefaultCategoriesSeeder } from './default-categories.seeder';

jest.setTimeout(30_000);

describe('categories (real MongoDB wire protocol)', () => {
  let env: Awaited<ReturnType<typeof mongoTestModule>>;
  let categories: CategoriesRepository;
  let seeder: DefaultCategoriesSeeder;

  beforeAll(async () => {
    env = await mongoTestModule([CategoriesDataModule]);
    categories = env.moduleRef.get(CategoriesRepository);
    seeder = env.moduleRef.get(DefaultCategoriesSeeder);
  });

  afterAll(() => env.close());

  const newUser = () => new Types.ObjectId().toHexString();

  it('seeds Work, Personal, Ideas and Tasks once, however often and concurrently it runs', async () => {
    const user = newUser();
    await Promise.all([seeder.seedFor(user), seeder.seedFor(user)]);
    await seeder.seedFor(user);
    const names = (await categories.list(user)).map((c) => c.name);
    expect(names).toEqual(['Ideas', 'Personal', 'Tasks', 'Work']);
    const work = (await categories.list(user)).find((c) => c.name === 'Work');
    expect(work).toMatchObject({ colour: '#2563eb', icon: 'work' });
  });

  it('keeps a category the user created before seeding instead of overwriting it', async () => {
    const user = newUser();
    await categories.create(user, { name: 'work', colour: '#000000', icon: 'home' });
    await seeder.seedFor(user);
    const list = await categories.list(user);
    expect(list).toHaveLength(4);
    expect(list.find((c) => c.name.toLowerCase() === 'work')).toMatchObject({
      name: 'work',
      colour: '#000000',
    });
  });

  it('refuses a second category of the same name in any case, but allows it for another user', async () => {
    const user = newUser();
    await categories.create(user, { name: 'Reading', colour: '#123456', icon: 'book' });
    await expect(
      categories.create(user, { name: '  READING ', colour: '#123456', icon: 'book' }),
    ).rejects.toThrow(CategoryNameTakenError);
    await expect(
      categories.create(newUser(), { name: 'Reading', colour: '#123456', icon: 'book' }),
    ).resolves.toMatchObject({ name: 'Reading' });
  });

  it('refuses a rename onto an existing name', async () => {
    const user = newUser();
    await categories.create(user, { name: 'A', colour: '#123456', icon: 'a' });
    const b = await categories.create(user, { name: 'B', colour: '#123456', icon: 'b' });
    await expect(categories.update(user, b.id, { name: 'a' })).rejects.toThrow(CategoryNameTakenError);
    expect((await categories.findOwned(user, b.id))?.name).toBe('B');
  });

  it("treats another user's category as absent and leaves it alone", async () => {
    const owner = newUser();
    const other = newUser();
    const category = await categories.create(owner, { name: 'Mine', colour: '#123456', icon: 'x' });
    expect(await categories.findOwned(other, category.id)).toBeNull();
    expect(await categories.update(other, category.id, { name: 'Stolen' })).toBeNull();
    expect(await categories.delete(other, category.id)).toBe(false);
    expect(await categories.findOwned(owner, category.id)).toMatchObject({ name: 'Mine' });
  });

  it('treats ids that are not ObjectIds as absent', async () => {
    expect(await categories.findOwned(newUser(), 'not-an-id')).toBeNull();
    expect(await categories.delete(newUser(), '123456789012')).toBe(false);
  });
});
