import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AcceptedSuggestion, Page, RelationshipSuggestion } from '@insight/contracts';
import { type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { PageQueryDto } from '../insights/list-insights-query.dto';
import {
  AcceptedSuggestionDto,
  AcceptSuggestionRequestDto,
  SuggestionDto,
  SuggestionPageDto,
} from './suggestion.dto';
import { SuggestionsService } from './suggestions.service';
import { OwnedResourceErrors, SignedIn, WriteErrors } from '../common/api-errors';

/** Related insights the worker proposes, and your decisions on them. */
@ApiTags('suggestions')
@SignedIn()
@Controller()
export class SuggestionsController {
  constructor(private readonly suggestions: SuggestionsService) {}

  /** Open suggestions of one of your insights, best first (those of trashed insights are hidden). */
  @Get('insights/:id/suggestions')
  @ApiOkResponse({ type: SuggestionPageDto })
  @ApiBadRequestResponse({
    type: ProblemDetailsDto,
    description: 'An invalid parameter or a foreign cursor.',
  })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: 'You have no such insight outside the trash.',
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<RelationshipSuggestion>> {
    return this.suggestions.listForInsight(user.id, id, query);
  }

  /**
   * Links the two insights with the proposed type, or with `type` from the body, read from
   * `insightId` (the insight whose list showed the suggestion; by default the proposing one).
   */
  @Post('suggestions/:id/accept')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AcceptedSuggestionDto })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Unknown type or fields.' })
  @OwnedResourceErrors('suggestion')
  @ApiConflictResponse({
    type: ProblemDetailsDto,
    description: 'Already decided, or the insights are already linked with this type.',
  })
  @WriteErrors()
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: AcceptSuggestionRequestDto,
  ): Promise<AcceptedSuggestion> {
    return this.suggestions.accept(user.id, id, body);
  }

  /** Dismisses the suggestion: this pair is never suggested again. */
  @Post('suggestions/:id/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SuggestionDto })
  @OwnedResourceErrors('suggestion')
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'Already accepted.' })
  @WriteErrors()
  reject(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<RelationshipSuggestion> {
    return this.suggestions.reject(user.id, id);
  }
}
