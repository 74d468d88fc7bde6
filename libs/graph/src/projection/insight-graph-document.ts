/** What the projection needs of an insight (read from MongoDB by the graph-sync job). */
export interface InsightGraphDocument {
  id: string;
  userId: string;
  title: string;
  content: string;
  tags: string[];
  categoryId: string | null;
  favorite: boolean;
  createdAt: Date;
  deletedAt: Date | null;
  /** Keywords from the worker's analysis, strongest first. */
  keywords: { term: string; weight: number }[];
  version: number;
  /**
   * When the keywords were computed (ms; 0 or absent before any analysis). The analysis stores
   * its result without a new version, so within one version the later analysis wins.
   */
  analysisStamp?: number;
}

/** What the projection needs of a category. */
export interface CategoryGraphDocument {
  id: string;
  userId: string;
  name: string;
  color: string;
}
