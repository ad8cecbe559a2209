import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a committee's spreadsheets carry that the schema did not (#21): a member's 界别 on their member
 * membership, and a unit's contacts (联系人 and phone) for the units template.
 */
export class ImportFields1795530500000 implements MigrationInterface {
  name = 'ImportFields1795530500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "memberships" ADD "sector" character varying(40)');
    await queryRunner.query('ALTER TABLE "units" ADD "contacts" jsonb NOT NULL DEFAULT \'[]\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "units" DROP COLUMN "contacts"');
    await queryRunner.query('ALTER TABLE "memberships" DROP COLUMN "sector"');
  }
}
