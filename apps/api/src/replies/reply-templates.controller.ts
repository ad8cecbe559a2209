import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type Actor, CurrentActor, Permission, RequirePermission } from '#app/auth';
import { ReplyKind, ReplyTemplatesService, type TemplateView } from '#app/replies';
import { enumParam, uuidParam } from '../common/dto.js';
import { ReplyTemplateDto } from './reply-templates.dto.js';

/** 答复模板: how a unit starts each kind of reply; its drafters and leaders manage them, staff read them. */
@ApiTags('replies 答复')
@ApiBearerAuth()
@Controller('units/:unitId/reply-templates')
export class ReplyTemplatesController {
  constructor(private readonly templates: ReplyTemplatesService) {}

  @ApiOperation({ summary: '答复模板 · Reply templates', description: '单位的答复模板（答复、分办答复、会办意见）。' })
  @RequirePermission(Permission.ReplyRead)
  @Get()
  list(@CurrentActor() actor: Actor, @Param('unitId', uuidParam('unitId')) unitId: string): Promise<TemplateView[]> {
    return this.templates.list(actor, unitId);
  }

  /** Sets the template of a kind (answer, separate_answer, co_opinion); give `version` once it exists. */
  @ApiOperation({ summary: '设置答复模板 · Set a reply template', description: '设置某类答复模板；更新已有模板时须带 version。' })
  @RequirePermission(Permission.ReplyTemplateManage)
  @Put(':kind')
  @ApiParam({ name: 'kind', enum: ReplyKind })
  put(
    @CurrentActor() actor: Actor,
    @Param('unitId', uuidParam('unitId')) unitId: string,
    @Param('kind', enumParam('kind', ReplyKind)) kind: ReplyKind,
    @Body() body: ReplyTemplateDto,
  ): Promise<TemplateView> {
    const { version, ...content } = body;
    return this.templates.put(actor, unitId, kind, version, { ...content, contactUnitId: content.contactUnitId ?? null, contacts: content.contacts ?? [], copyUnitIds: content.copyUnitIds ?? null });
  }

  /** Back to the built-in default. */
  @ApiOperation({ summary: '删除答复模板 · Delete a reply template', description: '删除模板，恢复内置默认模板。' })
  @RequirePermission(Permission.ReplyTemplateManage)
  @Delete(':kind')
  @ApiParam({ name: 'kind', enum: ReplyKind })
  remove(@CurrentActor() actor: Actor, @Param('unitId', uuidParam('unitId')) unitId: string, @Param('kind', enumParam('kind', ReplyKind)) kind: ReplyKind): Promise<TemplateView> {
    return this.templates.remove(actor, unitId, kind);
  }
}
