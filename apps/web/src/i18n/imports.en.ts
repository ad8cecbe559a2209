import type { en } from './en';

/** The import screens in English: the same keys as imports.zh.ts (en.ts's type checks them). */
export const importsEn: (typeof en)['imports'] = {
  title: 'Import',
  intro: 'Download the template, fill it in and upload it: every row is checked first (nothing is written), then you confirm. Importing the same file again creates nothing twice.',
  kinds: { members: 'Members', units: 'Units', users: 'Users', history: 'Past proposals', paper: 'Paper proposals' },
  kindHelp: {
    members: 'name, sector (界别), phone, e-mail, username (or the phone)',
    units: 'name, kind, parent unit, document prefix, field of work, remit keywords, contacts',
    users: 'username, name, phone, e-mail, roles (unit roles with their unit)',
    history: 'a past session’s proposals with their assignment, reply date, grade and satisfaction: for statistics, similar proposals and unit recommendation',
    paper: 'paper proposals received during the plenary session, entered by staff for their members (with co-signers)',
  },
  template: 'Download the template',
  export: 'Export current data',
  file: 'Choose an Excel file (.xlsx)',
  fileChosen: 'Chosen: {{name}} ({{size}})',
  check: 'Check (writes nothing)',
  uploading: 'Uploading {{name}}',
  checking: 'Checking…',
  summary: '{{rows}} rows: {{created}} new, {{updated}} changed, {{unchanged}} unchanged',
  problemsTitle: '{{count}} problems found: correct the file and upload it again',
  noProblems: 'No problems found: ready to import.',
  columns: { row: 'Row', column: 'Column', message: 'Problem' },
  confirm: 'Confirm the import',
  confirmHint: 'The import is one transaction: everything is written, or nothing.',
  done: 'Imported: {{created}} new, {{updated}} changed, {{unchanged}} unchanged',
  sha: 'File SHA-256: {{sha}}',
  links: 'Records created or changed',
  again: 'Import another file',
};
