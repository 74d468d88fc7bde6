import { Injectable } from '@nestjs/common';
import { int } from 'neo4j-driver';
import { GraphDatabase } from '@insight/platform';
import { ALL_EDGE_TYPES } from '../projection/relationship-edge-types';

/** An insight sharing keywords or tags with the one discovery runs for. */
export interface RelatedCandidate {
  id: string;
  sharedKeywords: number;
  sharedTags: number;
}

export interface RelatedCandidateQuery {
  userId: string;
  insightId: string;
  /** The insight's keyword terms (as projected on Keyword nodes). */
  terms: string[];
  tags: string[];
  /** Most insights read per keyword or tag: a word on every insight must not make this a scan. */
  perTerm: number;
  /** Most candidates returned, those sharing most first. */
  limit: number;
}

/** How close candidates already are to the insight in the graph. */
export interface CandidateProximity {
  linked: Set<string>;
  twoHops: Set<string>;
}

const TYPED_EDGES = ALL_EDGE_TYPES.join('|');

/**
 * Candidate generation for related-insight discovery, bounded by the graph's indexes: the
 * Keyword and Tag nodes of the insight's terms (unique (userId, term|name) constraints) and at
 * most `perTerm` insights behind each, never a scan of the user's insights.
 *
 * The owner check comes after the bounded expansions, not inside them: there, `c.userId = $userId`
 * led the planner to seek every insight of the user by the (userId, id) index and join each with
 * the keyword (a cartesian product: 430,000 db hits and ~450 ms for ten keywords over 26,000
 * insights, against 8,600 and ~20 ms this way).
 */
@Injectable()
export class RelatedCandidatesService {
  constructor(private readonly neo4j: GraphDatabase) {}

  async candidates(query: RelatedCandidateQuery): Promise<RelatedCandidate[]> {
    if (query.terms.length === 0 && query.tags.length === 0) return [];
    // The subject is left out by node, not by reading every candidate's id inside the expansions
    // (a third of the query's time); ids are read once per candidate, after counting.
    const result = await this.neo4j.read(
      `OPTIONAL MATCH (self:Insight {id: $insightId})
       CALL {
         WITH self
         UNWIND $terms AS term
         CALL {
           WITH self, term
           MATCH (:Keyword {userId: $userId, term: term})<-[:MENTIONS]-(c:Insight)
           WHERE NOT coalesce(c.deleted, false) AND (self IS NULL OR c <> self)
           RETURN c LIMIT $perTerm
         }
         RETURN c, 1 AS keyword, 0 AS tag
         UNION ALL
         WITH self
         UNWIND $tags AS name
         CALL {
           WITH self, name
           MATCH (:Tag {userId: $userId, name: name})<-[:TAGGED]-(c:Insight)
           WHERE NOT coalesce(c.deleted, false) AND (self IS NULL OR c <> self)
           RETURN c LIMIT $perTerm
         }
         RETURN c, 0 AS keyword, 1 AS tag
       }
       WITH c, sum(keyword) AS sharedKeywords, sum(tag) AS sharedTags
       WITH c.id AS id, c.userId AS owner, sharedKeywords, sharedTags WHERE owner = $userId
       RETURN id, sharedKeywords, sharedTags
       ORDER BY sharedKeywords + sharedTags DESC, id
       LIMIT $limit`,
      {
        userId: query.userId,
        insightId: query.insightId,
        terms: query.terms,
        tags: query.tags,
        perTerm: int(query.perTerm),
        limit: int(query.limit),
      },
    );
    return result.records.map((record) => ({
      id: record.get('id') as string,
      sharedKeywords: toNumber(record.get('sharedKeywords')),
      sharedTags: toNumber(record.get('sharedTags')),
    }));
  }

  /**
   * Which of `candidateIds` the insight is already linked to (one typed relationship, either
   * direction) and which are two hops away. Read from the graph, not MongoDB: there a read by
   * relationship end is a scan of every relationship on FerretDB (8.5 s at 300,000). A link made
   * in the moments before its projection can still be suggested; accepting it answers 409.
   */
  async proximity(userId: string, insightId: string, candidateIds: string[]): Promise<CandidateProximity> {
    const proximity: CandidateProximity = { linked: new Set(), twoHops: new Set() };
    if (candidateIds.length === 0) return proximity;
    const result = await this.neo4j.read(
      `MATCH (i:Insight {id: $insightId})
       WHERE i.userId = $userId
       MATCH path = (i)-[:${TYPED_EDGES}*1..2]-(c:Insight)
       WHERE c.id IN $candidateIds AND c.userId = $userId
       RETURN c.id AS id, min(length(path)) AS hops`,
      { userId, insightId, candidateIds },
    );
    for (const record of result.records) {
      const id = record.get('id') as string;
      (toNumber(record.get('hops')) === 1 ? proximity.linked : proximity.twoHops).add(id);
    }
    return proximity;
  }
}

function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number((value as { toNumber(): number }).toNumber());
}
