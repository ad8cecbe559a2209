import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '#app/audit';
import { type Actor } from '#app/auth';
import { AppConfig, Clock, DomainError } from '#app/core';
import { ObjectStore } from '#app/storage';
import { ALLOWED_EXTENSIONS, attachmentTypeOf, cleanFileName, fileNameProblem } from './attachment-types.js';
import { Attachment } from './attachment.entity.js';
import { ProposalStatus } from './proposal-status.js';
import { ProposalsService } from './proposals.service.js';
import { ProposalsErrorCode } from './proposals.errors.js';
import { ProposalsEntity } from './proposals.vocabulary.js';

export interface AttachmentView {
  id: string;
  proposalId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedByUserId: string;
  createdAt: string;
}

export interface UploadedFile {
  originalName: string;
  bytes: Buffer;
}

/** At most this many attachments on one proposal. */
export const MAX_ATTACHMENTS = 20;

/** Statuses in which the lead proposer may still add or remove attachments. */
const EDITABLE = [ProposalStatus.Draft, ProposalStatus.Cosigning];

const toView = (a: Attachment): AttachmentView => ({
  id: a.id,
  proposalId: a.proposalId,
  fileName: a.fileName,
  contentType: a.contentType,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
  uploadedByUserId: a.uploadedByUserId,
  createdAt: a.createdAt.toISOString(),
});

/**
 * 附件 of proposals: the bytes in the object store (disk or S3-compatible), the metadata and its audit
 * entry in PostgreSQL. Whoever may read the proposal may download them; only its author may change
 * them, and only before submission.
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger(AttachmentsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalsService,
    private readonly store: ObjectStore,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores the bytes first and then, in one transaction, the row and its audit entry; if that
   * transaction fails the stored bytes are removed again, so nothing is left half-written.
   */
  async add(actor: Actor, proposalId: string, file: UploadedFile): Promise<AttachmentView> {
    if (file.bytes.length === 0) throw DomainError.invalidField('file', 'file is empty');
    if (file.bytes.length > this.config.ATTACHMENT_MAX_BYTES) {
      throw DomainError.invalidField('file', `file must be at most ${this.config.ATTACHMENT_MAX_BYTES} bytes`, ProposalsErrorCode.ATTACHMENT_TOO_LARGE);
    }
    const nameProblem = fileNameProblem(file.originalName);
    if (nameProblem) throw DomainError.invalidField('file', nameProblem, ProposalsErrorCode.ATTACHMENT_NAME_REFUSED);
    const fileName = cleanFileName(file.originalName);
    if (!fileName) throw DomainError.invalidField('file', 'file must have a name');
    const type = attachmentTypeOf(fileName, file.bytes);
    if (!type) {
      throw DomainError.invalidField('file', `file must be one of ${ALLOWED_EXTENSIONS.join(', ')}, and its content must match its name`, ProposalsErrorCode.ATTACHMENT_TYPE_REFUSED);
    }
    // Checked before the upload so a refused request writes nothing; checked again under the row lock below.
    await this.requireEditable(actor, proposalId);
    const id = randomUUID();
    const storageKey = `committees/${actor.committeeId}/attachments/${id}`;
    await this.store.put(storageKey, file.bytes, type.contentType);
    try {
      const saved = await this.dataSource.transaction(async (manager) => {
        const proposal = await this.proposals.loadVisible(manager, actor, proposalId);
        await this.proposals.requireAuthor(manager, actor, proposal, 'attach files to');
        this.requireStatus(proposal.status);
        if ((await manager.getRepository(Attachment).countBy({ proposalId })) >= MAX_ATTACHMENTS) {
          throw new DomainError('conflict', ProposalsErrorCode.TOO_MANY_ATTACHMENTS, `A proposal carries at most ${MAX_ATTACHMENTS} attachments`);
        }
        const attachment = await manager.save(
          manager.create(Attachment, {
            id,
            committeeId: actor.committeeId,
            proposalId,
            fileName,
            contentType: type.contentType,
            sizeBytes: file.bytes.length,
            sha256: createHash('sha256').update(file.bytes).digest('hex'),
            storageKey,
            uploadedByUserId: actor.userId,
          }),
        );
        await this.record(actor, proposalId, 'proposal.attachment-added', { attachmentId: id, fileName, sizeBytes: file.bytes.length, sha256: attachment.sha256 }, manager);
        return attachment;
      });
      return toView(saved);
    } catch (error) {
      await this.store.delete(storageKey).catch((cleanup: unknown) => this.logger.error(`could not remove ${storageKey} after a failed upload: ${String(cleanup)}`));
      throw error;
    }
  }

  async list(actor: Actor, proposalId: string): Promise<AttachmentView[]> {
    await this.proposals.loadVisible(this.dataSource.manager, actor, proposalId);
    const rows = await this.dataSource.getRepository(Attachment).find({ where: { proposalId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toView);
  }

  /** The bytes, for anyone who may read the proposal (404 otherwise, as for the proposal itself). */
  async download(actor: Actor, proposalId: string, id: string): Promise<{ attachment: AttachmentView; bytes: Buffer }> {
    await this.proposals.loadVisible(this.dataSource.manager, actor, proposalId);
    const attachment = await this.dataSource.getRepository(Attachment).findOneBy({ id, proposalId });
    if (!attachment) throw DomainError.notFound('Attachment', id);
    return { attachment: toView(attachment), bytes: await this.store.get(attachment.storageKey) };
  }

  /** Removes an attachment before submission; the bytes go once the row is gone. */
  async remove(actor: Actor, proposalId: string, id: string): Promise<void> {
    const storageKey = await this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.loadVisible(manager, actor, proposalId);
      await this.proposals.requireAuthor(manager, actor, proposal, 'remove files from');
      this.requireStatus(proposal.status);
      const attachment = await manager.getRepository(Attachment).findOneBy({ id, proposalId });
      if (!attachment) throw DomainError.notFound('Attachment', id);
      await manager.delete(Attachment, { id });
      await this.record(actor, proposalId, 'proposal.attachment-removed', { attachmentId: id, fileName: attachment.fileName, sha256: attachment.sha256 }, manager);
      return attachment.storageKey;
    });
    await this.store.delete(storageKey).catch((error: unknown) => this.logger.error(`could not remove ${storageKey}: ${String(error)}`));
  }

  private async requireEditable(actor: Actor, proposalId: string): Promise<void> {
    const proposal = await this.proposals.loadVisible(this.dataSource.manager, actor, proposalId);
    await this.proposals.requireAuthor(this.dataSource.manager, actor, proposal, 'attach files to');
    this.requireStatus(proposal.status);
  }

  private requireStatus(status: ProposalStatus): void {
    if (!EDITABLE.includes(status)) {
      throw new DomainError('conflict', ProposalsErrorCode.PROPOSAL_NOT_EDITABLE, `Attachments can be changed only before the proposal is submitted; it is ${status}`);
    }
  }

  private async record(actor: Actor, proposalId: string, action: string, after: Record<string, unknown>, manager: EntityManager): Promise<void> {
    await this.audit.record(manager, { committeeId: actor.committeeId, actorUserId: actor.userId, entity: ProposalsEntity.Proposal, entityId: proposalId, action, after, at: this.clock.now() });
  }
}
