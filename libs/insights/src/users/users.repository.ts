import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';
import { isDuplicateKeyError } from '../common/mongo-errors';
import { parseObjectId } from '../common/object-id';
import { normaliseEmail, type UserRecord } from './user-record';
import { User } from './user.schema';

/** Registering an address that already has an account. */
export class EmailAlreadyRegisteredError extends Error {
  constructor() {
    super('This e-mail address is already registered.');
    this.name = 'EmailAlreadyRegisteredError';
  }
}

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string;
}

type StoredUser = User & { _id: Types.ObjectId };

function toRecord(user: StoredUser): UserRecord {
  return {
    id: user._id.toHexString(),
    email: user.email,
    passwordHash: user.passwordHash,
    displayName: user.displayName,
    role: user.role,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

/** Users in MongoDB. Ids that are not ObjectIds find nothing rather than failing. */
@Injectable()
export class UsersRepository {
  constructor(@InjectModel(User.name) private readonly users: Model<User>) {}

  /** Throws EmailAlreadyRegisteredError when the (normalised) address is taken. */
  async create(user: NewUser): Promise<UserRecord> {
    try {
      const created = await this.users.create({ ...user, email: normaliseEmail(user.email) });
      return toRecord(created.toObject<StoredUser>());
    } catch (error) {
      // The unique index decides, so two simultaneous registrations cannot both win.
      if (isDuplicateKeyError(error)) throw new EmailAlreadyRegisteredError();
      throw error;
    }
  }

  async findById(id: string): Promise<UserRecord | null> {
    const objectId = parseObjectId(id);
    if (!objectId) return null;
    const user = await this.users.findById(objectId).lean<StoredUser>();
    return user ? toRecord(user) : null;
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    const user = await this.users.findOne({ email: normaliseEmail(email) }).lean<StoredUser>();
    return user ? toRecord(user) : null;
  }

  async updateProfile(id: string, changes: { displayName?: string }): Promise<UserRecord | null> {
    const objectId = parseObjectId(id);
    if (!objectId) return null;
    const user = await this.users
      .findByIdAndUpdate(objectId, { $set: changes }, { returnDocument: 'after', runValidators: true })
      .lean<StoredUser>();
    return user ? toRecord(user) : null;
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<boolean> {
    const objectId = parseObjectId(id);
    if (!objectId) return false;
    const result = await this.users.updateOne({ _id: objectId }, { $set: { passwordHash } });
    return result.matchedCount === 1;
  }

  async deleteById(id: string): Promise<void> {
    const objectId = parseObjectId(id);
    if (objectId) await this.users.deleteOne({ _id: objectId });
  }
}
