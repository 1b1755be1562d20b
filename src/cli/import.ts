/**
 * Imports shipments or tracking events from CSV / XLSX through the ParcelDesk API:
 *   npx tsx src/cli/import.ts --url http://127.0.0.1:3000 --api-key pd_… shipments.xlsx
 *   npx tsx src/cli/import.ts --url … --api-key … --events events.csv
 * (after a build: node dist/src/cli/import.js …). --help lists the options and the columns.
 */
import { consoleIo, ignoreClosedPipes } from './args.js';
import { importCommand } from './import-command.js';

ignoreClosedPipes();
process.exitCode = await importCommand(process.argv.slice(2), consoleIo);
