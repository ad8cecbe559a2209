import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadlines of their own (reply, adjustment window, first contact, co-unit opinion, feedback) with history,
 * extension requests, per-session reminder plans and per-proposal deadline rules. Reviewed by hand:
 * existing reply deadlines, their reminders and sessions are carried over.
 */
export class AddDeadlinesAndExtensions1795450252042 implements MigrationInterface {
  name = 'AddDeadlinesAndExtensions1795450252042';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"IDX_3247fa09a76f0d48c54536bdd0\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_reminder\"");
    await queryRunner.query("ALTER TABLE \"reminders\" RENAME COLUMN \"assignment_id\" TO \"deadline_id\"");
    await queryRunner.query("CREATE TABLE \"deadlines\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"committee_id\" uuid NOT NULL, \"assignment_id\" uuid NOT NULL, \"kind\" character varying(30) NOT NULL, \"status\" character varying(20) NOT NULL, \"start_date\" date NOT NULL, \"rule\" jsonb, \"due_date\" date NOT NULL, \"explanation\" jsonb NOT NULL, \"paused_on\" date, \"met_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_a9b8551c028a78298641a8e3470\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_e600c320771e5957ff632c908f\" ON \"deadlines\"  (\"committee_id\", \"status\", \"due_date\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_f25df1a13034d16ac6d0608017\" ON \"deadlines\"  (\"assignment_id\", \"kind\") ");
    await queryRunner.query("CREATE TABLE \"deadline_events\" (\"id\" BIGSERIAL NOT NULL, \"deadline_id\" uuid NOT NULL, \"kind\" character varying(20) NOT NULL, \"from_date\" date, \"to_date\" date, \"reason\" character varying(1000), \"actor_user_id\" uuid, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_454e8eb5a8da91cc48d7962bd11\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_2bf09b9532b7231941000dcfad\" ON \"deadline_events\"  (\"deadline_id\", \"at\") ");
    await queryRunner.query("CREATE TABLE \"extension_requests\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"version\" integer NOT NULL DEFAULT '1', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"committee_id\" uuid NOT NULL, \"assignment_id\" uuid NOT NULL, \"requested_due_date\" date NOT NULL, \"reason\" character varying(1000) NOT NULL, \"status\" character varying(20) NOT NULL, \"requested_by_user_id\" uuid NOT NULL, \"decided_by_user_id\" uuid, \"decided_at\" TIMESTAMP WITH TIME ZONE, \"decision_note\" character varying(1000), CONSTRAINT \"PK_cf652cfbd6bc847a21929fd703f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_98e20ed4663fc8b7f6e5a6e147\" ON \"extension_requests\"  (\"assignment_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_c2fd89a73e4c073bd42f04e859\" ON \"extension_requests\"  (\"committee_id\", \"status\") ");
    // Hand-written: each assignment's reply deadline becomes a row of its own, with its history and reminders.
    await queryRunner.query(
      `INSERT INTO "deadlines" ("committee_id", "assignment_id", "kind", "status", "start_date", "rule", "due_date", "explanation")
       SELECT a."committee_id", a."id", 'reply',
              CASE WHEN a."status" IN ('replied', 'closed') THEN 'met' ELSE 'open' END,
              (a."assigned_at" AT TIME ZONE 'Asia/Shanghai')::date,
              CASE WHEN a."reply_due_explanation"->>'unit' = 'given' THEN NULL
                   ELSE jsonb_build_object('amount', (a."reply_due_explanation"->>'amount')::int, 'unit', a."reply_due_explanation"->>'unit') END,
              a."reply_due_date", a."reply_due_explanation"
       FROM "assignments" a`,
    );
    await queryRunner.query(
      `INSERT INTO "deadline_events" ("deadline_id", "kind", "to_date", "at") SELECT "id", 'set', "due_date", "created_at" FROM "deadlines"`,
    );
    await queryRunner.query(
      `UPDATE "reminders" r SET "deadline_id" = d."id", "point" = replace(r."point", 'reply-due-', 'reply-')
       FROM "deadlines" d WHERE d."assignment_id" = r."deadline_id" AND d."kind" = 'reply'`,
    );
    await queryRunner.query("ALTER TABLE \"assignments\" DROP COLUMN \"reply_due_date\"");
    await queryRunner.query("ALTER TABLE \"assignments\" DROP COLUMN \"reply_due_explanation\"");
    await queryRunner.query("ALTER TABLE \"cppcc_sessions\" ADD \"reminder_plan\" jsonb");
    await queryRunner.query(`UPDATE "cppcc_sessions" SET "reminder_plan" = '{"reply": {"daysBefore": [30, 15, 7, 0], "overdueEveryDays": 7, "supervisorAfterDays": 30}, "adjustment_window": {"daysBefore": [1]}, "first_contact": {"daysBefore": []}, "co_opinion": {"daysBefore": [7, 0]}, "feedback": {"daysBefore": [3]}}'::jsonb`);
    await queryRunner.query("ALTER TABLE \"cppcc_sessions\" ALTER COLUMN \"reminder_plan\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"proposals\" ADD \"deadline_rules\" jsonb");
    await queryRunner.query("CREATE INDEX \"IDX_fe34ce85b0d3b6b24d9034df09\" ON \"assignments\"  (\"committee_id\", \"unit_id\", \"status\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_reminder\" ON \"reminders\"  (\"deadline_id\", \"point\", \"due_date\") ");
    await queryRunner.query("ALTER TABLE \"deadlines\" ADD CONSTRAINT \"FK_44c5889cbcb735d817fc77bf243\" FOREIGN KEY (\"assignment_id\") REFERENCES \"assignments\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"deadline_events\" ADD CONSTRAINT \"FK_a6b74684390ece1585500d9f0c1\" FOREIGN KEY (\"deadline_id\") REFERENCES \"deadlines\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"extension_requests\" ADD CONSTRAINT \"FK_98e20ed4663fc8b7f6e5a6e1475\" FOREIGN KEY (\"assignment_id\") REFERENCES \"assignments\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"extension_requests\" DROP CONSTRAINT \"FK_98e20ed4663fc8b7f6e5a6e1475\"");
    await queryRunner.query("ALTER TABLE \"deadline_events\" DROP CONSTRAINT \"FK_a6b74684390ece1585500d9f0c1\"");
    await queryRunner.query("ALTER TABLE \"deadlines\" DROP CONSTRAINT \"FK_44c5889cbcb735d817fc77bf243\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_reminder\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_fe34ce85b0d3b6b24d9034df09\"");
    await queryRunner.query("ALTER TABLE \"proposals\" DROP COLUMN \"deadline_rules\"");
    await queryRunner.query("ALTER TABLE \"cppcc_sessions\" DROP COLUMN \"reminder_plan\"");
    await queryRunner.query("ALTER TABLE \"assignments\" ADD \"reply_due_explanation\" jsonb");
    await queryRunner.query("ALTER TABLE \"assignments\" ADD \"reply_due_date\" date");
    await queryRunner.query(
      `UPDATE "assignments" a SET "reply_due_date" = d."due_date", "reply_due_explanation" = d."explanation"
       FROM "deadlines" d WHERE d."assignment_id" = a."id" AND d."kind" = 'reply'`,
    );
    await queryRunner.query("ALTER TABLE \"assignments\" ALTER COLUMN \"reply_due_explanation\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"assignments\" ALTER COLUMN \"reply_due_date\" SET NOT NULL");
    await queryRunner.query(`DELETE FROM "reminders" r USING "deadlines" d WHERE d."id" = r."deadline_id" AND d."kind" <> 'reply'`);
    await queryRunner.query(
      `UPDATE "reminders" r SET "deadline_id" = d."assignment_id", "point" = replace(r."point", 'reply-', 'reply-due-')
       FROM "deadlines" d WHERE d."id" = r."deadline_id"`,
    );
    await queryRunner.query("DROP INDEX \"public\".\"IDX_c2fd89a73e4c073bd42f04e859\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_98e20ed4663fc8b7f6e5a6e147\"");
    await queryRunner.query("DROP TABLE \"extension_requests\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_2bf09b9532b7231941000dcfad\"");
    await queryRunner.query("DROP TABLE \"deadline_events\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_f25df1a13034d16ac6d0608017\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_e600c320771e5957ff632c908f\"");
    await queryRunner.query("DROP TABLE \"deadlines\"");
    await queryRunner.query("ALTER TABLE \"reminders\" RENAME COLUMN \"deadline_id\" TO \"assignment_id\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_reminder\" ON \"reminders\" USING btree (\"assignment_id\", \"point\", \"due_date\") ");
    await queryRunner.query("CREATE INDEX \"IDX_3247fa09a76f0d48c54536bdd0\" ON \"assignments\" USING btree (\"committee_id\", \"unit_id\", \"status\", \"reply_due_date\") ");
  }
}
