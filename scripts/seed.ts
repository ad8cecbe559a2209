/**
 * Loads the demo data (two committees, every role, the Anyang proposal 365 with its reply) and prints
 * the demo users. Safe to run twice: a committee that already exists is left alone.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditModule } from '#app/audit';
import { ActorResolver, AuthModule } from '#app/auth';
import { CoreModule, DatabaseModule, FixedClock, loadConfig, QueueModule } from '#app/core';
import { ANYANG, DEMO_PASSWORD, type DemoCommittee, LANZHOU, loadAnyang, loadLanzhou } from '#app/demo';
import { AssigningService, HandlingModule, HandlingService } from '#app/handling';
import { Committee, OrgModule, orgServicesOf } from '#app/org';
import { ProposalsModule, ProposalsService, ReviewService } from '#app/proposals';
import { RemindersService } from '#app/reminders';
import { RepliesModule, ReplyDispatchService, ReplyDraftingService, ReplyReviewService, ReplySignOffService } from '#app/replies';
import { FeedbackModule, RehandlingService } from '#app/feedback';
import { ImportsModule, ImportsService } from '#app/imports';
import { DATABASE_PARTS } from '#migrations';

const clock = new FixedClock(new Date());

@Module({
  imports: [
    CoreModule.withClock(clock),
    DatabaseModule.forRoot(DATABASE_PARTS),
    QueueModule.forRoot(),
    AuditModule,
    AuthModule,
    OrgModule,
    ProposalsModule,
    HandlingModule,
    RepliesModule,
    FeedbackModule,
    ImportsModule,
  ],
})
class SeedModule {}

function printUsers(demo: DemoCommittee): void {
  console.log(`\n${demo.name} (${demo.session.name})`);
  for (const user of demo.users) console.log(`  ${user.username.padEnd(14)} ${user.displayName.padEnd(10)} ${user.note}`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.isProduction) throw new Error('The demo seed refuses to run with NODE_ENV=production: it creates users with a known password.');
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const services = {
      dataSource,
      org: orgServicesOf(app),
      actors: app.get(ActorResolver),
      proposals: app.get(ProposalsService),
      review: app.get(ReviewService),
      assigning: app.get(AssigningService),
      handling: app.get(HandlingService),
      replyDrafting: app.get(ReplyDraftingService),
      replyReview: app.get(ReplyReviewService),
      replySignOff: app.get(ReplySignOffService),
      replyDispatch: app.get(ReplyDispatchService),
      rehandling: app.get(RehandlingService),
      imports: app.get(ImportsService),
      clock,
    };
    for (const [demo, load] of [
      [ANYANG, loadAnyang],
      [LANZHOU, loadLanzhou],
    ] as const) {
      if (await dataSource.getRepository(Committee).existsBy({ name: demo.name })) {
        console.log(`${demo.name}: demo data already loaded`);
      } else {
        await load(services);
        console.log(`${demo.name}: demo data loaded`);
      }
    }
    // History was replayed on its own dates; time the reminders still planned from today.
    clock.set(new Date());
    await app.get(RemindersService).rescheduleAllPlanned();
    printUsers(ANYANG);
    printUsers(LANZHOU);
    console.log(`\nEvery demo user's password: ${DEMO_PASSWORD}`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
