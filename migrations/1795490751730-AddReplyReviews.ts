import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddReplyReviews1795490751730 implements MigrationInterface {
  name = 'AddReplyReviews1795490751730';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"reply_reviews\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"reply_id\" uuid NOT NULL, \"round\" integer NOT NULL, \"reviewer_user_id\" uuid NOT NULL, \"decision\" character varying(20) NOT NULL, \"note\" character varying(1000), \"decided_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_00b8dd417a031c4a3f1fac15284\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_deef29591099f812dbe8966463\" ON \"reply_reviews\"  (\"reply_id\", \"round\", \"reviewer_user_id\") ");
    await queryRunner.query("ALTER TABLE \"reply_reviews\" ADD CONSTRAINT \"FK_e362e7b33a1ab9435e021197d95\" FOREIGN KEY (\"reply_id\") REFERENCES \"replies\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"reply_reviews\" ADD CONSTRAINT \"FK_9c0ab902c22802790e88347f28e\" FOREIGN KEY (\"reviewer_user_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"reply_reviews\" DROP CONSTRAINT \"FK_9c0ab902c22802790e88347f28e\"");
    await queryRunner.query("ALTER TABLE \"reply_reviews\" DROP CONSTRAINT \"FK_e362e7b33a1ab9435e021197d95\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_deef29591099f812dbe8966463\"");
    await queryRunner.query("DROP TABLE \"reply_reviews\"");
  }
}
