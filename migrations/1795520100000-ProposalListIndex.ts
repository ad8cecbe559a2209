import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The proposal list's default order within a status (newest first, then id): an index in that order, so
 * a page of 20 reads 20 index entries instead of sorting every proposal of the committee with the status
 * (7,828 rows for 'closed' in the largest committee of the 1,000,000-proposal bench: 2.4 ms → 0.1 ms).
 */
export class ProposalListIndex1795520100000 implements MigrationInterface {
  name = 'ProposalListIndex1795520100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "ix_proposals_list" ON "proposals" ("committee_id", "status", "created_at" DESC NULLS FIRST, "id")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_proposals_list"');
  }
}
