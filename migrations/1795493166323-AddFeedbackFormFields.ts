import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddFeedbackFormFields1795493166323 implements MigrationInterface {
  name = 'AddFeedbackFormFields1795493166323';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"feedback\" ADD \"attitude_satisfaction\" character varying(30)");
    await queryRunner.query("ALTER TABLE \"feedback\" ADD \"contact_method\" character varying(20)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"feedback\" DROP COLUMN \"contact_method\"");
    await queryRunner.query("ALTER TABLE \"feedback\" DROP COLUMN \"attitude_satisfaction\"");
  }
}
