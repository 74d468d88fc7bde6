import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, type Types } from 'mongoose';

/** The stems of one insight version that a corpus change counts. */
export interface CountedDocument {
  insightId: string;
  version: number;
  stems: string[];
}

/**
 * A corpus change being applied (one or more documents of one user, grouped): kept until it has
 * landed so a crash mid-way can be finished.
 */
export interface PendingCorpusChange {
  seq: number;
  documents: CountedDocument[];
  /** Net change of each stem's document frequency (never 0). */
  deltas: { stem: string; delta: number }[];
  documentCountDelta: number;
}

/**
 * One user's corpus as TF-IDF needs it: how many of their insights are counted, and the sequence
 * number of the last change applied (term counters carry it, so a replayed change is not counted
 * twice). `_id` is the user id.
 */
@Schema({ collection: 'corpus_stats', versionKey: false, minimize: false })
export class CorpusStatsEntity {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  _id!: Types.ObjectId;

  @Prop({ type: Number, default: 0 })
  documentCount!: number;

  @Prop({ type: Number, default: 0 })
  seq!: number;

  @Prop({ type: SchemaTypes.Mixed, default: null })
  pending!: PendingCorpusChange | null;
}

/** In how many of a user's insights a stem occurs. `_id` is `<userId>:<stem>`. */
@Schema({ collection: 'corpus_terms', versionKey: false })
export class CorpusTermEntity {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, default: 0 })
  df!: number;

  /** The change (CorpusStatsEntity.seq) that last touched this counter. */
  @Prop({ type: Number, default: 0 })
  seq!: number;
}

/** Which stems of an insight, at which version, the user's counters include. `_id` is the insight id. */
@Schema({ collection: 'corpus_documents', versionKey: false })
export class CorpusDocumentEntity {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  _id!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Number, required: true })
  version!: number;

  @Prop({ type: [String], default: [] })
  stems!: string[];
}

/**
 * Serialises the corpus changes of one user: FerretDB applies `$inc` as read-then-write, so two
 * concurrent increments of one counter lose one (measured). `_id` is the user id; the primary key
 * admits one holder; an expired lock (a crashed holder) is taken over.
 */
@Schema({ collection: 'corpus_locks', versionKey: false })
export class CorpusLockEntity {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  _id!: Types.ObjectId;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;
}

export const CorpusStatsSchema = SchemaFactory.createForClass(CorpusStatsEntity);
export const CorpusTermSchema = SchemaFactory.createForClass(CorpusTermEntity);
export const CorpusDocumentSchema = SchemaFactory.createForClass(CorpusDocumentEntity);
export const CorpusLockSchema = SchemaFactory.createForClass(CorpusLockEntity);
