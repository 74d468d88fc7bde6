import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A claim on producing one version of one insight: `_id` is `<insightId>-v<version>`, so the
 * primary key lets exactly one writer claim it. FerretDB 1.24 applies a conditional update as
 * read, then write by `_id` without re-checking the filter, so two updates conditioned on the
 * same version can both succeed there (measured: most concurrent pairs did). Inserting the claim
 * first serialises writers on both FerretDB and MongoDB; the version condition in the update
 * stays as the guard MongoDB enforces atomically.
 */
@Schema({ collection: 'insight_write_claims', versionKey: false })
export class InsightWriteClaimEntity {
  @Prop({ type: String, required: true })
  _id!: string;

  /** After this a claim whose write never happened (a crashed process) may be taken over. */
  @Prop({ type: Date, required: true })
  expiresAt!: Date;
}

export const InsightWriteClaimSchema = SchemaFactory.createForClass(InsightWriteClaimEntity);
