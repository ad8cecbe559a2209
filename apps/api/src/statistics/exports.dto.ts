import { OmitType, PickType } from '@nestjs/swagger';
import { ListAdjustmentsQueryDto, ListAssignmentsQueryDto, ListExtensionsQueryDto } from '../handling/handling.dto.js';
import { ListRepliesQueryDto } from '../replies/replies.dto.js';
import { ListProposalsQueryDto } from '../proposals/proposals.dto.js';
import { StatisticsQueryDto } from './statistics.dto.js';

/** Every filter of the list it exports, without paging: an export holds all the rows they select (up to the cap). */
export class ExportProposalsQueryDto extends OmitType(ListProposalsQueryDto, ['limit', 'offset'] as const) {}
export class ExportAssignmentsQueryDto extends OmitType(ListAssignmentsQueryDto, ['limit', 'offset'] as const) {}
export class ExportRepliesQueryDto extends OmitType(ListRepliesQueryDto, ['limit', 'offset'] as const) {}
export class ExportAdjustmentsQueryDto extends OmitType(ListAdjustmentsQueryDto, ['limit', 'offset'] as const) {}
export class ExportExtensionsQueryDto extends OmitType(ListExtensionsQueryDto, ['limit', 'offset'] as const) {}
export class ExportFeedbackQueryDto extends PickType(StatisticsQueryDto, ['sessionId'] as const) {}
