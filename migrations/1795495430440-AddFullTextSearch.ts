import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refreshProposalSearch } from '#app/proposals';
import { refreshReplySearch } from '#app/replies';

export class AddFullTextSearch1795495430440 implements MigrationInterface {
  name = 'AddFullTextSearch1795495430440';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"proposals\" ADD \"search\" tsvector NOT NULL DEFAULT ''");
    await queryRunner.query("ALTER TABLE \"replies\" ADD \"search\" tsvector NOT NULL DEFAULT ''");
    // Written by hand: TypeORM cannot declare a GIN index; the entities mark these `synchronize: false`
    // so schema sync (and the drift check) leaves them alone. Every search is within one committee, so
    // the committee is in the index too (btree_gin: shipped with PostgreSQL, trusted like intarray): the
    // committee's matches are found inside the index, not by reading every vector of the committee or
    // every match of the platform. See ADR 10.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gin');
    await queryRunner.query('CREATE INDEX "ix_proposals_search" ON "proposals" USING gin ("committee_id", "search")');
    await queryRunner.query('CREATE INDEX "ix_replies_search" ON "replies" USING gin ("committee_id", "search")');
    // Documents of what exists already, computed by the same functions the services call (as of this version).
    const replies: Array<{ id: string }> = await queryRunner.query('SELECT id FROM replies');
    await refreshReplySearch(queryRunner.manager, replies.map((row) => row.id));
    const proposals: Array<{ id: string }> = await queryRunner.query('SELECT id FROM proposals');
    await refreshProposalSearch(queryRunner.manager, proposals.map((row) => row.id));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_replies_search"');
    await queryRunner.query('DROP INDEX "ix_proposals_search"');
    await queryRunner.query("ALTER TABLE \"replies\" DROP COLUMN \"search\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP COLUMN \"search\"");
    await queryRunner.query('DROP EXTENSION IF EXISTS btree_gin');
  }
}
