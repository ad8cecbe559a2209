import { Controller, Get, HttpCode, Param, Post, StreamableFile, type Type, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { ImportKind, type ImportReport, ImportsService, ORG_IMPORT_KINDS, PROPOSAL_IMPORT_KINDS } from '#app/imports';
import type { ExportFile } from '#app/statistics';
import { contentDisposition, enumParam } from '../common/dto.js';
import { IMPORT_MULTER_OPTIONS, type ImportUpload, ImportUploadLimits, uploadedBytes } from './import-upload.js';
import { IMPORT_UPLOAD_BODY } from './imports.dto.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const send = (file: ExportFile): StreamableFile => new StreamableFile(file.stream, { type: file.contentType, disposition: contentDisposition('attachment', file.fileName) });

/**
 * The four routes of a group of import kinds under `imports/<group>/:kind`, for one permission: the
 * template, the export in the template's shape, the dry run and the confirmed import. The org kinds
 * (members, units, users) are the administrators'; the proposal kinds (history, paper) the staff's.
 */
function importsController(group: string, permission: Permission, list: readonly ImportKind[]): Type<unknown> {
  const kindParam = () => Param('kind', enumParam('kind', Object.fromEntries(list.map((kind) => [kind, kind]))));
  const kinds = ApiParam({ name: 'kind', enum: list });

  /** @controllerNames OrgImportsController ProposalsImportsController */
  @ApiTags('imports 批量导入')
  @ApiBearerAuth()
  @Controller(`imports/${group}/:kind`)
  class ImportsController {
    constructor(readonly imports: ImportsService) {}

    /** The empty template, with its 说明 sheet. */
    @RequirePermission(permission)
    @Get('template.xlsx')
    @kinds
    @ApiOperation({ summary: '下载导入模板 · Download the import template', description: '一种导入的空白 Excel 模板，附「说明」工作表（每列的含义和规则）。' })
    @ApiProduces(XLSX)
    template(@kindParam() kind: ImportKind): StreamableFile {
      return send(this.imports.template(kind));
    }

    /** The committee's records in the template's shape: edit and import it back. */
    @RequirePermission(permission)
    @Get('export.xlsx')
    @kinds
    @ApiOperation({ summary: '按模板导出 · Export in the template\'s shape', description: '本政协的现有记录，格式与导入模板相同：修改后可原样导入，只改动修改过的内容。' })
    @ApiProduces(XLSX)
    export(@CurrentActor() actor: Actor, @kindParam() kind: ImportKind): StreamableFile {
      return send(this.imports.export(actor, kind));
    }

    /** Checks the file and reports every problem by row and column; writes nothing. */
    @RequirePermission(permission)
    @Post('dry-run')
    @HttpCode(200)
    @kinds
    @ApiOperation({ summary: '试导入（只检查） · Dry run', description: '检查上传的 Excel 文件，按行、列列出每个问题（如「第12行「界别」：……」），不写入任何数据。' })
    @ApiConsumes('multipart/form-data')
    @ApiBody(IMPORT_UPLOAD_BODY)
    @UseInterceptors(ImportUploadLimits, FileInterceptor('file', IMPORT_MULTER_OPTIONS))
    dryRun(@CurrentActor() actor: Actor, @kindParam() kind: ImportKind, @UploadedFile() file: ImportUpload | undefined): Promise<ImportReport> {
      return this.imports.dryRun(actor, kind, uploadedBytes(file));
    }

    /** Writes the file whole (one transaction, one audit entry), or nothing with 400 IMPORT_INVALID and every problem. */
    @RequirePermission(permission)
    @Post()
    @kinds
    @ApiOperation({ summary: '确认导入 · Import the file', description: '再次检查后整体写入（一个事务、一条审计记录，含文件 SHA-256 和数量）；有问题则不写入，返回 400 IMPORT_INVALID 和全部问题。同一文件再次导入不重复创建。' })
    @ApiConsumes('multipart/form-data')
    @ApiBody(IMPORT_UPLOAD_BODY)
    @UseInterceptors(ImportUploadLimits, FileInterceptor('file', IMPORT_MULTER_OPTIONS))
    confirm(@CurrentActor() actor: Actor, @kindParam() kind: ImportKind, @UploadedFile() file: ImportUpload | undefined): Promise<ImportReport> {
      return this.imports.confirm(actor, kind, uploadedBytes(file));
    }
  }
  Object.defineProperty(ImportsController, 'name', { value: `${group[0].toUpperCase()}${group.slice(1)}ImportsController` });
  return ImportsController;
}

/** 批量导入（委员、单位、用户）: administrators bring the committee's people and units over from spreadsheets. */
export const OrgImportsController = importsController('org', Permission.OrgManage, ORG_IMPORT_KINDS);

/** 批量导入（往届提案、代录提案）: committee staff bring a past session's history and paper proposals over. */
export const ProposalImportsController = importsController('proposals', Permission.ProposalImport, PROPOSAL_IMPORT_KINDS);
