import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { TagUsageService } from '@insight/graph';
import { analyseDocument, prepareDocument, type TagUsage } from '@insight/analysis';
import type { InsightTextAnalysis } from '@insight/contracts';
import {
  type AnalysisStoreOutcome,
  CorpusRepository,
  GraphSourcesRepository,
  InsightAnalysisRepository,
  type InsightSource,
  TagsRepository,
} from '@insight/insights';
import { UserEventsPublisher } from '../../events/user-events.publisher';
import { type DiscoverRelatedJobData, insightJobId } from '../../insights/insight-jobs';
import { groupedAdds, type QueuedJob } from '../../queues/grouped-adds';
import { QUEUES } from '../../queues/queue-names';
import { GraphSyncService } from '../graph-sync/graph-sync.service';

/** What one analysis job did, as its result. */
export interface AnalysisResult {
  outcome: AnalysisStoreOutcome;
  version: number;
  language?: string;
  keywords?: number;
  /** Whether the keywords reached the graph now (else reconciliation projects them). */
  graphSynced?: boolean;
}

/** A user's tag vocabulary changes slowly: read once a minute per user, not for every insight. */
const TAG_CACHE_MS = 60_000;
const TAG_CACHE_USERS = 1000;

/**
 * Analyses one version of an insight: counts it into its owner's corpus, scores its keywords
 * against that corpus, stores the analysis on that version only, projects the keywords into the
 * graph and queues the related-insight discovery.
 */
@Injectable()
export class InsightAnalysisService {
  private readonly logger = new Logger(InsightAnalysisService.name);
  private readonly tagCache = new Map<string, { at: number; tags: Promise<TagUsage[]> }>();
  private readonly queueDiscovery: (job: QueuedJob<DiscoverRelatedJobData>) => Promise<void>;

  constructor(
    private readonly insights: InsightAnalysisRepository,
    private readonly sources: GraphSourcesRepository,
    private readonly corpus: CorpusRepository,
    private readonly tags: TagsRepository,
    private readonly tagUsage: TagUsageService,
    private readonly graphSync: GraphSyncService,
    private readonly events: UserEventsPublisher,
    @InjectQueue(QUEUES.discoverRelated) discover: Queue<DiscoverRelatedJobData>,
  ) {
    this.queueDiscovery = groupedAdds(discover);
  }

  async analyse(insightId: string, version: number): Promise<AnalysisResult> {
    // Read as the graph projects it: the same read serves the analysis and the projection.
    const source = await this.sources.insight(insightId);
    if (!source) return { outcome: 'gone', version };
    // A newer version has its own job; analysing this one would count stale text.
    if (source.version !== version) return { outcome: 'superseded', version };

    const document = prepareDocument({ title: source.title, content: source.content });
    const { documentCount } = await this.corpus.record(source.userId, insightId, version, document.stems);
    const [corpus, existingTags] = await Promise.all([
      this.corpus.frequencies(source.userId, document.stems, documentCount),
      this.tagsOf(source.userId),
    ]);
    const result = analyseDocument(document, {
      corpus: {
        documentCount: corpus.documentCount,
        documentFrequency: (stem) => corpus.frequencies.get(stem) ?? 0,
      },
      existingTags,
      currentTags: source.tags,
    });
    const analysis: InsightTextAnalysis = {
      insightVersion: version,
      language: result.language,
      keywords: result.keywords.map(({ term, weight, stem }) => ({ term, weight, stem })),
      sentiment: result.sentiment,
      wordCount: result.wordCount,
      readingTimeMinutes: result.readingTimeMinutes,
      summary: result.summary,
      tagSuggestions: result.tagSuggestions,
      analysedAt: new Date().toISOString(),
    };
    // Projected before it is stored, so the store records graphVersion in its own write rather
    // than the sync adding a claimed write of its own.
    const graphSynced = await this.projectKeywords(source, analysis);
    const outcome = await this.insights.store(insightId, version, analysis, result.summary, graphSynced);
    if (outcome !== 'stored') return { outcome, version };

    await this.events.publish(source.userId, { type: 'insight.processed', insightId, version });
    await this.queueDiscovery({
      name: 'discover',
      data: { insightId, userId: source.userId, version, reason: 'analysed' },
      // One discovery per analysed version; a reprocess of the same version refreshes it again.
      opts: { jobId: `${insightJobId(insightId, version)}-a${Date.parse(analysis.analysedAt)}` },
    });
    return { outcome, version, language: result.language, keywords: analysis.keywords.length, graphSynced };
  }

  /** Marks the version failed once its retries are spent, and tells the owner's live streams. */
  async failed(userId: string, insightId: string, version: number, reason: string): Promise<void> {
    if ((await this.insights.markFailed(insightId, version, reason)) !== 'stored') return;
    await this.events.publish(userId, { type: 'insight.failed', insightId, version, error: reason });
  }

  /**
   * Projecting here (rather than waiting for another job) puts the MENTIONS edges in the graph as
   * soon as the keywords exist. When it does not happen (Neo4j away, or the insight changed
   * meanwhile) the store marks the insight behind the graph and reconciliation projects it.
   */
  private async projectKeywords(source: InsightSource, analysis: InsightTextAnalysis): Promise<boolean> {
    try {
      return await this.graphSync.projectAnalysis(source, analysis);
    } catch (error) {
      this.logger.warn(`keywords of ${source.id} not projected yet: ${(error as Error).message}`);
      return false;
    }
  }

  private tagsOf(userId: string): Promise<TagUsage[]> {
    const cached = this.tagCache.get(userId);
    if (cached && Date.now() - cached.at < TAG_CACHE_MS) return cached.tags;
    // From the graph (degrees of Tag nodes); while Neo4j is away, from MongoDB (a read of every
    // insight of the user, slow for a big account but exact).
    const tags = this.tagUsage.ofUser(userId).catch((error: Error) => {
      this.logger.warn(`tags of ${userId} read from MongoDB: the graph answered ${error.message}`);
      return this.tags.counts(userId);
    });
    tags.catch(() => this.tagCache.delete(userId));
    this.tagCache.delete(userId);
    this.tagCache.set(userId, { at: Date.now(), tags });
    // Maps keep insertion order: the first key is the least recently refreshed user.
    if (this.tagCache.size > TAG_CACHE_USERS)
      this.tagCache.delete(this.tagCache.keys().next().value as string);
    return tags;
  }
}
