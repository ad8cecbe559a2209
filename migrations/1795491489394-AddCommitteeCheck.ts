import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCommitteeCheck1795491489394 implements MigrationInterface {
  name = 'AddCommitteeCheck1795491489394';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"replies\" ADD \"checked_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"replies\" ADD \"checked_by_user_id\" uuid");
    await queryRunner.query("ALTER TABLE \"replies\" ADD \"check_note\" character varying(1000)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"replies\" DROP COLUMN \"check_note\"");
    await queryRunner.query("ALTER TABLE \"replies\" DROP COLUMN \"checked_by_user_id\"");
    await queryRunner.query("ALTER TABLE \"replies\" DROP COLUMN \"checked_at\"");
  }
}
