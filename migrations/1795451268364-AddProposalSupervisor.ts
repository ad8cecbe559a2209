import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddProposalSupervisor1795451268364 implements MigrationInterface {
  name = 'AddProposalSupervisor1795451268364';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"proposals\" ADD \"supervisor_user_id\" uuid");
    await queryRunner.query("ALTER TABLE \"proposals\" ADD CONSTRAINT \"FK_a89b69d5860ce4d1a473cb50b8c\" FOREIGN KEY (\"supervisor_user_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"proposals\" DROP CONSTRAINT \"FK_a89b69d5860ce4d1a473cb50b8c\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP COLUMN \"supervisor_user_id\"");
  }
}
