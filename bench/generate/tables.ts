/**
 * The tables the generator fills, with the columns it writes (the rest take their defaults), in an
 * order that satisfies every foreign key; and the loader that sends them with COPY while the next
 * batch is being generated.
 */
import type pg from 'pg';
import { BinaryRows, copyRows } from './binary-copy.js';

const COLUMNS = {
  committees: ['id', 'name', 'level', 'region', 'created_at'],
  users: ['id', 'created_at', 'updated_at', 'username', 'display_name', 'password_hash', 'phone'],
  units: ['id', 'created_at', 'updated_at', 'committee_id', 'name', 'kind', 'parent_id', 'doc_prefix', 'work_area', 'remit_keywords'],
  memberships: ['id', 'user_id', 'committee_id', 'role', 'unit_id', 'created_at'],
  cppcc_sessions: [
    'id', 'created_at', 'updated_at', 'committee_id', 'name', 'term', 'meeting', 'year', 'plenary_start', 'plenary_end',
    'default_copy_unit_ids', 'deadline_rules', 'reminder_plan',
  ],
  code_entries: ['id', 'committee_id', 'code_table', 'code', 'label', 'sort_order'],
  number_series: ['committee_id', 'series', 'last_value'],
  proposals: [
    'id', 'version', 'created_at', 'updated_at', 'committee_id', 'session_id', 'number', 'kind', 'title', 'body', 'category', 'status',
    'entered_by_user_id', 'submitted_at', 'filed_at', 'closed_at', 'deadline_rules', 'supervisor_user_id', 'analysis', 'suggestions',
    'suggested_unit_ids', 'group_kind', 'group_name', 'cosign_deadline', 'merged_into_id', 'is_key', 'urgent', 'title_terms', 'body_terms', 'search',
  ],
  proposers: ['id', 'proposal_id', 'user_id', 'role', 'created_at', 'via_proposal_id'],
  cosign_invitations: ['id', 'proposal_id', 'user_id', 'status', 'invited_by_user_id', 'invited_at', 'responded_at', 'created_at'],
  review_decisions: ['id', 'proposal_id', 'outcome', 'reason_code', 'reason_text', 'target_proposal_id', 'decided_by_user_id', 'decided_at'],
  assignments: [
    'id', 'version', 'created_at', 'updated_at', 'committee_id', 'proposal_id', 'unit_id', 'role', 'status', 'round', 'assigned_by_user_id',
    'assigned_at', 'accepted_at', 'replied_at', 'waived_at', 'waived_by_user_id', 'waiver_reason',
  ],
  adjustment_requests: [
    'id', 'version', 'created_at', 'updated_at', 'committee_id', 'assignment_id', 'reason', 'suggested_unit_ids', 'status',
    'requested_by_user_id', 'requested_at', 'decided_by_user_id', 'decided_at', 'decision_note', 'new_assignment_id',
  ],
  extension_requests: [
    'id', 'version', 'created_at', 'updated_at', 'committee_id', 'assignment_id', 'requested_due_date', 'reason', 'status',
    'requested_by_user_id', 'decided_by_user_id', 'decided_at', 'decision_note',
  ],
  deadlines: [
    'id', 'version', 'created_at', 'updated_at', 'committee_id', 'assignment_id', 'kind', 'status', 'start_date', 'rule', 'due_date',
    'explanation', 'paused_on', 'met_at',
  ],
  deadline_events: ['deadline_id', 'kind', 'from_date', 'to_date', 'reason', 'actor_user_id', 'at'],
  reminders: ['id', 'committee_id', 'deadline_id', 'point', 'due_date', 'fire_at', 'status', 'sent_at'],
  replies: [
    'id', 'version', 'created_at', 'updated_at', 'committee_id', 'proposal_id', 'assignment_id', 'unit_id', 'kind', 'round', 'status',
    'grade', 'title', 'addressee', 'opening', 'scaffold', 'body', 'contact_unit_id', 'contacts', 'copy_unit_ids', 'drafted_by_user_id',
    'doc_number', 'signer_user_id', 'signed_at', 'reply_date', 'disclosure', 'disclosure_note', 'due_date', 'dispatched_at',
    'checked_at', 'checked_by_user_id', 'check_note', 'search',
  ],
  reply_versions: ['id', 'reply_id', 'seq', 'body', 'grade', 'contact_unit_id', 'contacts', 'author_user_id', 'created_at'],
  reply_copies: ['id', 'reply_id', 'unit_id', 'sent_at', 'read_at'],
  feedback: [
    'id', 'committee_id', 'proposal_id', 'reply_id', 'proposer_user_id', 'satisfaction', 'attitude_satisfaction', 'contacted',
    'contact_method', 'answered', 'comments', 'recorded_by_user_id', 'created_at',
  ],
  consultations: ['id', 'committee_id', 'proposal_id', 'assignment_id', 'held_on', 'place', 'participants', 'outcome', 'summary', 'recorded_by_user_id', 'created_at'],
  follow_ups: [
    'id', 'committee_id', 'proposal_id', 'assignment_id', 'unit_id', 'reply_id', 'first_grade', 'due_date', 'status', 'result_grade',
    'result_text', 'recorded_by_user_id', 'recorded_at', 'created_at',
  ],
  audit_entries: ['committee_id', 'actor_user_id', 'entity', 'entity_id', 'action', 'before', 'after', 'at'],
} as const;

