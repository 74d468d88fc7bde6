import { PartialType } from '@nestjs/swagger';
import type { UpdateCategoryRequest } from '@insight/contracts';
import { CreateCategoryRequestDto } from './create-category-request.dto';

/** Any subset of the fields; fields left out keep their value. */
export class UpdateCategoryRequestDto
  extends PartialType(CreateCategoryRequestDto, {
    // Left out means unchanged; null still reaches the validators (and fails where null is not allowed).
    skipNullProperties: false,
  })
  implements UpdateCategoryRequest {}
