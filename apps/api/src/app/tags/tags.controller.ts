import { Body, Controller, Delete, Get, Param, Patch } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { TagCount, TagDeleteResult, TagRenameResult } from '@insight/contracts';
import { type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { RenameTagRequestDto, TagCountDto, TagDeleteResultDto, TagRenameResultDto } from './tag.dto';
import { TagsService } from './tags.service';
import { SignedIn, WriteErrors } from '../common/api-errors';

/** The tags of the caller's insights. */
@ApiTags('tags')
@SignedIn()
@Controller('tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  /** Your tags with how many insights (outside the trash) carry each, most used first. */
  @Get()
  @ApiOkResponse({ type: [TagCountDto] })
  list(@CurrentUser() user: AuthUser): Promise<TagCount[]> {
    return this.tags.list(user.id);
  }

  /** Renames a tag on all your insights; if the new name is already a tag of yours, the two merge. */
  @Patch(':name')
  @ApiOkResponse({ type: TagRenameResultDto })
  @ApiBadRequestResponse({
    type: ProblemDetailsDto,
    description: 'Invalid new name; `errors` names the field.',
  })
  @ApiNotFoundResponse({ type: ProblemDetailsDto, description: 'None of your insights carries the tag.' })
  @ApiPayloadTooLargeResponse({ type: ProblemDetailsDto, description: 'The body is over 1 MiB.' })
  @WriteErrors()
  rename(
    @CurrentUser() user: AuthUser,
    @Param('name') name: string,
    @Body() body: RenameTagRequestDto,
  ): Promise<TagRenameResult> {
    return this.tags.rename(user.id, name, body.name);
  }

  /** Removes a tag from all your insights. */
  @Delete(':name')
  @ApiOkResponse({ type: TagDeleteResultDto })
  @ApiNotFoundResponse({ type: ProblemDetailsDto, description: 'None of your insights carries the tag.' })
  @WriteErrors()
  delete(@CurrentUser() user: AuthUser, @Param('name') name: string): Promise<TagDeleteResult> {
    return this.tags.delete(user.id, name);
  }
}