export type TableName = keyof typeof COLUMNS;

/** Every table the generator writes, parents before children. */
export const TABLE_ORDER = Object.keys(COLUMNS) as TableName[];

/** One batch of rows: a binary COPY stream per table. */
export type Tables = { readonly [T in TableName]: BinaryRows };

export function newTables(): Tables {
  return Object.fromEntries(TABLE_ORDER.map((name) => [name, new BinaryRows(name, COLUMNS[name])])) as unknown as Tables;
}

/** Bytes written into a batch so far. */
export function sizeOf(tables: Tables): number {
  let total = 0;
  for (const name of TABLE_ORDER) total += tables[name].size;
  return total;
}

/** A batch ready to send: each table's binary COPY stream (plain bytes, so a worker thread can post it). */
export type Batch = Array<{ table: TableName; chunks: Uint8Array[] }>;

/** Takes everything written so far out of `tables` as a batch. */
export function takeBatch(tables: Tables): Batch {
  return TABLE_ORDER.filter((name) => tables[name].rows > 0).map((name) => ({ table: name, chunks: tables[name].take() }));
}

const bytesOf = (chunks: readonly Uint8Array[]) => chunks.reduce((sum, c) => sum + c.byteLength, 0);

/**
 * Stores batches with COPY, one after the other. A batch is split over the connections by size, each
 * part in a transaction of its own: with the foreign keys set aside during the load (see
 * foreign-keys.ts) the tables of a batch do not depend on each other, and two PostgreSQL backends use
 * both cores. Counts the rows PostgreSQL stored per table.
 */
export class Loader {
  readonly stored = Object.fromEntries(TABLE_ORDER.map((name) => [name, 0])) as Record<TableName, number>;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly clients: readonly pg.ClientBase[]) {}

  get storedRows(): number {
    return Object.values(this.stored).reduce((sum, n) => sum + n, 0);
  }

  /** Queues a batch; resolves once it is stored (rejects if it, or one before it, failed). */
  store(batch: Batch): Promise<void> {
    this.chain = this.chain.then(() => this.send(batch));
    return this.chain;
  }

  /** Waits for everything queued, whatever its outcome (before the connections are used for anything else). */
  async settle(): Promise<void> {
    await this.chain.catch(() => undefined);
  }

  private async send(batch: Batch): Promise<void> {
    // Largest tables first, each to the connection with the least so far.
    const parts: Batch[] = this.clients.map(() => []);
    const load = this.clients.map(() => 0);
    for (const part of [...batch].sort((a, b) => bytesOf(b.chunks) - bytesOf(a.chunks))) {
      const least = load.indexOf(Math.min(...load));
      parts[least].push(part);
      load[least] += bytesOf(part.chunks);
    }
    await Promise.all(parts.map((part, i) => this.sendPart(this.clients[i], part)));
  }

  private async sendPart(client: pg.ClientBase, part: Batch): Promise<void> {
    if (part.length === 0) return;
    await client.query('BEGIN');
    try {
      for (const { table, chunks } of part) this.stored[table] += await copyRows(client, table, COLUMNS[table], chunks);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}
