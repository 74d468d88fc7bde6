import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  type GradeReviewRequest,
  type OnThisDayItem,
  REVIEW_GRADES,
  type ReviewGrade,
  type ReviewItem,
  type ReviewOptOuts,
  type ReviewQueue,
  type ReviewState,
} from '@insight/contracts';
import { InsightDto } from '../insights/insight.dto';

export class GradeReviewRequestDto implements GradeReviewRequest {
  /** How well you remembered it: again (forgot), hard, good or easy. */
  @ApiProperty({ enum: REVIEW_GRADES })
  @IsIn(REVIEW_GRADES)
  grade!: ReviewGrade;
}

export class ReviewStateDto implements ReviewState {
  insightId!: string;
  /** When it comes up next (ISO 8601). */
  dueAt!: string;
  /** Days between the last review and dueAt (0 before the first review). */
  intervalDays!: number;
  /** FSRS memory stability in days. */
  stability!: number;
  /** FSRS difficulty, 1–10. */
  difficulty!: number;
  reps!: number;
  lapses!: number;
  @ApiProperty({ type: String, nullable: true })
  lastReviewedAt!: string | null;
  optedOut!: boolean;
}

export class ReviewItemDto implements ReviewItem {
  insight!: InsightDto;
  review!: ReviewStateDto;
}

export class OnThisDayItemDto implements OnThisDayItem {
  insight!: InsightDto;
  yearsAgo!: number;
}

export class ReviewQueueDto implements ReviewQueue {
  /** Due today, most overdue first, mixed across categories, capped (REVIEW_DAILY_LIMIT). */
  @ApiProperty({ type: [ReviewItemDto] })
  due!: ReviewItemDto[];
  /** Written on this month and day in earlier years, newest first (at most 10). */
  @ApiProperty({ type: [OnThisDayItemDto] })
  onThisDay!: OnThisDayItemDto[];
}

export class ReviewOptOutsDto implements ReviewOptOuts {
  /** Categories whose insights never come up for review. */
  categoryIds!: string[];
}
