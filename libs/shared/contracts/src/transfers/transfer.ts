import type { InsightAnalysis, InsightSourceType } from '../insights/insight';
import type { RelationshipCreator } from '../relationships/relationship';
import type { RelationshipType } from '../relationships/relationship-types';

export const EXPORT_FORMATS = ['json', 'markdown'] as const;
/** `json`: the portable JSON Lines format below; `markdown`: a zip of one .md file per insight. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type TransferKind = 'export' | 'import';
export type TransferStatus = 'queued' | 'running' | 'completed' | 'failed' | 'expired';

/** Counts of what an export wrote or an import created/skipped. */
export interface TransferCounts {
  categories: number;
  insights: number;
  relationships: number;
  /** Review schedules (JSON format only). */
  reviewStates: number;
  /** Accepted or rejected suggestions (JSON format only). */
  suggestionDecisions: number;
}

/** One item an import could not take, with where it was and why. */
export interface ImportItemError {
  /** 1-based line of the file (JSON Lines) or of the Markdown file named by `item`. */
  line: number | null;
  /** The item's id in the file, or the path of the Markdown file. */
  item: string | null;
  reason: string;
}

export interface ImportResult {
  created: TransferCounts;
  /** Items already imported by an earlier run of the same file (nothing is created twice). */
  skipped: TransferCounts;
  /** Bad items (at most the first 1000; `errorCount` has them all). */
  errors: ImportItemError[];
  errorCount: number;
}

/** An export or import: a background job with progress and, for exports, a file to download. */
export interface DataTransfer {
  id: string;
  kind: TransferKind;
  format: ExportFormat;
  status: TransferStatus;
  /** 0–100. */
  progress: number;
  /** `GET /api/v1/jobs/:jobId` follows the job as well. */
  jobId: string;
  /** Size of the export file, once written. */
  sizeBytes: number | null;
  /** When a finished export is deleted. */
  expiresAt: string | null;
  /** `/api/v1/exports/:id/download` once the export is completed. */
  downloadUrl: string | null;
  exported: TransferCounts | null;
  imported: ImportResult | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/v1/exports`. */
export interface CreateExportRequest {
  format: ExportFormat;
}

/**
 * The portable JSON format, version 1: JSON Lines (UTF-8, one JSON object per line,
 * `application/x-ndjson`), so any size streams in and out with flat memory and every problem
 * has a line number. Lines, in this order: one `header`; `category` lines; `insight` lines;
 * `relationship` lines; `reviewState` lines (an insight's review schedule);
 * `suggestionDecision` lines (accepted or rejected suggestions: an imported rejected pair is
 * never suggested again); `tag` lines (counts, informative); one `end` line with the counts (an
 * import refuses a file without it: it was cut short). Ids are the exporting account's and
 * only link records together; timestamps are ISO 8601. Readers ignore unknown fields and
 * unknown `record` kinds, so later versions can add records without breaking older readers;
 * `formatVersion` changes only when a field changes meaning.
 */
export const PORTABLE_FORMAT_VERSION = 1;

export interface PortableHeader {
  record: 'header';
  formatVersion: number;
  generator: 'insight-tracker';
  exportedAt: string;
}

export interface PortableCategory {
  record: 'category';
  id: string;
  name: string;
  colour: string;
  icon: string;
  createdAt: string;
  updatedAt: string;
}

export interface PortableInsight {
  record: 'insight';
  id: string;
  title: string;
  content: string;
  summary: string | null;
  tags: string[];
  /** The `id` of a `category` line, or null. */
  categoryId: string | null;
  sourceType: InsightSourceType;
  favorite: boolean;
  importance: number;
  /** The analysis at export time (informative: an import analyses again). */
  analysis: InsightAnalysis | null;
  createdAt: string;
  updatedAt: string;
  /** Set when the insight was in the trash. */
  deletedAt: string | null;
}

export interface PortableRelationship {
  record: 'relationship';
  id: string;
  sourceId: string;
  targetId: string;
  type: RelationshipType;
  strength: number;
  note: string | null;
  createdBy: RelationshipCreator;
  createdAt: string;
  updatedAt: string;
}

/** An insight's review schedule (FSRS card), as the export found it. */
export interface PortableReviewState {
  record: 'reviewState';
  /** The `id` of an `insight` line. */
  insightId: string;
  dueAt: string;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** FSRS state: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  lastReviewedAt: string | null;
  optedOut: boolean;
}

/** A suggestion the user decided; open suggestions are not exported (discovery proposes them again). */
export interface PortableSuggestionDecision {
  record: 'suggestionDecision';
  id: string;
  /** The insight whose analysis proposed the link (`id` of an `insight` line). */
  sourceId: string;
  targetId: string;
  type: RelationshipType;
  score: number;
  reasons: string[];
  status: 'accepted' | 'rejected';
  createdAt: string;
  /** When it was decided. */
  updatedAt: string;
}

export interface PortableTag {
  record: 'tag';
  name: string;
  count: number;
}

export interface PortableEnd {
  record: 'end';
  counts: TransferCounts;
}

export type PortableRecord =
  | PortableHeader
  | PortableCategory
  | PortableInsight
  | PortableRelationship
  | PortableReviewState
  | PortableSuggestionDecision
  | PortableTag
  | PortableEnd;
