import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The domain-event outbox (#18, ADR 17): a row per event written in the transaction of its change; the
 * publishing process runs the reactions after commit and the worker drains those left unprocessed. The
 * partial index serves the drain, which only ever looks at unprocessed events that are due.
 */
export class DomainEvents1795530300000 implements MigrationInterface {
  name = 'DomainEvents1795530300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "domain_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid, "type" character varying(80) NOT NULL, "payload" jsonb NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, CONSTRAINT "PK_domain_events_id" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_domain_events_due" ON "domain_events" ("next_attempt_at") WHERE processed_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_domain_events_due"');
    await queryRunner.query('DROP TABLE "domain_events"');
  }
}
