import { problemOf } from '../support/insights-client';
import { insightsOf, uploadZip, zipOf } from '../support/transfers';
import { createUser } from '../support/users';

/**
 * Imports unpack archives a user uploads: no entry may name a path outside the import (`..`,
 * absolute or drive paths, backslashes), and no archive may expand beyond the import limits.
 * The zip's central directory is read at upload time, so either is answered at once (400 / 413
 * problem+json naming the file) and nothing is written.
 */
describe('hostile archives in imports', () => {
  it('refuses path traversal and zip bombs at upload time, before writing anything', async () => {
    const bob = await createUser();
    const clean = await zipOf({ 'aa/evil.md': 'x', 'ok.md': 'fine' });
    // yazl refuses to write such names, so each is changed in the finished archive (same length).
    for (const name of ['../evil.md', '/a/evil.md', 'C:/evil.md', '..\\evil.md', '../../e.md']) {
      const hostile = Buffer.from(clean.toString('latin1').replaceAll('aa/evil.md', name), 'latin1');
      const refused = await uploadZip(bob, hostile);
      expect({ name, status: refused.status }).toEqual({ name, status: 400 });
      expect((await problemOf(refused)).errors?.['file']?.[0]).toMatch(/unsafe or broken entry/);
    }

    const bomb = await zipOf({ 'bomb.md': Buffer.alloc(8 * 1024 * 1024, 0x61), 'ok.md': 'fine' });
    const exploded = await uploadZip(bob, bomb);
    expect(exploded.status).toBe(413);
    expect((await problemOf(exploded)).errors?.['file']?.[0]).toMatch(/zip bomb/);
    expect(await insightsOf(bob)).toHaveLength(0);
  });
});
