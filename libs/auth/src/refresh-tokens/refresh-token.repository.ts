import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { trusted, type Model } from 'mongoose';
import { isDuplicateKeyError } from '@insight/insights';
import { RefreshToken } from './refresh-token.schema';

export interface RefreshTokenRecord {
  id: string;
  tokenHash: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  replacedBy: string | null;
}

export type NewRefreshToken = Pick<
  RefreshTokenRecord,
  'id' | 'tokenHash' | 'userId' | 'familyId' | 'expiresAt'
> & {
  /** The id of the token it replaces; unique (see RefreshToken.rotatedFrom). */
  rotatedFrom: string;
};

/** Where refresh tokens live; every change is a single-document or single-statement write. */
export abstract class RefreshTokenRepository {
  /** False when `rotatedFrom` already has a successor: that token was exchanged before. */
  abstract insert(token: NewRefreshToken): Promise<boolean>;
  abstract findByHash(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /** Marks an unused, unrevoked token as replaced; false when it was not (anymore) usable. */
  abstract markReplaced(id: string, replacedBy: string): Promise<boolean>;
  /** Whether any token of the family has been revoked (which revokes the whole family). */
  abstract familyRevoked(familyId: string): Promise<boolean>;
  abstract revokeFamily(familyId: string, at: Date): Promise<void>;
  abstract revokeAllOfUser(userId: string, at: Date): Promise<void>;
}

@Injectable()
export class MongoRefreshTokenRepository extends RefreshTokenRepository {
  constructor(@InjectModel(RefreshToken.name) private readonly tokens: Model<RefreshToken>) {
    super();
  }

  async insert(token: NewRefreshToken): Promise<boolean> {
    const { id, ...rest } = token;
    try {
      await this.tokens.create({ _id: id, ...rest });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const token = await this.tokens.findOne({ tokenHash }).lean<RefreshToken>();
    if (!token) return null;
    return {
      id: token._id,
      tokenHash: token.tokenHash,
      userId: token.userId,
      familyId: token.familyId,
      expiresAt: token.expiresAt,
      revokedAt: token.revokedAt,
      replacedBy: token.replacedBy,
    };
  }

  async markReplaced(id: string, replacedBy: string): Promise<boolean> {
    const result = await this.tokens.updateOne(
      { _id: id, replacedBy: null, revokedAt: null },
      { $set: { replacedBy } },
    );
    return result.modifiedCount === 1;
  }

  /** Whether any token of the family has been revoked (which revokes the whole family). */
  async familyRevoked(familyId: string): Promise<boolean> {
    // trusted(): our own operator; sanitizeFilter would otherwise neutralise it.
    return (await this.tokens.exists({ familyId, revokedAt: trusted({ $ne: null }) })) !== null;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.tokens.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: at } });
  }

  async revokeAllOfUser(userId: string, at: Date): Promise<void> {
    await this.tokens.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: at } });
  }
}
