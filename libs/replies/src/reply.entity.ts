import { Column, Entity, Index } from 'typeorm';
import { Assignment } from '#app/handling';
import { Proposal } from '#app/proposals';
import { Unit } from '#app/org';
import { References, VersionedEntity } from '#app/core';

export enum ReplyStatus {
  Drafting = 'drafting',
  /** 内部审核: with the unit's internal reviewers before sign-off (optional) */
  InReview = 'in_review',
  AwaitingSignOff = 'awaiting_signoff',
  /** 签发 */
  Signed = 'signed',
  /** Sent to the proposers and copied (抄送) to the offices. */
  Dispatched = 'dispatched',
}

export enum ReplyKind {
  /** 答复: the lead unit's reply to the proposers */
  Answer = 'answer',
  /** 分办答复: one of several units answering the proposers separately */
  SeparateAnswer = 'separate_answer',
  /** 会办意见: a co-unit's opinion to the lead unit */
  CoOpinion = 'co_opinion',
}

/** 公开属性 */
export enum Disclosure {
  Full = 'full',
  Summary = 'summary',
  None = 'none',
}

export interface ReplyContact {
  name: string;
  phone: string;
}

/** 答复 — a unit's formal reply to a proposal, from first draft to dispatch. */
@Entity({ name: 'replies' })
@Index(['assignmentId', 'kind', 'round'], { unique: true })
@Index(['committeeId', 'unitId', 'status'])
@Index(['proposalId'])
export class Reply extends VersionedEntity {
  @Column({ name: 'committee_id', type: 'uuid' })
  committeeId: string;

  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  /** The unit that issues the reply (the assigned unit). */
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: ReplyKind;

  /** 1 for the first handling; 2 for the reply written in 重新办理 (re-handling) after a 不满意. */
  @Column({ type: 'int', default: 1 })
  round: number;

  @Column({ type: 'varchar', length: 20 })
  status: ReplyStatus;

  /** 办理结果, a code of the grade table (A/B/C by default). */
  @Column({ type: 'varchar', length: 4, nullable: true })
  grade: string | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** 尊敬的袁媛委员： */
  @Column({ type: 'varchar', length: 200 })
  addressee: string;

  @Column({ type: 'varchar', length: 1000 })
  opening: string;

  /** The section headings the draft started from (its unit's template); a body equal to it is not written yet. */
  @Column({ type: 'text', nullable: true })
  scaffold: string | null;

  @Column({ type: 'text', default: '' })
  body: string;

  /** 联系单位: the reply's unit or one of its sub-units. */
  @Column({ name: 'contact_unit_id', type: 'uuid', nullable: true })
  contactUnitId: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  contacts: ReplyContact[];

  /** 抄送 offices, in document order. */
  @Column({ name: 'copy_unit_ids', type: 'uuid', array: true, default: () => "'{}'" })
  copyUnitIds: string[];

  @Column({ name: 'drafted_by_user_id', type: 'uuid' })
  draftedByUserId: string;

  @Column({ name: 'return_reason', type: 'varchar', length: 1000, nullable: true })
  returnReason: string | null;

  /** 发文字号, e.g. 安公警〔2021〕60号; taken at sign-off. */
  @Column({ name: 'doc_number', type: 'varchar', length: 60, nullable: true })
  docNumber: string | null;

  @Column({ name: 'signer_user_id', type: 'uuid', nullable: true })
  signerUserId: string | null;

  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true })
  signedAt: Date | null;

  /** The date printed on the document: the day of sign-off, China time. */
  /** 提案委审核: when the committee office checked the signed reply, and its remark. */
  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true })
  checkedAt: Date | null;

  @Column({ name: 'checked_by_user_id', type: 'uuid', nullable: true })
  checkedByUserId: string | null;

  @Column({ name: 'check_note', type: 'varchar', length: 1000, nullable: true })
  checkNote: string | null;

  /** The signed document (PDF per GB/T 9704), rendered at sign-off: where its bytes are kept, and their SHA-256. */
  @Column({ name: 'signed_pdf_key', type: 'varchar', length: 300, nullable: true })
  signedPdfKey: string | null;

  @Index('ix_replies_signed_pdf_sha256')
  @Column({ name: 'signed_pdf_sha256', type: 'char', length: 64, nullable: true })
  signedPdfSha256: string | null;

  @Column({ name: 'signed_pdf_size', type: 'int', nullable: true })
  signedPdfSize: number | null;

  @Column({ name: 'reply_date', type: 'date', nullable: true })
  replyDate: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  disclosure: Disclosure | null;

  @Column({ name: 'disclosure_note', type: 'varchar', length: 2000, nullable: true })
  disclosureNote: string | null;

  /** The due date the reply was held to when dispatched (the governing deadline then): on time if dispatched by it. */
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  /**
   * The reply's search document (ADR 11): character n-grams of its title and number (A), opening and body
   * (B) and disclosure note (C), written by `refreshReplySearch`. Not loaded with the row; GIN index by hand.
   */
  @Index('ix_replies_search', { synchronize: false })
  @Column({ type: 'tsvector', select: false, default: () => "''" })
  search: string;

  @References(() => Assignment, 'assignment_id')
  private readonly assignmentIdFk?: never;

  @References(() => Proposal, 'proposal_id')
  private readonly proposalIdFk?: never;

  @References(() => Unit, 'unit_id')
  private readonly unitIdFk?: never;
}
