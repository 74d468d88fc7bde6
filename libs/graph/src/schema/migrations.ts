/** One schema change, applied once and recorded as a (:SchemaMigration {id}) node. */
export interface GraphMigration {
  id: string;
  statements: string[];
}

/**
 * Constraints and indexes of the projection, in order. Every statement is idempotent
 * (IF NOT EXISTS) so a half-applied migration can run again. Append; never edit.
 */
export const GRAPH_MIGRATIONS: GraphMigration[] = [
  {
    id: '0001-core-constraints',
    statements: [
      'CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE',
      'CREATE CONSTRAINT insight_id IF NOT EXISTS FOR (n:Insight) REQUIRE n.id IS UNIQUE',
      'CREATE CONSTRAINT category_id IF NOT EXISTS FOR (n:Category) REQUIRE n.id IS UNIQUE',
      'CREATE CONSTRAINT tag_user_name IF NOT EXISTS FOR (n:Tag) REQUIRE (n.userId, n.name) IS UNIQUE',
      'CREATE CONSTRAINT keyword_user_term IF NOT EXISTS FOR (n:Keyword) REQUIRE (n.userId, n.term) IS UNIQUE',
      'CREATE INDEX insight_user IF NOT EXISTS FOR (n:Insight) ON (n.userId)',
      'CREATE INDEX insight_user_created IF NOT EXISTS FOR (n:Insight) ON (n.userId, n.createdAt)',
    ],
  },
  {
    id: '0002-insight-search',
    statements: [
      // Title, content, tags and keywords in one Lucene index; queries boost the title.
      'CREATE FULLTEXT INDEX insight_search IF NOT EXISTS FOR (n:Insight) ON EACH [n.title, n.content, n.tagText, n.keywordText]',
      'CREATE INDEX category_user IF NOT EXISTS FOR (n:Category) ON (n.userId)',
    ],
  },
  {
    id: '0003-clusters',
    statements: ['CREATE INDEX cluster_user IF NOT EXISTS FOR (n:Cluster) ON (n.userId)'],
  },
  {
    // Per-user maintenance (sweep pages, wipes, orphan tags) seeks by owner, never scans a label.
    id: '0004-per-user-maintenance',
    statements: [
      'CREATE INDEX insight_user_id IF NOT EXISTS FOR (n:Insight) ON (n.userId, n.id)',
      'CREATE INDEX category_user_id IF NOT EXISTS FOR (n:Category) ON (n.userId, n.id)',
      'CREATE INDEX tag_user IF NOT EXISTS FOR (n:Tag) ON (n.userId)',
      'CREATE INDEX keyword_user IF NOT EXISTS FOR (n:Keyword) ON (n.userId)',
    ],
  },
  {
    // Every search is one user's: with the owner in the index, Lucene ranks just that user's
    // matches and returns the top of them, instead of every user's matches being filtered and
    // sorted in Cypher (a common word matched ~100,000 insights at 200,000: ~0.8 s a query).
    id: '0005-search-by-owner',
    statements: [
      'CREATE FULLTEXT INDEX insight_search_by_user IF NOT EXISTS FOR (n:Insight) ON EACH [n.title, n.content, n.tagText, n.keywordText, n.userId]',
      "CALL db.awaitIndex('insight_search_by_user', 1800)",
      'DROP INDEX insight_search IF EXISTS',
    ],
  },
];
