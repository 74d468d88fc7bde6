import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type DashboardStats, type Digest, INSIGHT_LIMITS, type Page } from '@insight/contracts';
import { DashboardRepository } from '@insight/insights';
import { type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { invalidCursor } from '../common/insight-problems';
import { PageQueryDto } from '../insights/list-insights-query.dto';
import { SignedIn } from '../common/api-errors';

@ApiTags('dashboard')
@SignedIn()
@Controller()
export class DashboardController {
  constructor(private readonly dashboard: DashboardRepository) {}

  /**
   * The dashboard's figures: insights per week, by category, top tags and keywords, relationship
   * types, processing status. The worker recomputes them every STATS_INTERVAL_SECONDS (hourly);
   * `generatedAt` says when. The first call before any run computes them on the spot.
   */
  @Get('stats')
  @ApiOkResponse({ description: 'The latest statistics.' })
  async stats(@CurrentUser() user: AuthUser): Promise<DashboardStats> {
    const stored = await this.dashboard.findStats(user.id);
    if (stored) return stored;
    const stats = await this.dashboard.computeStats(user.id);
    await this.dashboard.saveStats(user.id, stats);
    return stats;
  }

  /** Your weekly digests, newest first: counts, top new keywords, strongest new links, what is due. */
  @Get('digests')
  @ApiOkResponse({ description: 'One page of digests.' })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Bad cursor or limit; `errors` names it.' })
  async digests(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<Page<Digest>> {
    const page = await this.dashboard.listDigests(
      user.id,
      query.limit ?? INSIGHT_LIMITS.pageSizeDefault,
      query.cursor,
    );
    if (!page) throw invalidCursor();
    return page;
  }
}
