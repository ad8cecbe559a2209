import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCountersignWaiver1795489939321 implements MigrationInterface {
  name = 'AddCountersignWaiver1795489939321';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"assignments\" ADD \"waived_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"assignments\" ADD \"waived_by_user_id\" uuid");
    await queryRunner.query("ALTER TABLE \"assignments\" ADD \"waiver_reason\" character varying(1000)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"assignments\" DROP COLUMN \"waiver_reason\"");
    await queryRunner.query("ALTER TABLE \"assignments\" DROP COLUMN \"waived_by_user_id\"");
    await queryRunner.query("ALTER TABLE \"assignments\" DROP COLUMN \"waived_at\"");
  }
}
