/**
 * Simulated traffic against a running ParcelDesk:
 *   npx tsx src/cli/simulate.ts --url http://127.0.0.1:3000 --api-key pd_… --shipments 2000 --seed 7
 * (after a build: node dist/src/cli/simulate.js …). --help lists the options.
 */
import { consoleIo, ignoreClosedPipes } from './args.js';
import { simulateCommand } from './simulate-command.js';

ignoreClosedPipes();
process.exitCode = await simulateCommand(process.argv.slice(2), consoleIo);
