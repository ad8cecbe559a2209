import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * JIT off for every session of the application's database. PostgreSQL compiles a plan to machine code
 * when its estimated cost passes `jit_above_cost`; this application's statements are short, and the ones
 * whose estimates pass the threshold lose far more to compiling than they gain: the audit writer's
 * chain lookup for a 交办会's ~6,000 entries spent 374 ms of 526 ms compiling (measured on the
 * 1,000,000-proposal bench database), the live statistics 5.8 s of 8.8 s (ADR 10).
 *
 * A database-level setting applies to every new session (through PgBouncer too) without a statement per
 * transaction. It needs the database's owner: a migration run by another role leaves a notice and the
 * setting to the administrator (docs/deployment.md).
 */
export class JitOff1795520200000 implements MigrationInterface {
  name = 'JitOff1795520200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $$
      BEGIN
        EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'jit stays on: run ALTER DATABASE % SET jit = off as its owner (docs/deployment.md)', current_database();
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET jit', current_database()); END $$`);
  }
}
