import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, type Types } from 'mongoose';
import {
  RELATIONSHIP_LIMITS,
  RELATIONSHIP_VOCABULARY,
  type RelationshipCreator,
  type RelationshipType,
} from '@insight/contracts';

const STORED_TYPES = RELATIONSHIP_VOCABULARY.filter((info) => info.canonical).map((info) => info.type);

/** A typed relationship, stored once in its canonical direction (see relationship-orientation.ts). */
@Schema({ collection: 'relationships', timestamps: true, versionKey: false })
export class RelationshipEntity {
  _id!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  sourceId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  targetId!: Types.ObjectId;

  @Prop({ type: String, required: true, enum: STORED_TYPES })
  type!: RelationshipType;

  @Prop({ type: Number, default: 0.5, min: 0, max: 1 })
  strength!: number;

  @Prop({ type: String, default: null, maxlength: RELATIONSHIP_LIMITS.noteMaxLength })
  note!: string | null;

  @Prop({ type: String, enum: ['user', 'system'], default: 'user' })
  createdBy!: RelationshipCreator;

  @Prop({ type: Number, default: 1, min: 1 })
  version!: number;

  @Prop({ type: Number, default: 0, min: 0 })
  graphVersion!: number;

  /** When the oldest version not yet in the graph was written; absent once synced (as on insights). */
  @Prop({ type: Date, required: false })
  graphPendingSince?: Date;

  createdAt!: Date;
  updatedAt!: Date;
}

export const RelationshipSchema = SchemaFactory.createForClass(RelationshipEntity);

// The same (source, target, type) once per user; symmetric mirrors share one orientation.
RelationshipSchema.index(
  { userId: 1, sourceId: 1, targetId: 1, type: 1 },
  { unique: true, name: 'unique_edge' },
);
// "Relationships of this insight" reads each direction through its own index, in page order.
RelationshipSchema.index({ userId: 1, sourceId: 1, createdAt: 1, _id: 1 }, { name: 'by_source_created' });
RelationshipSchema.index({ userId: 1, targetId: 1, createdAt: 1, _id: 1 }, { name: 'by_target_created' });
RelationshipSchema.index({ graphPendingSince: 1 }, { name: 'graph_pending', sparse: true });
