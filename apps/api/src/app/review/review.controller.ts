import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { GradeReviewRequestDto, ReviewOptOutsDto, ReviewQueueDto, ReviewStateDto } from './review-dtos';
import { ReviewService } from './review.service';
import { OwnedResourceErrors, SignedIn, WriteErrors } from '../common/api-errors';

@ApiTags('review')
@SignedIn()
@Controller('review')
export class ReviewController {
  constructor(private readonly review: ReviewService) {}

  /**
   * What is due today (most overdue first, mixed across categories, capped) and "on this day":
   * insights written on today's month and day in earlier years. Trashed and opted-out insights
   * (or categories) never show. New insights enter the schedule a day after they were written.
   */
  @Get()
  @ApiOkResponse({ type: ReviewQueueDto })
  queue(@CurrentUser() user: AuthUser): Promise<ReviewQueueDto> {
    return this.review.queue(user.id);
  }

  /** Categories left out of review. */
  @Get('opt-outs')
  @ApiOkResponse({ type: ReviewOptOutsDto })
  async optOuts(@CurrentUser() user: AuthUser): Promise<ReviewOptOutsDto> {
    return { categoryIds: await this.review.optedOutCategories(user.id) };
  }

  /** Leaves a category out of review (its insights keep their schedule for when it is back). */
  @Put('categories/:categoryId/opt-out')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Opted out.' })
  @OwnedResourceErrors('category')
  @WriteErrors()
  async optOutCategory(
    @CurrentUser() user: AuthUser,
    @Param('categoryId') categoryId: string,
  ): Promise<void> {
    await this.review.setCategoryOptOut(user.id, categoryId, true);
  }

  @Delete('categories/:categoryId/opt-out')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Back in review.' })
  @OwnedResourceErrors('category')
  @WriteErrors()
  async optInCategory(@CurrentUser() user: AuthUser, @Param('categoryId') categoryId: string): Promise<void> {
    await this.review.setCategoryOptOut(user.id, categoryId, false);
  }

  /** The insight's review schedule. */
  @Get(':insightId')
  @ApiOkResponse({ type: ReviewStateDto })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: 'You have no such insight (outside the trash).',
  })
  state(@CurrentUser() user: AuthUser, @Param('insightId') insightId: string): Promise<ReviewStateDto> {
    return this.review.state(user.id, insightId);
  }

  /** Records how well you remembered the insight and schedules its next review (FSRS). */
  @Post(':insightId')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ReviewStateDto, description: 'The new schedule.' })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Invalid grade; `errors` names it.' })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: 'You have no such insight (outside the trash).',
  })
  @WriteErrors()
  grade(
    @CurrentUser() user: AuthUser,
    @Param('insightId') insightId: string,
    @Body() body: GradeReviewRequestDto,
  ): Promise<ReviewStateDto> {
    return this.review.grade(user.id, insightId, body.grade);
  }

  /** Leaves the insight out of review. */
  @Put(':insightId/opt-out')
  @ApiOkResponse({ type: ReviewStateDto })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: 'You have no such insight (outside the trash).',
  })
  @WriteErrors()
  optOut(@CurrentUser() user: AuthUser, @Param('insightId') insightId: string): Promise<ReviewStateDto> {
    return this.review.setInsightOptOut(user.id, insightId, true);
  }

  /** Brings the insight back into review. */
  @Delete(':insightId/opt-out')
  @ApiOkResponse({ type: ReviewStateDto })
  @ApiNotFoundResponse({
    type: ProblemDetailsDto,
    description: 'You have no such insight (outside the trash).',
  })
  @WriteErrors()
  optIn(@CurrentUser() user: AuthUser, @Param('insightId') insightId: string): Promise<ReviewStateDto> {
    return this.review.setInsightOptOut(user.id, insightId, false);
  }
}
