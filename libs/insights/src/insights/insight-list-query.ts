import { type QueryFilter, trusted, type Types } from 'mongoose';
import type { InsightSortField, InsightStatus, SortOrder } from '@insight/contracts';
import { keysetConditions } from '../common/keyset';
import type { CursorPosition } from '../common/page-cursor';
import type { InsightEntity } from './insight.schema';

/** A list request, already validated and typed. */
export interface InsightListCriteria {
  userId: Types.ObjectId;
  /** All of these (normalised) tags. */
  tags?: string[];
  categoryId?: Types.ObjectId;
  favorite?: boolean;
  status?: InsightStatus;
  /** Inclusive bounds on the sort field. */
  from?: Date;
  to?: Date;
  sort: InsightSortField;
  order: SortOrder;
  /** Resume after this item. */
  after?: CursorPosition;
}

export interface MongoListQuery {
  filter: QueryFilter<InsightEntity>;
  sort: Record<string, 1 | -1>;
}

/**
 * Keyset pagination over (sort field, _id). The filter's shape matches the indexes declared in
 * insight.schema.ts: equalities on userId, deletedAt and at most a few filters, then a range on
 * the sort field. Operator objects are marked trusted because they are built here from typed
 * values; the global sanitizeFilter would otherwise neutralise them like user-supplied ones.
 */
export function buildInsightListQuery(criteria: InsightListCriteria): MongoListQuery {
  const { sort: field, order, after } = criteria;
  const filter: Record<string, unknown> = { userId: criteria.userId, deletedAt: null };
  if (criteria.tags?.length) filter['tags'] = trusted({ $all: criteria.tags });
  if (criteria.categoryId) filter['categoryId'] = criteria.categoryId;
  if (criteria.favorite !== undefined) filter['favorite'] = criteria.favorite;
  if (criteria.status) filter['status'] = criteria.status;

  const { range, or } = keysetConditions(field, order, after, { from: criteria.from, to: criteria.to });
  if (range) filter[field] = trusted(range);
  if (or) filter['$or'] = or;

  const direction = order === 'desc' ? -1 : 1;
  return { filter: filter as QueryFilter<InsightEntity>, sort: { [field]: direction, _id: direction } };
}
