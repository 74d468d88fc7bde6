import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it("hashes with Argon2id at OWASP's parameters", async () => {
    const passwordHash = await hasher.hash('correct horse battery staple');
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const passwordHash = await hasher.hash('correct horse battery staple');
    await expect(hasher.verify(passwordHash, 'correct horse battery staple')).resolves.toBe(true);
    await expect(hasher.verify(passwordHash, 'Correct horse battery staple')).resolves.toBe(false);
  });

  it('answers false instead of throwing for a hash it cannot read', async () => {
    await expect(hasher.verify('not a hash', 'whatever')).resolves.toBe(false);
  });

  it('takes about as long without an account as with a wrong password', async () => {
    const passwordHash = await hasher.hash('correct horse battery staple');
    await hasher.onModuleInit(); // computes the decoy hash
    const time = async (work: () => Promise<boolean>) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < 5; i++) await work();
      return Number(process.hrtime.bigint() - start);
    };
    const wrongPassword = await time(() => hasher.verify(passwordHash, 'wrong password'));
    const noAccount = await time(() => hasher.verifyWithoutAccount('wrong password'));
    expect(noAccount / wrongPassword).toBeGreaterThan(0.5);
    expect(noAccount / wrongPassword).toBeLessThan(2);
  });
});
