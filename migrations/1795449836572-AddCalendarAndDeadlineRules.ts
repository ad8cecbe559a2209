import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The working-day calendar (national schedule + committee overrides) and per-session deadline rules.
 * Reviewed by hand: existing sessions keep their reply deadline as the `replyDue` rule, the other rules
 * take the DOMAIN.md defaults, and the State Council's schedules for 2024–2026 are loaded.
 */
export class AddCalendarAndDeadlineRules1795449836572 implements MigrationInterface {
  name = 'AddCalendarAndDeadlineRules1795449836572';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_days" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid, "date" date NOT NULL, "kind" character varying(10) NOT NULL, "name" character varying(40) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4e038bb33a6b17e98fee1f30ad9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_calendar_day_committee" ON "calendar_days"  ("committee_id", "date") WHERE committee_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_calendar_day_national" ON "calendar_days"  ("date") WHERE committee_id IS NULL`);
    await queryRunner.query(
      `ALTER TABLE "calendar_days" ADD CONSTRAINT "FK_5c75197cdb6ad8f2d6a408515ab" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "cppcc_sessions" ADD "deadline_rules" jsonb`);
    await queryRunner.query(`UPDATE "cppcc_sessions" SET "deadline_rules" = jsonb_build_object('replyDue', jsonb_build_object('amount', reply_due_months, 'unit', 'calendar_months'), 'adjustmentWindow', jsonb_build_object('amount', 5, 'unit', 'working_days'), 'coUnitOpinion', jsonb_build_object('amount', 1, 'unit', 'calendar_months'), 'firstContact', jsonb_build_object('amount', 15, 'unit', 'working_days'), 'feedbackWindow', jsonb_build_object('amount', 15, 'unit', 'working_days'), 'rehandling', jsonb_build_object('amount', 3, 'unit', 'calendar_months'))`);
    await queryRunner.query(`ALTER TABLE "cppcc_sessions" ALTER COLUMN "deadline_rules" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "cppcc_sessions" DROP COLUMN "reply_due_months"`);
    // 国务院办公厅关于2024、2025、2026年部分节假日安排的通知
    await queryRunner.query(
      `INSERT INTO "calendar_days" ("date", "kind", "name") VALUES
        ('2024-01-01', 'holiday', '元旦'), ('2024-02-10', 'holiday', '春节'), ('2024-02-11', 'holiday', '春节'), ('2024-02-12', 'holiday', '春节'), ('2024-02-13', 'holiday', '春节'), ('2024-02-14', 'holiday', '春节'), ('2024-02-15', 'holiday', '春节'), ('2024-02-16', 'holiday', '春节'),
        ('2024-02-17', 'holiday', '春节'), ('2024-02-04', 'workday', '春节调休上班'), ('2024-02-18', 'workday', '春节调休上班'), ('2024-04-04', 'holiday', '清明节'), ('2024-04-05', 'holiday', '清明节'), ('2024-04-06', 'holiday', '清明节'), ('2024-04-07', 'workday', '清明节调休上班'), ('2024-05-01', 'holiday', '劳动节'),
        ('2024-05-02', 'holiday', '劳动节'), ('2024-05-03', 'holiday', '劳动节'), ('2024-05-04', 'holiday', '劳动节'), ('2024-05-05', 'holiday', '劳动节'), ('2024-04-28', 'workday', '劳动节调休上班'), ('2024-05-11', 'workday', '劳动节调休上班'), ('2024-06-08', 'holiday', '端午节'), ('2024-06-09', 'holiday', '端午节'),
        ('2024-06-10', 'holiday', '端午节'), ('2024-09-15', 'holiday', '中秋节'), ('2024-09-16', 'holiday', '中秋节'), ('2024-09-17', 'holiday', '中秋节'), ('2024-09-14', 'workday', '中秋节调休上班'), ('2024-10-01', 'holiday', '国庆节'), ('2024-10-02', 'holiday', '国庆节'), ('2024-10-03', 'holiday', '国庆节'),
        ('2024-10-04', 'holiday', '国庆节'), ('2024-10-05', 'holiday', '国庆节'), ('2024-10-06', 'holiday', '国庆节'), ('2024-10-07', 'holiday', '国庆节'), ('2024-09-29', 'workday', '国庆节调休上班'), ('2024-10-12', 'workday', '国庆节调休上班'), ('2025-01-01', 'holiday', '元旦'), ('2025-01-28', 'holiday', '春节'),
        ('2025-01-29', 'holiday', '春节'), ('2025-01-30', 'holiday', '春节'), ('2025-01-31', 'holiday', '春节'), ('2025-02-01', 'holiday', '春节'), ('2025-02-02', 'holiday', '春节'), ('2025-02-03', 'holiday', '春节'), ('2025-02-04', 'holiday', '春节'), ('2025-01-26', 'workday', '春节调休上班'),
        ('2025-02-08', 'workday', '春节调休上班'), ('2025-04-04', 'holiday', '清明节'), ('2025-04-05', 'holiday', '清明节'), ('2025-04-06', 'holiday', '清明节'), ('2025-05-01', 'holiday', '劳动节'), ('2025-05-02', 'holiday', '劳动节'), ('2025-05-03', 'holiday', '劳动节'), ('2025-05-04', 'holiday', '劳动节'),
        ('2025-05-05', 'holiday', '劳动节'), ('2025-04-27', 'workday', '劳动节调休上班'), ('2025-05-31', 'holiday', '端午节'), ('2025-06-01', 'holiday', '端午节'), ('2025-06-02', 'holiday', '端午节'), ('2025-10-01', 'holiday', '国庆节、中秋节'), ('2025-10-02', 'holiday', '国庆节、中秋节'), ('2025-10-03', 'holiday', '国庆节、中秋节'),
        ('2025-10-04', 'holiday', '国庆节、中秋节'), ('2025-10-05', 'holiday', '国庆节、中秋节'), ('2025-10-06', 'holiday', '国庆节、中秋节'), ('2025-10-07', 'holiday', '国庆节、中秋节'), ('2025-10-08', 'holiday', '国庆节、中秋节'), ('2025-09-28', 'workday', '国庆节、中秋节调休上班'), ('2025-10-11', 'workday', '国庆节、中秋节调休上班'), ('2026-01-01', 'holiday', '元旦'),
        ('2026-01-02', 'holiday', '元旦'), ('2026-01-03', 'holiday', '元旦'), ('2026-01-04', 'workday', '元旦调休上班'), ('2026-02-15', 'holiday', '春节'), ('2026-02-16', 'holiday', '春节'), ('2026-02-17', 'holiday', '春节'), ('2026-02-18', 'holiday', '春节'), ('2026-02-19', 'holiday', '春节'),
        ('2026-02-20', 'holiday', '春节'), ('2026-02-21', 'holiday', '春节'), ('2026-02-22', 'holiday', '春节'), ('2026-02-23', 'holiday', '春节'), ('2026-02-14', 'workday', '春节调休上班'), ('2026-02-28', 'workday', '春节调休上班'), ('2026-04-04', 'holiday', '清明节'), ('2026-04-05', 'holiday', '清明节'),
        ('2026-04-06', 'holiday', '清明节'), ('2026-05-01', 'holiday', '劳动节'), ('2026-05-02', 'holiday', '劳动节'), ('2026-05-03', 'holiday', '劳动节'), ('2026-05-04', 'holiday', '劳动节'), ('2026-05-05', 'holiday', '劳动节'), ('2026-05-09', 'workday', '劳动节调休上班'), ('2026-06-19', 'holiday', '端午节'),
        ('2026-06-20', 'holiday', '端午节'), ('2026-06-21', 'holiday', '端午节'), ('2026-09-25', 'holiday', '中秋节'), ('2026-09-26', 'holiday', '中秋节'), ('2026-09-27', 'holiday', '中秋节'), ('2026-10-01', 'holiday', '国庆节'), ('2026-10-02', 'holiday', '国庆节'), ('2026-10-03', 'holiday', '国庆节'),
        ('2026-10-04', 'holiday', '国庆节'), ('2026-10-05', 'holiday', '国庆节'), ('2026-10-06', 'holiday', '国庆节'), ('2026-10-07', 'holiday', '国庆节'), ('2026-09-20', 'workday', '国庆节调休上班'), ('2026-10-10', 'workday', '国庆节调休上班')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cppcc_sessions" ADD "reply_due_months" integer NOT NULL DEFAULT 3`);
    await queryRunner.query(
      `UPDATE "cppcc_sessions" SET "reply_due_months" = ("deadline_rules"->'replyDue'->>'amount')::int WHERE "deadline_rules"->'replyDue'->>'unit' = 'calendar_months'`,
    );
    await queryRunner.query(`ALTER TABLE "cppcc_sessions" DROP COLUMN "deadline_rules"`);
    await queryRunner.query(`DROP TABLE "calendar_days"`);
  }
}
