import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Insight, Page } from '@insight/contracts';
import { type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { InsightPageDto } from './insight.dto';
import { InsightsService } from './insights.service';
import { PageQueryDto } from './list-insights-query.dto';
import { OwnedResourceErrors, SignedIn, WriteErrors } from '../common/api-errors';

/** Insights you deleted: restore them (POST /insights/:id/restore) or purge them here. */
@ApiTags('trash')
@SignedIn()
@Controller('trash')
export class TrashController {
  constructor(private readonly insights: InsightsService) {}

  /** A page of your trash, most recently deleted first. */
  @Get()
  @ApiOkResponse({ type: InsightPageDto })
  @ApiBadRequestResponse({
    type: ProblemDetailsDto,
    description: 'An invalid or unknown parameter, or a foreign cursor.',
  })
  list(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<Page<Insight>> {
    return this.insights.listTrash(user.id, query);
  }

  /** Deletes an insight in the trash for good, now. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Gone for good.' })
  @OwnedResourceErrors('insight in the trash')
  @WriteErrors()
  purge(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    return this.insights.purge(user.id, id);
  }
}
