import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type Algorithm, hash, type Options, verify } from '@node-rs/argon2';

// `Algorithm` is a const enum that SWC (the test compiler) cannot inline; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

/** OWASP's recommended Argon2id settings: 19 MiB of memory, 2 passes, 1 lane. */
export const PASSWORD_HASH_OPTIONS: Options = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** Hashes and checks passwords (Argon2id, PHC strings). */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private decoy?: Promise<string>;

  /** Computes the decoy hash at start, so the first unknown-address sign-in is not the slow one. */
  async onModuleInit(): Promise<void> {
    await this.decoyHash();
  }

  hash(password: string): Promise<string> {
    return hash(password, PASSWORD_HASH_OPTIONS);
  }

  /** False for a wrong password and for a hash that cannot be read. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the time of a real check and answers false, so a sign-in for an unknown
   * e-mail address takes as long as one with a wrong password.
   */
  async verifyWithoutAccount(password: string): Promise<false> {
    await this.verify(await this.decoyHash(), password);
    return false;
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= this.hash(randomBytes(16).toString('hex'));
    return this.decoy;
  }
}
