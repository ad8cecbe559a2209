import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox of e-mail and SMS notices (`notification_deliveries`). Written by hand from the schema
 * builder's output for this table only (other entity changes were in the work tree at the time).
 */
export class AddNotificationDeliveries1795450187286 implements MigrationInterface {
  name = 'AddNotificationDeliveries1795450187286';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notification_id" uuid NOT NULL, "channel" character varying(10) NOT NULL, "address" character varying(254) NOT NULL, "status" character varying(10) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error" character varying(1000), "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_81daeff81f237bd384f7cfc4a4c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0aeeb551bb72c6c9e46b007b3c" ON "notification_deliveries"  ("status", "next_attempt_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_notification_delivery" ON "notification_deliveries"  ("notification_id", "channel") `);
    await queryRunner.query(
      `ALTER TABLE "notification_deliveries" ADD CONSTRAINT "FK_435486b970fffc3e33a7450ee97" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_deliveries" DROP CONSTRAINT "FK_435486b970fffc3e33a7450ee97"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notification_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0aeeb551bb72c6c9e46b007b3c"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
  }
}
