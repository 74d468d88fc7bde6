import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isObjectIdOrHexString, type Model, trusted, type Types } from 'mongoose';
import { PersonalAccessToken } from './personal-access-token.schema';

export interface PersonalAccessTokenRecord {
  id: string;
  userId: string;
  name: string;
  lastUsedAt: Date | null;
  createdAt: Date;
}

type StoredToken = PersonalAccessToken & { _id: Types.ObjectId };

function toRecord(token: StoredToken): PersonalAccessTokenRecord {
  return {
    id: token._id.toHexString(),
    userId: token.userId.toHexString(),
    name: token.name,
    lastUsedAt: token.lastUsedAt,
    createdAt: token.createdAt,
  };
}

/** Personal access tokens in MongoDB; revoked ones are kept (audit) but never found. */
@Injectable()
export class PersonalAccessTokenRepository {
  constructor(@InjectModel(PersonalAccessToken.name) private readonly tokens: Model<PersonalAccessToken>) {}

  async create(token: {
    userId: string;
    name: string;
    tokenHash: string;
  }): Promise<PersonalAccessTokenRecord> {
    const created = await this.tokens.create(token);
    return toRecord(created.toObject<StoredToken>());
  }

  async listActive(userId: string): Promise<PersonalAccessTokenRecord[]> {
    const tokens = await this.tokens
      .find({ userId, revokedAt: null })
      .sort({ createdAt: -1 })
      .lean<StoredToken[]>();
    return tokens.map(toRecord);
  }

  async findActiveByHash(tokenHash: string): Promise<PersonalAccessTokenRecord | null> {
    const token = await this.tokens.findOne({ tokenHash, revokedAt: null }).lean<StoredToken>();
    return token ? toRecord(token) : null;
  }

  /** Records a use, at most once per `granularityMs`, so busy scripts do not write on every call. */
  async touch(id: string, at: Date, granularityMs: number): Promise<void> {
    const staleBefore = new Date(at.getTime() - granularityMs);
    await this.tokens.updateOne(
      { _id: id, $or: [{ lastUsedAt: null }, { lastUsedAt: trusted({ $lt: staleBefore }) }] },
      { $set: { lastUsedAt: at } },
    );
  }

  /** False when the user has no active token with this id (also for ids that are not ids). */
  async revoke(userId: string, id: string, at: Date): Promise<boolean> {
    if (!isObjectIdOrHexString(id)) return false;
    const result = await this.tokens.updateOne(
      { _id: id, userId, revokedAt: null },
      { $set: { revokedAt: at } },
    );
    return result.modifiedCount === 1;
  }
}
