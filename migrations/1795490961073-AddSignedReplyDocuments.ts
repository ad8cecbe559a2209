import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSignedReplyDocuments1795490961073 implements MigrationInterface {
  name = 'AddSignedReplyDocuments1795490961073';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"replies\" ADD \"signed_pdf_key\" character varying(300)");
    await queryRunner.query("ALTER TABLE \"replies\" ADD \"signed_pdf_sha256\" character(64)");
    await queryRunner.query("ALTER TABLE \"replies\" ADD \"signed_pdf_size\" integer");
    await queryRunner.query("CREATE INDEX \"ix_replies_signed_pdf_sha256\" ON \"replies\"  (\"signed_pdf_sha256\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_replies_signed_pdf_sha256\"");
    await queryRunner.query("ALTER TABLE \"replies\" DROP COLUMN \"signed_pdf_size\"");
    await queryRunner.query("ALTER TABLE \"replies\" DROP COLUMN \"signed_pdf_sha256\"");
    await queryRunner.query("ALTER TABLE \"replies\" DROP COLUMN \"signed_pdf_key\"");
  }
}
