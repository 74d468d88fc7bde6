import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiGoneResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataTransfer } from '@insight/contracts';
import { API_PREFIX, type AuthUser, CurrentUser, ProblemDetailsDto } from '@insight/platform';
import { CreateExportRequestDto, DataTransferDto } from './transfer-dtos';
import { TransfersService } from './transfers.service';
import { OwnedResourceErrors, QueueErrors, SignedIn, WriteErrors } from '../common/api-errors';

/** Export your data, or import an export (background jobs with progress). */
@ApiTags('exports and imports')
@SignedIn()
@Controller()
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  /** Starts an export of everything you own; follow it here or at `/jobs/:jobId`. */
  @Post('exports')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: DataTransferDto })
  @ApiBadRequestResponse({ type: ProblemDetailsDto, description: 'Unknown format.' })
  @QueueErrors()
  @WriteErrors()
  async startExport(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateExportRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DataTransfer> {
    const transfer = await this.transfers.startExport(user.id, body.format);
    void reply.header('Location', `/${API_PREFIX}/exports/${transfer.id}`);
    return transfer;
  }

  @Get('exports/:id')
  @ApiOkResponse({ type: DataTransferDto })
  @OwnedResourceErrors('export')
  getExport(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<DataTransfer> {
    return this.transfers.get(user.id, id, 'export');
  }

  /** The export file, while it is kept. */
  @Get('exports/:id/download')
  @ApiOkResponse({
    description: 'The file: JSON Lines in the portable format, or a zip of Markdown files.',
    content: {
      'application/x-ndjson': { schema: { type: 'string' } },
      'application/zip': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @OwnedResourceErrors('export')
  @ApiConflictResponse({ type: ProblemDetailsDto, description: 'The export is not finished.' })
  @ApiGoneResponse({ type: ProblemDetailsDto, description: 'The file was deleted after its retention time.' })
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { stream, transfer } = await this.transfers.download(user.id, id);
    const day = transfer.createdAt.slice(0, 10);
    const [type, extension] =
      transfer.format === 'markdown'
        ? ['application/zip', 'zip']
        : ['application/x-ndjson; charset=utf-8', 'jsonl'];
    await reply
      .header('content-type', type)
      .header('content-disposition', `attachment; filename="insight-tracker-export-${day}.${extension}"`)
      .header('cache-control', 'private, no-store')
      .send(stream);
  }

  /**
   * Imports an export (.jsonl) or a zipped Markdown vault (.zip: front matter, #tags,
   * [[wikilinks]] and `type:: [[target]]` links, folders as categories), as multipart/form-data
   * field `file`, or a vault folder as fields `files`. Importing the same file again creates
   * nothing new; bad items are reported with their line. Size limits, unsafe paths and what a
   * zip's directory shows are answered at once (413/400), not by a failed job.
   */
  @Post('imports')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: 'A .jsonl export, or a .zip of Markdown notes (Obsidian/Logseq vault).',
        },
        files: {
          type: 'array',
          items: { type: 'string', format: 'binary' },
          description:
            'Instead of `file`: the files of a vault folder, each with its path inside the folder as its file name (e.g. `Projects/Plan.md`); `.md` notes outside hidden folders are imported.',
        },
      },
    },
  })
  @ApiAcceptedResponse({ type: DataTransferDto })
  @ApiBadRequestResponse({
    type: ProblemDetailsDto,
    description: 'No file, not an export, or a zip with unsafe (absolute or `..`) paths.',
  })
  @ApiPayloadTooLargeResponse({
    type: ProblemDetailsDto,
    description:
      'Larger than IMPORT_MAX_BYTES, one item (JSON line or note) over 1 MiB, more than IMPORT_MAX_ITEMS notes, or a zip bomb.',
  })
  @QueueErrors()
  @WriteErrors()
  async startImport(
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DataTransfer> {
    const transfer = await this.transfers.startImport(user.id, request);
    void reply.header('Location', `/${API_PREFIX}/imports/${transfer.id}`);
    return transfer;
  }

  /** The import's progress and, once completed, what it created, skipped and refused. */
  @Get('imports/:id')
  @ApiOkResponse({ type: DataTransferDto })
  @OwnedResourceErrors('import')
  getImport(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<DataTransfer> {
    return this.transfers.get(user.id, id, 'import');
  }
}
