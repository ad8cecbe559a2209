import { Module } from '@nestjs/common';
import { OrgModule } from '#app/org';
import { ImportsService } from './imports.service.js';

/** Bulk import and export of a committee's spreadsheets (#21): the top of the lib stack. */
@Module({
  imports: [OrgModule],
  providers: [ImportsService],
  exports: [ImportsService],
})
export class ImportsModule {}
