import { PartialType } from '@nestjs/swagger';
import type { UpdateInsightRequest } from '@insight/contracts';
import { CreateInsightRequestDto } from './create-insight-request.dto';

/** Any subset of the fields of a new insight; fields left out keep their value. */
export class UpdateInsightRequestDto
  extends PartialType(CreateInsightRequestDto, {
    // Left out means unchanged; null still reaches the validators (and fails where null is not allowed).
    skipNullProperties: false,
  })
  implements UpdateInsightRequest {}
