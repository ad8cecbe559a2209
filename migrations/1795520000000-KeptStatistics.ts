import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The kept statistics (ADR 14): the fact rows of every proposal as they stand now, kept in four tables
 * and recomputed from the base tables for the proposals marked in `statistics_dirty`. Triggers on every
 * table the facts are read from mark the proposals a statement touched, in the writer's transaction, so
 * no write path can forget it. Every existing proposal starts marked. The trigger functions run as
 * their owner (SECURITY DEFINER, with the migration's search path), so a writer's role needs no grant on
 * the statistics tables to be marked.
 */

/**
 * Each watched table: how a statement's rows (transition table `changed`) name their proposals. Where
 * most updates change nothing the facts read (a proposal's status and search document, a reply's draft
 * text), UPDATE is watched per row, only when one of `updateOf` changes (PostgreSQL allows no column
 * list on a trigger with a transition table).
 */
const WATCHED: ReadonlyArray<{
  table: string;
  proposals: string;
  updateOf?: { proposal: string; columns: readonly string[] };
  events: ReadonlyArray<'INSERT' | 'UPDATE' | 'DELETE'>;
}> = [
  {
    table: 'proposals',
    proposals: 'SELECT c.id FROM changed c',
    updateOf: { proposal: 'id', columns: ['submitted_at', 'filed_at', 'session_id', 'committee_id'] },
    events: ['INSERT', 'UPDATE'],
  },
  { table: 'proposers', proposals: 'SELECT c.proposal_id FROM changed c', events: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'review_decisions', proposals: 'SELECT c.proposal_id FROM changed c', events: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'assignments', proposals: 'SELECT c.proposal_id FROM changed c', events: ['INSERT', 'UPDATE', 'DELETE'] },
  {
    table: 'replies',
    proposals: 'SELECT c.proposal_id FROM changed c',
    updateOf: { proposal: 'proposal_id', columns: ['proposal_id', 'assignment_id', 'grade', 'round', 'dispatched_at', 'due_date'] },
    events: ['INSERT', 'UPDATE', 'DELETE'],
  },
  { table: 'deadlines', proposals: 'SELECT a.proposal_id FROM changed c JOIN assignments a ON a.id = c.assignment_id', events: ['INSERT', 'UPDATE', 'DELETE'] },
  {
    table: 'deadline_events',
    proposals: 'SELECT a.proposal_id FROM changed c JOIN deadlines d ON d.id = c.deadline_id JOIN assignments a ON a.id = d.assignment_id',
    events: ['INSERT', 'UPDATE', 'DELETE'],
  },
  { table: 'feedback', proposals: 'SELECT c.proposal_id FROM changed c', events: ['INSERT', 'UPDATE', 'DELETE'] },
  {
    table: 'audit_entries',
    proposals: "SELECT c.entity_id FROM changed c WHERE c.entity = 'proposal' AND c.action = 'proposal.rehandle'",
    events: ['INSERT'],
  },
];

const KEPT = ['statistics_proposals', 'statistics_assignments', 'statistics_answers', 'statistics_forms'];

export class KeptStatistics1795520000000 implements MigrationInterface {
  name = 'KeptStatistics1795520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE statistics_dirty_seq`);
    await queryRunner.query(`CREATE TABLE statistics_dirty (
      proposal_id uuid PRIMARY KEY,
      committee_id uuid NOT NULL,
      seq bigint NOT NULL
    )`);
    await queryRunner.query(`CREATE INDEX ix_statistics_dirty_committee ON statistics_dirty (committee_id, proposal_id)`);
    await queryRunner.query(`CREATE TABLE statistics_proposals (
      proposal_id uuid PRIMARY KEY,
      committee_id uuid NOT NULL,
      session_id uuid NOT NULL,
      submitted boolean NOT NULL,
      filed boolean NOT NULL,
      merged boolean NOT NULL,
      to_opinion boolean NOT NULL,
      not_filed boolean NOT NULL,
      withdrawn boolean NOT NULL,
      assigned boolean NOT NULL,
      replied boolean NOT NULL,
      replied_on date,
      on_time boolean NOT NULL,
      days_to_reply integer,
      rehandled boolean NOT NULL,
      participants uuid[] NOT NULL,
      latest_at timestamptz
    )`);
    await queryRunner.query(`CREATE INDEX ix_statistics_proposals_scope ON statistics_proposals (committee_id, session_id)`);
    await queryRunner.query(`CREATE INDEX ix_statistics_proposals_latest ON statistics_proposals (committee_id, latest_at)`);
    await queryRunner.query(`CREATE TABLE statistics_assignments (
      assignment_id uuid PRIMARY KEY,
      proposal_id uuid NOT NULL,
      committee_id uuid NOT NULL,
      session_id uuid NOT NULL,
      unit_id uuid NOT NULL,
      role varchar(20) NOT NULL,
      assigned_on date NOT NULL,
      waived boolean NOT NULL,
      replied_on date,
      reply_due date,
      on_time boolean NOT NULL,
      days_to_reply integer,
      due_on date
    )`);
    await queryRunner.query(`CREATE TABLE statistics_answers (
      reply_id uuid PRIMARY KEY,
      proposal_id uuid NOT NULL,
      assignment_id uuid NOT NULL,
      committee_id uuid NOT NULL,
      session_id uuid NOT NULL,
      unit_id uuid NOT NULL,
      grade varchar(20),
      round integer NOT NULL,
      dispatched_on date NOT NULL
    )`);
    await queryRunner.query(`CREATE TABLE statistics_forms (
      feedback_id uuid PRIMARY KEY,
      proposal_id uuid NOT NULL,
      assignment_id uuid NOT NULL,
      committee_id uuid NOT NULL,
      session_id uuid NOT NULL,
      unit_id uuid NOT NULL,
      proposer_user_id uuid NOT NULL,
      satisfaction varchar(30),
      paper boolean,
      round integer NOT NULL,
      given_on date NOT NULL,
      latest boolean NOT NULL
    )`);
    for (const table of KEPT.slice(1)) {
      await queryRunner.query(`CREATE INDEX ix_${table}_scope ON ${table} (committee_id, session_id)`);
      await queryRunner.query(`CREATE INDEX ix_${table}_proposal ON ${table} (proposal_id)`);
    }

    for (const watched of WATCHED) {
      await queryRunner.query(`CREATE FUNCTION statistics_mark_${watched.table}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
          -- In proposal order, so two writers marking the same proposals never wait on each other crosswise.
          INSERT INTO statistics_dirty (proposal_id, committee_id, seq)
          SELECT p.id, p.committee_id, nextval('statistics_dirty_seq')
          FROM proposals p WHERE p.id IN (${watched.proposals})
          ORDER BY p.id
          ON CONFLICT (proposal_id) DO UPDATE SET seq = EXCLUDED.seq;
          RETURN NULL;
        END $$`);
      for (const event of watched.events) {
        const name = `statistics_mark_${watched.table}_${event.toLowerCase()}`;
        if (event === 'UPDATE' && watched.updateOf) {
          await queryRunner.query(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
            BEGIN
              INSERT INTO statistics_dirty (proposal_id, committee_id, seq)
              SELECT p.id, p.committee_id, nextval('statistics_dirty_seq') FROM proposals p WHERE p.id = NEW.${watched.updateOf.proposal}
              ON CONFLICT (proposal_id) DO UPDATE SET seq = EXCLUDED.seq;
              RETURN NULL;
            END $$`);
          const changed = watched.updateOf.columns.map((column) => `OLD.${column} IS DISTINCT FROM NEW.${column}`).join(' OR ');
          await queryRunner.query(
            `CREATE TRIGGER ${name} AFTER UPDATE OF ${watched.updateOf.columns.join(', ')} ON ${watched.table}
             FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION ${name}()`,
          );
          continue;
        }
        const transition = event === 'DELETE' ? 'OLD TABLE AS changed' : 'NEW TABLE AS changed';
        await queryRunner.query(
          `CREATE TRIGGER ${name} AFTER ${event} ON ${watched.table}
           REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION statistics_mark_${watched.table}()`,
        );
      }
    }
    // A deleted proposal takes its kept rows and its mark with it.
    await queryRunner.query(`CREATE FUNCTION statistics_forget_proposals() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
      BEGIN
        ${[...KEPT, 'statistics_dirty'].map((table) => `DELETE FROM ${table} WHERE proposal_id IN (SELECT g.id FROM gone g);`).join('\n        ')}
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER statistics_forget_proposals AFTER DELETE ON proposals REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION statistics_forget_proposals()`,
    );
    await queryRunner.query(`INSERT INTO statistics_dirty (proposal_id, committee_id, seq) SELECT id, committee_id, nextval('statistics_dirty_seq') FROM proposals`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER statistics_forget_proposals ON proposals`);
    await queryRunner.query(`DROP FUNCTION statistics_forget_proposals()`);
    for (const watched of WATCHED) {
      for (const event of watched.events) {
        await queryRunner.query(`DROP TRIGGER statistics_mark_${watched.table}_${event.toLowerCase()} ON ${watched.table}`);
        if (event === 'UPDATE' && watched.updateOf) await queryRunner.query(`DROP FUNCTION statistics_mark_${watched.table}_update()`);
      }
      await queryRunner.query(`DROP FUNCTION statistics_mark_${watched.table}()`);
    }
    for (const table of [...KEPT, 'statistics_dirty']) await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query(`DROP SEQUENCE statistics_dirty_seq`);
  }
}
