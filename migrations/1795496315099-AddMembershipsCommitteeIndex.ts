import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMembershipsCommitteeIndex1795496315099 implements MigrationInterface {
  name = 'AddMembershipsCommitteeIndex1795496315099';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"ix_memberships_committee_role\" ON \"memberships\"  (\"committee_id\", \"role\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_memberships_committee_role\"");
  }
}
