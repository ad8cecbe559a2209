import type { MigrationInterface, QueryRunner } from 'typeorm';
import { chainPendingAuditEntries } from '#app/audit';

const APPEND_ONLY = `CREATE OR REPLACE FUNCTION audit_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_entries is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`;

/**
 * Hash-chains the audit entries (libs/audit/src/audit-chain.ts): the chain columns and heads, the
 * append-only trigger taught to let an entry be chained once (bulk loads insert entries unchained and
 * chain them afterwards) and nothing else, heads that only move forward, and every existing entry
 * chained in the order of its id.
 */
export class AuditHashChain1795507589181 implements MigrationInterface {
  name = 'AuditHashChain1795507589181';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"audit_chain_heads\" (\"chain\" character varying(80) NOT NULL, \"seq\" integer NOT NULL, \"hash\" character(64), CONSTRAINT \"PK_177ffb3d30ea05da818b750eae3\" PRIMARY KEY (\"chain\"))");
    await queryRunner.query("ALTER TABLE \"audit_entries\" ADD \"chain\" character varying(80)");
    await queryRunner.query("ALTER TABLE \"audit_entries\" ADD \"seq\" integer");
    await queryRunner.query("ALTER TABLE \"audit_entries\" ADD \"prev_hash\" character(64)");
    await queryRunner.query("ALTER TABLE \"audit_entries\" ADD \"hash\" character(64)");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_38a5ca4c71d03ce88eebf5bb15\" ON \"audit_entries\"  (\"chain\", \"seq\") ");
    // Written by hand from here on.
    await queryRunner.query('CREATE INDEX "ix_audit_entries_unchained" ON "audit_entries" ("id") WHERE "chain" IS NULL');
    // A chained entry has all three; an unchained one none (it waits for chainPendingAuditEntries).
    await queryRunner.query(`ALTER TABLE "audit_entries" ADD CONSTRAINT "ck_audit_entries_chained"
      CHECK ((chain IS NULL AND seq IS NULL AND hash IS NULL) OR (chain IS NOT NULL AND seq IS NOT NULL AND hash IS NOT NULL))`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          -- Chaining an unchained entry, once; nothing else about it may change.
          IF OLD.chain IS NULL AND NEW.chain IS NOT NULL AND NEW.id = OLD.id
             AND NEW.committee_id IS NOT DISTINCT FROM OLD.committee_id AND NEW.actor_user_id IS NOT DISTINCT FROM OLD.actor_user_id
             AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id AND NEW.action = OLD.action
             AND NEW.before IS NOT DISTINCT FROM OLD.before AND NEW.after IS NOT DISTINCT FROM OLD.after AND NEW.at = OLD.at THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_entries is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    // A head moves forward (or stays, when a writer locks it), never back, and is never removed: dropping
    // the last entries of a chain cannot go unnoticed.
    await queryRunner.query(`CREATE FUNCTION audit_chain_heads_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.chain = OLD.chain AND (NEW.seq > OLD.seq OR (NEW.seq = OLD.seq AND NEW.hash IS NOT DISTINCT FROM OLD.hash)) THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_chain_heads only move forward: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_chain_heads_forward_only BEFORE UPDATE OR DELETE ON "audit_chain_heads"
      FOR EACH ROW EXECUTE FUNCTION audit_chain_heads_forward_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_chain_heads_no_truncate BEFORE TRUNCATE ON "audit_chain_heads"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_heads_forward_only()`);
    await chainPendingAuditEntries(queryRunner.manager);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_chain_heads_no_truncate ON "audit_chain_heads"');
    await queryRunner.query('DROP TRIGGER audit_chain_heads_forward_only ON "audit_chain_heads"');
    await queryRunner.query('DROP FUNCTION audit_chain_heads_forward_only()');
    await queryRunner.query(APPEND_ONLY);
    await queryRunner.query('ALTER TABLE "audit_entries" DROP CONSTRAINT "ck_audit_entries_chained"');
    await queryRunner.query('DROP INDEX "public"."ix_audit_entries_unchained"');
    await queryRunner.query("DROP INDEX \"public\".\"IDX_38a5ca4c71d03ce88eebf5bb15\"");
    // Dropping columns is not an UPDATE or DELETE: the append-only trigger lets it through.
    await queryRunner.query("ALTER TABLE \"audit_entries\" DROP COLUMN \"hash\"");
    await queryRunner.query("ALTER TABLE \"audit_entries\" DROP COLUMN \"prev_hash\"");
    await queryRunner.query("ALTER TABLE \"audit_entries\" DROP COLUMN \"seq\"");
    await queryRunner.query("ALTER TABLE \"audit_entries\" DROP COLUMN \"chain\"");
    await queryRunner.query("DROP TABLE \"audit_chain_heads\"");
  }
}
