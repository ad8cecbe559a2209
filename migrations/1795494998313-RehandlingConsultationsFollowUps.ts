import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RehandlingConsultationsFollowUps1795494998313 implements MigrationInterface {
  name = 'RehandlingConsultationsFollowUps1795494998313';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"IDX_cc6658e0bf85c5af2f1ff8aca1\"");
    await queryRunner.query("CREATE TABLE \"consultations\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"committee_id\" uuid NOT NULL, \"proposal_id\" uuid NOT NULL, \"assignment_id\" uuid NOT NULL, \"held_on\" date NOT NULL, \"place\" character varying(200) NOT NULL, \"participants\" character varying(1000) NOT NULL, \"outcome\" character varying(20) NOT NULL, \"summary\" text NOT NULL, \"recorded_by_user_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_c5b78e9424d9bc68464f6a12103\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_45db50e03fe19b0b52e2251d37\" ON \"consultations\"  (\"proposal_id\") ");
    await queryRunner.query("CREATE TABLE \"follow_ups\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"committee_id\" uuid NOT NULL, \"proposal_id\" uuid NOT NULL, \"assignment_id\" uuid NOT NULL, \"unit_id\" uuid NOT NULL, \"reply_id\" uuid NOT NULL, \"first_grade\" character varying(4) NOT NULL, \"due_date\" date NOT NULL, \"status\" character varying(20) NOT NULL, \"result_grade\" character varying(4), \"result_text\" text, \"recorded_by_user_id\" uuid, \"recorded_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_d510aabdff2ec7fdc67a1092157\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_65c9b97693d1323270c3d20e6d\" ON \"follow_ups\"  (\"proposal_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_7338d0b49ecb0d1bbd273dec24\" ON \"follow_ups\"  (\"committee_id\", \"status\", \"due_date\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_fba5b4b139230afc3096f56137\" ON \"follow_ups\"  (\"reply_id\") ");
    await queryRunner.query("ALTER TABLE \"assignments\" ADD \"round\" integer NOT NULL DEFAULT '1'");
    await queryRunner.query("ALTER TABLE \"replies\" ADD \"round\" integer NOT NULL DEFAULT '1'");
    await queryRunner.query("ALTER TABLE \"replies\" ADD \"due_date\" date");
    // Replies dispatched before this migration were held to their assignment's governing deadline.
    await queryRunner.query(
      `UPDATE replies r SET due_date = d.due_date FROM assignments a
       JOIN deadlines d ON d.assignment_id = a.id AND d.kind = (CASE WHEN a.role = 'co' THEN 'co_opinion' ELSE 'reply' END)
       WHERE a.id = r.assignment_id AND r.dispatched_at IS NOT NULL`,
    );
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_aeb5fb176c413cca01974f5521\" ON \"replies\"  (\"assignment_id\", \"kind\", \"round\") ");
    await queryRunner.query("ALTER TABLE \"consultations\" ADD CONSTRAINT \"FK_45db50e03fe19b0b52e2251d372\" FOREIGN KEY (\"proposal_id\") REFERENCES \"proposals\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"consultations\" ADD CONSTRAINT \"FK_42bcee8c7dc17a51f631e3800f3\" FOREIGN KEY (\"assignment_id\") REFERENCES \"assignments\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"consultations\" ADD CONSTRAINT \"FK_cee407c475272cb8344e8565b63\" FOREIGN KEY (\"recorded_by_user_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"follow_ups\" ADD CONSTRAINT \"FK_65c9b97693d1323270c3d20e6d3\" FOREIGN KEY (\"proposal_id\") REFERENCES \"proposals\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"follow_ups\" ADD CONSTRAINT \"FK_f6c0b546a73c32b37d7f9f5d3e2\" FOREIGN KEY (\"assignment_id\") REFERENCES \"assignments\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"follow_ups\" ADD CONSTRAINT \"FK_b3adbdb0b8ae21e72c125e7d9f5\" FOREIGN KEY (\"unit_id\") REFERENCES \"units\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"follow_ups\" ADD CONSTRAINT \"FK_fba5b4b139230afc3096f561371\" FOREIGN KEY (\"reply_id\") REFERENCES \"replies\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"follow_ups\" ADD CONSTRAINT \"FK_18501c9789e1d77c63f16b13a58\" FOREIGN KEY (\"recorded_by_user_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"follow_ups\" DROP CONSTRAINT \"FK_18501c9789e1d77c63f16b13a58\"");
    await queryRunner.query("ALTER TABLE \"follow_ups\" DROP CONSTRAINT \"FK_fba5b4b139230afc3096f561371\"");
    await queryRunner.query("ALTER TABLE \"follow_ups\" DROP CONSTRAINT \"FK_b3adbdb0b8ae21e72c125e7d9f5\"");
    await queryRunner.query("ALTER TABLE \"follow_ups\" DROP CONSTRAINT \"FK_f6c0b546a73c32b37d7f9f5d3e2\"");
    await queryRunner.query("ALTER TABLE \"follow_ups\" DROP CONSTRAINT \"FK_65c9b97693d1323270c3d20e6d3\"");
    await queryRunner.query("ALTER TABLE \"consultations\" DROP CONSTRAINT \"FK_cee407c475272cb8344e8565b63\"");
    await queryRunner.query("ALTER TABLE \"consultations\" DROP CONSTRAINT \"FK_42bcee8c7dc17a51f631e3800f3\"");
    await queryRunner.query("ALTER TABLE \"consultations\" DROP CONSTRAINT \"FK_45db50e03fe19b0b52e2251d372\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_aeb5fb176c413cca01974f5521\"");
    await queryRunner.query("ALTER TABLE \"replies\" DROP COLUMN \"due_date\"");
    await queryRunner.query("ALTER TABLE \"replies\" DROP COLUMN \"round\"");
    await queryRunner.query("ALTER TABLE \"assignments\" DROP COLUMN \"round\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_fba5b4b139230afc3096f56137\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_7338d0b49ecb0d1bbd273dec24\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_65c9b97693d1323270c3d20e6d\"");
    await queryRunner.query("DROP TABLE \"follow_ups\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_45db50e03fe19b0b52e2251d37\"");
    await queryRunner.query("DROP TABLE \"consultations\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_cc6658e0bf85c5af2f1ff8aca1\" ON \"replies\" USING btree (\"assignment_id\", \"kind\") ");
  }
}
