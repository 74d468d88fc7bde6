import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { SearchResults } from '@insight/contracts';
import { type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { SearchQueryDto } from './search-query.dto';
import { SearchResultsDto } from './search-result.dto';
import { SearchService } from './search.service';
import { SignedIn } from '../common/api-errors';

@ApiTags('search')
@SignedIn()
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /**
   * Your insights outside the trash, best match first, each with its score and highlighted
   * snippets. Text is matched in title (counts most), content, tags and keywords; matches with
   * every word spelt as typed come before those found by forgiving a typo.
   */
  @Get()
  @ApiOkResponse({ type: SearchResultsDto })
  @ApiBadRequestResponse({
    type: ProblemDetailsDto,
    description:
      'An empty or operator-only query, an invalid filter (`errors.q` says why), or a cursor of another query.',
  })
  @ApiServiceUnavailableResponse({
    type: ProblemDetailsDto,
    description: 'Neo4j (or MongoDB) is not reachable.',
  })
  find(@CurrentUser() user: AuthUser, @Query() query: SearchQueryDto): Promise<SearchResults> {
    return this.search.find(user.id, query);
  }
}
