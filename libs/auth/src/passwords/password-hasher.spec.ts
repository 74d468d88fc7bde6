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

  // A timing comparison would be flaky on a shared machine; what makes the times equal is
  // that the unknown-account path runs the same Argon2id verification on a same-cost hash.
  it('runs a full Argon2id verification at the same cost when there is no account', async () => {
    const verify = jest.spyOn(hasher, 'verify');
    await expect(hasher.verifyWithoutAccount('wrong password')).resolves.toBe(false);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenCalledWith(
      expect.stringMatching(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/),
      'wrong password',
    );
    verify.mockRestore();
  });
});
