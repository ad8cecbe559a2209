import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddReplyTemplates1795490260538 implements MigrationInterface {
  name = 'AddReplyTemplates1795490260538';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"reply_templates\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"committee_id\" uuid NOT NULL, \"unit_id\" uuid NOT NULL, \"kind\" character varying(20) NOT NULL, \"opening\" character varying(500) NOT NULL, \"scaffold\" text NOT NULL, \"contact_unit_id\" uuid, \"contacts\" jsonb NOT NULL DEFAULT '[]', \"copy_unit_ids\" uuid array, CONSTRAINT \"PK_5eea29db5f7f80ebf8210ee3df6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_9e15ecbeda2f6569b10caac32e\" ON \"reply_templates\"  (\"unit_id\", \"kind\") ");
    await queryRunner.query("ALTER TABLE \"replies\" ADD \"scaffold\" text");
    await queryRunner.query("ALTER TABLE \"reply_templates\" ADD CONSTRAINT \"FK_f17886727bb57c11ed1461a08c6\" FOREIGN KEY (\"unit_id\") REFERENCES \"units\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"reply_templates\" DROP CONSTRAINT \"FK_f17886727bb57c11ed1461a08c6\"");
    await queryRunner.query("ALTER TABLE \"replies\" DROP COLUMN \"scaffold\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_9e15ecbeda2f6569b10caac32e\"");
    await queryRunner.query("DROP TABLE \"reply_templates\"");
  }
}
