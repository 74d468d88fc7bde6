import { importZip, insightsOf, zipOf } from '../support/transfers';
import { createUser } from '../support/users';

/**
 * Imports unpack archives a user uploads: no entry may name a path outside the import (`..`,
 * absolute or drive paths, backslashes), and no archive may expand beyond the import limits.
 * Either refuses the whole import before anything is written.
 */
describe('hostile archives in imports', () => {
  it('refuses path traversal and zip bombs before writing anything', async () => {
    const bob = await createUser();
    const clean = await zipOf({ 'aa/evil.md': 'x', 'ok.md': 'fine' });
    // yazl refuses to write such names, so each is changed in the finished archive (same length).
    for (const name of ['../evil.md', '/a/evil.md', 'C:/evil.md', '..\\evil.md', '../../e.md']) {
      const hostile = Buffer.from(clean.toString('latin1').replaceAll('aa/evil.md', name), 'latin1');
      const refused = await importZip(bob, hostile);
      expect({ name, status: refused.status }).toEqual({ name, status: 'failed' });
      expect(refused.error).toMatch(/unsafe or broken entry/);
    }

    const bomb = await zipOf({ 'bomb.md': Buffer.alloc(8 * 1024 * 1024, 0x61), 'ok.md': 'fine' });
    const exploded = await importZip(bob, bomb);
    expect(exploded.status).toBe('failed');
    expect(exploded.error).toMatch(/zip bomb/);
    expect(await insightsOf(bob)).toHaveLength(0);
  });
});
