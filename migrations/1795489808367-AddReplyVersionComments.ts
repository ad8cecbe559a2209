import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddReplyVersionComments1795489808367 implements MigrationInterface {
  name = 'AddReplyVersionComments1795489808367';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"reply_version_comments\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version_id\" uuid NOT NULL, \"author_user_id\" uuid NOT NULL, \"text\" character varying(2000) NOT NULL, \"quote\" character varying(500), \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_1bcaae5416fa168589c74af5c25\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_2eb2b77689d1850d05e918065a\" ON \"reply_version_comments\"  (\"version_id\", \"created_at\") ");
    await queryRunner.query("ALTER TABLE \"reply_version_comments\" ADD CONSTRAINT \"FK_5ad80a7599df82e0594417460c4\" FOREIGN KEY (\"version_id\") REFERENCES \"reply_versions\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"reply_version_comments\" ADD CONSTRAINT \"FK_4db95bfbecd3a5329f79acde345\" FOREIGN KEY (\"author_user_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"reply_version_comments\" DROP CONSTRAINT \"FK_4db95bfbecd3a5329f79acde345\"");
    await queryRunner.query("ALTER TABLE \"reply_version_comments\" DROP CONSTRAINT \"FK_5ad80a7599df82e0594417460c4\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_2eb2b77689d1850d05e918065a\"");
    await queryRunner.query("DROP TABLE \"reply_version_comments\"");
  }
}
