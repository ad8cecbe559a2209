import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions that end at once (#16): a `sessions` row per login, whose id is the refresh-token family and
 * the access token's `sid`. The actor resolver reads it in its one statement per request.
 *
 * Two triggers end sessions whatever code path causes it, so no writer can forget: removing a user's
 * last membership (`no-membership`) and deactivating a user (`deactivated`, users.active turning false).
 * They stamp `now()`, the time of the changing transaction.
 *
 * Existing refresh-token families become sessions (ended when none of their tokens is still usable);
 * access tokens issued before carry no `sid` and are refused, so everyone signs in once more.
 */
export class Sessions1795530100000 implements MigrationInterface {
  name = 'Sessions1795530100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"sessions\" (\"id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"ended_at\" TIMESTAMP WITH TIME ZONE, \"end_reason\" character varying(32), CONSTRAINT \"PK_3238ef96f18b355b671619111bc\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_085d540d9f418cfbdc7bd55bb1\" ON \"sessions\"  (\"user_id\") ");
    await queryRunner.query("ALTER TABLE \"sessions\" ADD CONSTRAINT \"FK_085d540d9f418cfbdc7bd55bb19\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query(`INSERT INTO "sessions" ("id", "user_id", "created_at", "ended_at", "end_reason")
      SELECT t.family_id, (array_agg(t.user_id))[1], min(t.created_at),
             CASE WHEN bool_or(t.revoked_at IS NULL AND t.used_at IS NULL AND t.expires_at > now()) THEN NULL ELSE now() END,
             CASE WHEN bool_or(t.revoked_at IS NULL AND t.used_at IS NULL AND t.expires_at > now()) THEN NULL ELSE 'expired' END
      FROM "refresh_tokens" t GROUP BY t.family_id`);
    await queryRunner.query("ALTER TABLE \"refresh_tokens\" ADD CONSTRAINT \"FK_d5e27da0cd39bc3bb2811fc8bac\" FOREIGN KEY (\"family_id\") REFERENCES \"sessions\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");

    await queryRunner.query(`CREATE FUNCTION sessions_end_without_membership() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE sessions s SET ended_at = now(), end_reason = 'no-membership'
        WHERE s.user_id = OLD.user_id AND s.ended_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = OLD.user_id);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER memberships_end_sessions AFTER DELETE OR UPDATE OF user_id ON "memberships"
      FOR EACH ROW EXECUTE FUNCTION sessions_end_without_membership()`);
    await queryRunner.query(`CREATE FUNCTION sessions_end_when_deactivated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE sessions SET ended_at = now(), end_reason = 'deactivated' WHERE user_id = NEW.id AND ended_at IS NULL;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER users_end_sessions AFTER UPDATE OF active ON "users"
      FOR EACH ROW WHEN (OLD.active AND NOT NEW.active) EXECUTE FUNCTION sessions_end_when_deactivated()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER users_end_sessions ON "users"');
    await queryRunner.query('DROP FUNCTION sessions_end_when_deactivated()');
    await queryRunner.query('DROP TRIGGER memberships_end_sessions ON "memberships"');
    await queryRunner.query('DROP FUNCTION sessions_end_without_membership()');
    await queryRunner.query("ALTER TABLE \"refresh_tokens\" DROP CONSTRAINT \"FK_d5e27da0cd39bc3bb2811fc8bac\"");
    await queryRunner.query("ALTER TABLE \"sessions\" DROP CONSTRAINT \"FK_085d540d9f418cfbdc7bd55bb19\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_085d540d9f418cfbdc7bd55bb1\"");
    await queryRunner.query("DROP TABLE \"sessions\"");
  }
}
