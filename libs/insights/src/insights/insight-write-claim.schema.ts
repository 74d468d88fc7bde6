import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Who holds a claim: a user's write, the graph sync recording what it projected, or the analysis
 * storing its result (neither of the last two produces a version, so writers wait for them).
 */
export type WriteClaimHolder = 'writer' | 'graph-sync' | 'analysis';

/**
 * A claim on producing one version of one document (an insight or a relationship): `_id` is
 * `<documentId>-v<version>`, so the primary key lets exactly one writer claim it. FerretDB 1.24
 * applies a conditional update as read, then write of the whole document by `_id` without
 * re-checking the filter, so two updates conditioned on the same version can both succeed there
 * (measured: most concurrent pairs did), and the later one silently undoes the earlier. Inserting
 * the claim first serialises writers on both FerretDB and MongoDB; the version condition in the
 * update stays as the guard MongoDB enforces atomically.
 */
@Schema({ collection: 'insight_write_claims', versionKey: false })
export class InsightWriteClaimEntity {
  @Prop({ type: String, required: true })
  _id!: string;

  /** After this a claim whose write never happened (a crashed process) may be taken over. */
  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  /** Absent on claims written before holders were recorded: those were writers. */
  @Prop({ type: String, enum: ['writer', 'graph-sync', 'analysis'], required: false })
  holder?: WriteClaimHolder;
}

export const InsightWriteClaimSchema = SchemaFactory.createForClass(InsightWriteClaimEntity);
