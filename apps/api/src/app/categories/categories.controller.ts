import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Category } from '@insight/contracts';
import { API_PREFIX, type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { CategoriesService } from './categories.service';
import { CategoryDto } from './category.dto';
import { CreateCategoryRequestDto } from './create-category-request.dto';
import { UpdateCategoryRequestDto } from './update-category-request.dto';
import { BodyErrors, OwnedResourceErrors, SignedIn, WriteErrors } from '../common/api-errors';

/** The caller's categories. */
@ApiTags('categories')
@SignedIn()
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  /** Your categories by name. */
  @Get()
  @ApiOkResponse({ type: [CategoryDto] })
  list(@CurrentUser() user: AuthUser): Promise<Category[]> {
    return this.categories.list(user.id);
  }

  @Post()
  @ApiCreatedResponse({
    type: CategoryDto,
    headers: { Location: { description: 'URL of the new category.', schema: { type: 'string' } } },
  })
  @BodyErrors()
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'You already have a category of that name.' })
  @WriteErrors()
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateCategoryRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Category> {
    const category = await this.categories.create(user.id, body);
    void reply.header('Location', `/${API_PREFIX}/categories/${category.id}`);
    return category;
  }

  @Get(':id')
  @ApiOkResponse({ type: CategoryDto })
  @OwnedResourceErrors('category')
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<Category> {
    return this.categories.get(user.id, id);
  }

  /** Renames or restyles a category. */
  @Patch(':id')
  @ApiOkResponse({ type: CategoryDto })
  @BodyErrors()
  @OwnedResourceErrors('category')
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'You already have a category of that name.' })
  @WriteErrors()
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: UpdateCategoryRequestDto,
  ): Promise<Category> {
    return this.categories.update(user.id, id, body);
  }

  /** Deletes a category; its insights (trashed ones too) become uncategorised. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted; its insights have no category now.' })
  @OwnedResourceErrors('category')
  @WriteErrors()
  delete(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<void> {
    return this.categories.delete(user.id, id);
  }
}
