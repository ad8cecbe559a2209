import type { MigrationInterface, QueryRunner } from 'typeorm';
import { termHashes } from '#app/proposals';

export class CompleteIntakeAndAssignment1795487940164 implements MigrationInterface {
  name = 'CompleteIntakeAndAssignment1795487940164';

  async up(queryRunner: QueryRunner): Promise<void> {
    // intarray (shipped with PostgreSQL, trusted: the database owner may create it) intersects the
    // proposals' term arrays for similar-proposal search; see ADR 7.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS intarray');
    await queryRunner.query("DROP INDEX \"public\".\"IDX_1a4d4176ea8e74e4dc04431dea\"");
    await queryRunner.query("CREATE TABLE \"code_entries\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"committee_id\" uuid NOT NULL, \"code_table\" character varying(40) NOT NULL, \"code\" character varying(40) NOT NULL, \"label\" character varying(200) NOT NULL, \"sort_order\" integer NOT NULL, CONSTRAINT \"PK_246fac4497974b992fc36c4536d\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_841800c5bec85f6dfc4454af54\" ON \"code_entries\"  (\"committee_id\", \"code_table\", \"code\") ");
    await queryRunner.query("CREATE TABLE \"cosign_invitations\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"proposal_id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"status\" character varying(20) NOT NULL, \"invited_by_user_id\" uuid NOT NULL, \"invited_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"responded_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_acb6005c12b267b0073394c1059\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_56f2678a0c085b1ea8550a1579\" ON \"cosign_invitations\"  (\"user_id\", \"status\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_77d040a901ab6d92ff4aa5b5c8\" ON \"cosign_invitations\"  (\"proposal_id\", \"user_id\") ");
    await queryRunner.query("CREATE TABLE \"attachments\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"committee_id\" uuid NOT NULL, \"proposal_id\" uuid NOT NULL, \"file_name\" character varying(200) NOT NULL, \"content_type\" character varying(100) NOT NULL, \"size_bytes\" integer NOT NULL, \"sha256\" character(64) NOT NULL, \"storage_key\" character varying(300) NOT NULL, \"uploaded_by_user_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_5e1f050bcff31e3084a1d662412\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_aec7c328ac967eecd0bad3e304\" ON \"attachments\"  (\"proposal_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"adjustment_requests\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"committee_id\" uuid NOT NULL, \"assignment_id\" uuid NOT NULL, \"reason\" character varying(1000) NOT NULL, \"suggested_unit_ids\" uuid array NOT NULL DEFAULT '{}', \"status\" character varying(20) NOT NULL, \"requested_by_user_id\" uuid NOT NULL, \"requested_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"decided_by_user_id\" uuid, \"decided_at\" TIMESTAMP WITH TIME ZONE, \"decision_note\" character varying(1000), \"new_assignment_id\" uuid, CONSTRAINT \"PK_53c13952ca8850e9886c38b1e56\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_98bf77702c3baed60f1b6d5c58\" ON \"adjustment_requests\"  (\"committee_id\", \"status\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_adjustment_pending\" ON \"adjustment_requests\"  (\"assignment_id\") WHERE status = 'pending'");
    await queryRunner.query("ALTER TABLE \"units\" ADD \"remit_keywords\" character varying(20) array NOT NULL DEFAULT '{}'");
    await queryRunner.query("ALTER TABLE \"proposals\" ADD \"analysis\" text");
    await queryRunner.query("ALTER TABLE \"proposals\" ADD \"suggestions\" text");
    await queryRunner.query("ALTER TABLE \"proposals\" ADD \"suggested_unit_ids\" uuid array NOT NULL DEFAULT '{}'");
    await queryRunner.query("ALTER TABLE \"proposals\" ADD \"group_kind\" character varying(20)");
    await queryRunner.query("ALTER TABLE \"proposals\" ADD \"group_name\" character varying(100)");
    await queryRunner.query("ALTER TABLE \"proposals\" ADD \"cosign_deadline\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"proposals\" ADD \"merged_into_id\" uuid");
    await queryRunner.query("ALTER TABLE \"proposals\" ADD \"is_key\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"proposals\" ADD \"urgent\" boolean NOT NULL DEFAULT false");
    await queryRunner.query("ALTER TABLE \"proposals\" ADD \"title_terms\" integer array NOT NULL DEFAULT '{}'");
    await queryRunner.query("ALTER TABLE \"proposals\" ADD \"body_terms\" integer array NOT NULL DEFAULT '{}'");
    await queryRunner.query("ALTER TABLE \"proposers\" ADD \"via_proposal_id\" uuid");
    await queryRunner.query("CREATE INDEX \"ix_proposals_merged_into\" ON \"proposals\"  (\"merged_into_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_9ee95f39a568465edf3f618dd8\" ON \"assignments\"  (\"proposal_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_assignment_active_unit\" ON \"assignments\"  (\"proposal_id\", \"unit_id\") WHERE status <> 'reassigned'");
    await queryRunner.query("ALTER TABLE \"code_entries\" ADD CONSTRAINT \"FK_5a09fd8e60b520c7b8478baf003\" FOREIGN KEY (\"committee_id\") REFERENCES \"committees\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"proposals\" ADD CONSTRAINT \"FK_95b0aa7ef4352f339842f1d0829\" FOREIGN KEY (\"merged_into_id\") REFERENCES \"proposals\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"proposers\" ADD CONSTRAINT \"FK_948fb6e1328106f4d21660abb85\" FOREIGN KEY (\"via_proposal_id\") REFERENCES \"proposals\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"cosign_invitations\" ADD CONSTRAINT \"FK_973100e4c56625c7685a60e6890\" FOREIGN KEY (\"proposal_id\") REFERENCES \"proposals\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"cosign_invitations\" ADD CONSTRAINT \"FK_ce45d1fc969cdff58c12afcf75f\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"attachments\" ADD CONSTRAINT \"FK_ac044cdcc2158aaffe6cb31b0b8\" FOREIGN KEY (\"proposal_id\") REFERENCES \"proposals\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"attachments\" ADD CONSTRAINT \"FK_0cd963ea6ef91dda206194e0ddb\" FOREIGN KEY (\"uploaded_by_user_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"adjustment_requests\" ADD CONSTRAINT \"FK_3a86339e57916a744fe976d7606\" FOREIGN KEY (\"assignment_id\") REFERENCES \"assignments\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"adjustment_requests\" ADD CONSTRAINT \"FK_05ef5d3d777f80a7cee3d9d2233\" FOREIGN KEY (\"new_assignment_id\") REFERENCES \"assignments\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"adjustment_requests\" ADD CONSTRAINT \"FK_58cd06c4a90944fd4ee379a006d\" FOREIGN KEY (\"requested_by_user_id\") REFERENCES \"users\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    // Proposals written before this migration get their terms, so they are found as similar ones.
    const existing: Array<{ id: string; title: string; body: string }> = await queryRunner.query('SELECT id, title, body FROM proposals');
    for (const row of existing) {
      await queryRunner.query('UPDATE proposals SET title_terms = $2, body_terms = $3 WHERE id = $1', [row.id, termHashes(row.title), termHashes(row.body)]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"adjustment_requests\" DROP CONSTRAINT \"FK_58cd06c4a90944fd4ee379a006d\"");
    await queryRunner.query("ALTER TABLE \"adjustment_requests\" DROP CONSTRAINT \"FK_05ef5d3d777f80a7cee3d9d2233\"");
    await queryRunner.query("ALTER TABLE \"adjustment_requests\" DROP CONSTRAINT \"FK_3a86339e57916a744fe976d7606\"");
    await queryRunner.query("ALTER TABLE \"attachments\" DROP CONSTRAINT \"FK_0cd963ea6ef91dda206194e0ddb\"");
    await queryRunner.query("ALTER TABLE \"attachments\" DROP CONSTRAINT \"FK_ac044cdcc2158aaffe6cb31b0b8\"");
    await queryRunner.query("ALTER TABLE \"cosign_invitations\" DROP CONSTRAINT \"FK_ce45d1fc969cdff58c12afcf75f\"");
    await queryRunner.query("ALTER TABLE \"cosign_invitations\" DROP CONSTRAINT \"FK_973100e4c56625c7685a60e6890\"");
    await queryRunner.query("ALTER TABLE \"proposers\" DROP CONSTRAINT \"FK_948fb6e1328106f4d21660abb85\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP CONSTRAINT \"FK_95b0aa7ef4352f339842f1d0829\"");
    await queryRunner.query("ALTER TABLE \"code_entries\" DROP CONSTRAINT \"FK_5a09fd8e60b520c7b8478baf003\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_assignment_active_unit\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_9ee95f39a568465edf3f618dd8\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_proposals_merged_into\"");
    await queryRunner.query("ALTER TABLE \"proposers\" DROP COLUMN \"via_proposal_id\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP COLUMN \"body_terms\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP COLUMN \"title_terms\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP COLUMN \"urgent\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP COLUMN \"is_key\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP COLUMN \"merged_into_id\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP COLUMN \"cosign_deadline\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP COLUMN \"group_name\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP COLUMN \"group_kind\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP COLUMN \"suggested_unit_ids\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP COLUMN \"suggestions\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP COLUMN \"analysis\"");
    await queryRunner.query("ALTER TABLE \"units\" DROP COLUMN \"remit_keywords\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_adjustment_pending\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_98bf77702c3baed60f1b6d5c58\"");
    await queryRunner.query("DROP TABLE \"adjustment_requests\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_aec7c328ac967eecd0bad3e304\"");
    await queryRunner.query("DROP TABLE \"attachments\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_77d040a901ab6d92ff4aa5b5c8\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_56f2678a0c085b1ea8550a1579\"");
    await queryRunner.query("DROP TABLE \"cosign_invitations\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_841800c5bec85f6dfc4454af54\"");
    await queryRunner.query("DROP TABLE \"code_entries\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_1a4d4176ea8e74e4dc04431dea\" ON \"assignments\" USING btree (\"proposal_id\", \"unit_id\") ");
    await queryRunner.query('DROP EXTENSION IF EXISTS intarray');
  }
}
