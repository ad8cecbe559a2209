/**
 * Writes the Anyang demo's workbooks (libs/demo/seeds/anyang-units.xlsx, anyang-history-2020.xlsx) from
 * demo-proposal-history.ts, in the import templates' shape. Run once when the demo history changes
 * (`npx tsc -p tsconfig.build.json && node dist/scripts/demo-workbooks.js`) and commit the files: the
 * seed loads them through the import (#21); test/imports.e2e-spec.ts checks they match the list.
 */
import { writeFileSync } from 'node:fs';
import { ANYANG_HISTORY_MEMBERS, ANYANG_HISTORY_SESSION, ANYANG_HISTORY_WORKBOOK, ANYANG_UNITS_WORKBOOK, historyProposalRows, historyUnitRows, seedPath } from '#app/demo';
import { buildImportWorkbook, ImportKind } from '#app/imports';

const units = await buildImportWorkbook(ImportKind.Units, historyUnitRows());
const history = await buildImportWorkbook(ImportKind.History, historyProposalRows(ANYANG_HISTORY_SESSION, ANYANG_HISTORY_MEMBERS.map(([username]) => username)));
writeFileSync(seedPath(ANYANG_UNITS_WORKBOOK), units);
writeFileSync(seedPath(ANYANG_HISTORY_WORKBOOK), history);
console.log(`${seedPath(ANYANG_UNITS_WORKBOOK)}: ${units.length} bytes; ${seedPath(ANYANG_HISTORY_WORKBOOK)}: ${history.length} bytes`);
