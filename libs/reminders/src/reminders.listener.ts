import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '#app/core';
import { RemindersPlannedEvent } from './reminders.events.js';
import { RemindersService } from './reminders.service.js';

/**
 * Schedules planned reminders after the planning transaction commits. Safe to run twice: a reminder's job
 * id is its own (`reminderJobId`), and a job firing for a row no longer planned does nothing.
 */
@Injectable()
export class RemindersListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly reminders: RemindersService,
  ) {}

  onModuleInit(): void {
    this.events.on(RemindersPlannedEvent, 'reminders.schedule', ({ payload }) =>
      this.reminders.schedule(payload.reminders.map(({ id, fireAt }) => ({ id, fireAt: new Date(fireAt) }))),
    );
  }
}
