import { ApiProperty } from '@nestjs/swagger';
import type { SearchHighlights, SearchResult, SearchResults } from '@insight/contracts';
import { InsightDto } from '../insights/insight.dto';

export class SearchHighlightsDto implements SearchHighlights {
  /** The title as HTML: escaped, matches wrapped in `<mark>`. */
  title!: string;
  /** An excerpt of the content around the first match, as HTML like the title. */
  content!: string;
}

export class SearchResultDto implements SearchResult {
  insight!: InsightDto;
  /**
   * Relevance, higher is better, among results matched the same way: every word spelt as typed
   * ranks before a typo's match, whatever their scores. 0 for filter-only queries (newest first).
   */
  score!: number;
  highlights!: SearchHighlightsDto;
}

export class SearchResultsDto implements SearchResults {
  /** Best first. */
  @ApiProperty({ type: [SearchResultDto] })
  items!: SearchResultDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor!: string | null;
}
