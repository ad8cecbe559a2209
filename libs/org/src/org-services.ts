import type { INestApplicationContext } from '@nestjs/common';
import { OrgService } from './org.service.js';
import { SessionsService } from './sessions.service.js';
import { UnitsService } from './units.service.js';

/** The org services together, for setting up a whole committee at once (demo data, seeding, tests). */
export interface OrgServices {
  users: OrgService;
  units: UnitsService;
  sessions: SessionsService;
}

export function orgServicesOf(app: INestApplicationContext): OrgServices {
  return { users: app.get(OrgService), units: app.get(UnitsService), sessions: app.get(SessionsService) };
}
