import type { MigrationInterface, QueryRunner } from 'typeorm';
import { entryHash } from '#app/audit';

/** The proposal of an existing entry, as AuditService.chainOf finds it for new ones. */
const CHAIN_OF_ENTRY = `COALESCE(
  'proposal:' || CASE e.entity
    WHEN 'proposal' THEN (SELECT p.id::text FROM proposals p WHERE p.id = e.entity_id)
    WHEN 'assignment' THEN (SELECT a.proposal_id::text FROM assignments a WHERE a.id = e.entity_id)
    WHEN 'reply' THEN (SELECT r.proposal_id::text FROM replies r WHERE r.id = e.entity_id)
    WHEN 'feedback' THEN (SELECT f.proposal_id::text FROM feedback f WHERE f.id = e.entity_id)
    WHEN 'consultation' THEN (SELECT c.proposal_id::text FROM consultations c WHERE c.id = e.entity_id)
    WHEN 'follow_up' THEN (SELECT f.proposal_id::text FROM follow_ups f WHERE f.id = e.entity_id)
    WHEN 'deadline' THEN (SELECT a.proposal_id::text FROM deadlines d JOIN assignments a ON a.id = d.assignment_id WHERE d.id = e.entity_id)
    WHEN 'adjustment' THEN (SELECT a.proposal_id::text FROM adjustment_requests r JOIN assignments a ON a.id = r.assignment_id WHERE r.id = e.entity_id)
    WHEN 'extension' THEN (SELECT a.proposal_id::text FROM extension_requests r JOIN assignments a ON a.id = r.assignment_id WHERE r.id = e.entity_id)
  END,
  'committee:' || e.committee_id::text,
  'global')`;

interface Row {
  id: string;
  chain: string;
  seq: number;
  committee_id: string | null;
  actor_user_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: Date;
}

/**
 * Hash-chains the audit entries (audit-chain.ts): existing entries are put into their chains in the
 * order they were written and hashed here (the append-only trigger is set aside for this transaction
 * only), then the columns become required and the chain heads are recorded and protected.
 */
export class AuditHashChain1795507589181 implements MigrationInterface {
  name = 'AuditHashChain1795507589181';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"audit_chain_heads\" (\"chain\" character varying(80) NOT NULL, \"seq\" integer NOT NULL, \"hash\" character(64), CONSTRAINT \"PK_177ffb3d30ea05da818b750eae3\" PRIMARY KEY (\"chain\"))");
    await queryRunner.query("ALTER TABLE \"audit_entries\" ADD \"chain\" character varying(80)");
    await queryRunner.query("ALTER TABLE \"audit_entries\" ADD \"seq\" integer");
    await queryRunner.query("ALTER TABLE \"audit_entries\" ADD \"prev_hash\" character(64)");
    await queryRunner.query("ALTER TABLE \"audit_entries\" ADD \"hash\" character(64)");

    // Written by hand: the entries written before the chain existed, chained in the order of their ids.
    await queryRunner.query('ALTER TABLE "audit_entries" DISABLE TRIGGER audit_entries_no_update_delete');
    await queryRunner.query(`UPDATE audit_entries e SET chain = ${CHAIN_OF_ENTRY}`);
    await queryRunner.query(`UPDATE audit_entries e SET seq = n.seq
      FROM (SELECT id, row_number() OVER (PARTITION BY chain ORDER BY id) AS seq FROM audit_entries) n WHERE n.id = e.id`);
    const batch = 5000;
    let previous: { chain: string; hash: string } | null = null;
    for (let afterKey: [string, number] = ['', 0]; ; ) {
      const rows = (await queryRunner.query(
        `SELECT id, chain, seq, committee_id, actor_user_id, entity, entity_id, action, before, after, at FROM audit_entries
         WHERE (chain, seq) > ($1, $2) ORDER BY chain, seq LIMIT ${batch}`,
        afterKey,
      )) as Row[];
      if (rows.length === 0) break;
      const ids: string[] = [];
      const prevHashes: Array<string | null> = [];
      const hashes: string[] = [];
      for (const row of rows) {
        const prevHash: string | null = previous?.chain === row.chain ? previous.hash : null;
        const hash = entryHash({
          chain: row.chain,
          seq: row.seq,
          prevHash,
          committeeId: row.committee_id,
          actorUserId: row.actor_user_id,
          entity: row.entity,
          entityId: row.entity_id,
          action: row.action,
          before: row.before,
          after: row.after,
          at: row.at,
        });
        ids.push(row.id);
        prevHashes.push(prevHash);
        hashes.push(hash);
        previous = { chain: row.chain, hash };
      }
      await queryRunner.query(
        `UPDATE audit_entries e SET prev_hash = v.prev_hash, hash = v.hash
         FROM unnest($1::bigint[], $2::text[], $3::text[]) AS v(id, prev_hash, hash) WHERE e.id = v.id`,
        [ids, prevHashes, hashes],
      );
      const last = rows[rows.length - 1];
      afterKey = [last.chain, last.seq];
    }
    await queryRunner.query('ALTER TABLE "audit_entries" ENABLE TRIGGER audit_entries_no_update_delete');
    await queryRunner.query(`INSERT INTO audit_chain_heads (chain, seq, hash)
      SELECT DISTINCT ON (chain) chain, seq, hash FROM audit_entries ORDER BY chain, seq DESC`);

    await queryRunner.query("ALTER TABLE \"audit_entries\" ALTER COLUMN \"chain\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"audit_entries\" ALTER COLUMN \"seq\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"audit_entries\" ALTER COLUMN \"hash\" SET NOT NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_38a5ca4c71d03ce88eebf5bb15\" ON \"audit_entries\"  (\"chain\", \"seq\") ");

    // Written by hand: a head moves forward by exactly one entry (or stays, when a writer locks it), never
    // back, and is never removed — so dropping the last entries of a chain cannot go unnoticed.
    await queryRunner.query(`CREATE FUNCTION audit_chain_heads_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.chain = OLD.chain
           AND (NEW.seq = OLD.seq + 1 OR (NEW.seq = OLD.seq AND NEW.hash IS NOT DISTINCT FROM OLD.hash)) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_chain_heads only move forward: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_chain_heads_forward_only BEFORE UPDATE OR DELETE ON "audit_chain_heads"
      FOR EACH ROW EXECUTE FUNCTION audit_chain_heads_forward_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON "audit_chain_heads"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_heads_forward_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_chain_heads_no_truncate ON "audit_chain_heads"');
    await queryRunner.query('DROP TRIGGER audit_chain_heads_forward_only ON "audit_chain_heads"');
    await queryRunner.query('DROP FUNCTION audit_chain_heads_forward_only()');
    await queryRunner.query("DROP INDEX \"public\".\"IDX_38a5ca4c71d03ce88eebf5bb15\"");
    // Dropping columns is not an UPDATE or DELETE: the append-only trigger lets it through.
    await queryRunner.query("ALTER TABLE \"audit_entries\" DROP COLUMN \"hash\"");
    await queryRunner.query("ALTER TABLE \"audit_entries\" DROP COLUMN \"prev_hash\"");
    await queryRunner.query("ALTER TABLE \"audit_entries\" DROP COLUMN \"seq\"");
    await queryRunner.query("ALTER TABLE \"audit_entries\" DROP COLUMN \"chain\"");
    await queryRunner.query("DROP TABLE \"audit_chain_heads\"");
  }
}
