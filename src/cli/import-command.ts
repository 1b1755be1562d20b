/**
 * `import`: shipments or tracking events from a CSV or XLSX file, through the same HTTP endpoints
 * every client uses (POST /api/shipments, POST /api/tracking/events), so an import gets the same
 * validation, API-key auth and audit as everything else — it never writes to the database itself.
 * Rows with problems are reported by row number and not sent; the good rows are sent in batches.
 */
import path from 'node:path';
import { ApiError, ParcelDeskClient, MAX_EVENTS_PER_REQUEST, MAX_SHIPMENTS_PER_REQUEST } from '../simulator/api-client.js';
import { apiKey, numberFlag, parseFlags, plural, serverUrl, UsageError, type CommandIo } from './args.js';
import {
  duplicateWaybills,
  eventFromRow,
  EVENT_COLUMNS,
  headerProblems,
  mapRows,
  REQUIRED_EVENT_COLUMNS,
  REQUIRED_SHIPMENT_COLUMNS,
  SHIPMENT_COLUMNS,
  shipmentFromRow,
  type ImportKind,
  type RowProblem,
} from './import-rows.js';
import { readTable, TableError } from './read-table.js';

const required = (columns: readonly string[], needed: readonly string[]) => columns.map((c) => (needed.includes(c) ? `${c}*` : c)).join(', ');

export const IMPORT_USAGE = `Usage: npx tsx src/cli/import.ts --url http://127.0.0.1:3000 --api-key pd_… shipments.csv|.xlsx
       npx tsx src/cli/import.ts --url … --api-key … --events events.csv|.xlsx

Reads rows (header row first), checks each, and sends the good ones through the API in batches.
Problems are printed by row number (the header is row 1); rows with problems are not sent.

  --url URL            the ParcelDesk server (or PARCELDESK_URL)
  --api-key KEY        an integration API key, pd_… (or PARCELDESK_API_KEY)
  FILE | --shipments FILE   shipments to register
  --events FILE        tracking events to store (after the shipments when both are given)
  --sheet NAME|N       the XLSX sheet to read (default: the first)
  --time-zone ZONE     zone of times written without an offset (default TZ_COMPANY or Asia/Shanghai)
  --batch-size N       rows per request (default and most: 1000 shipments, 5000 events)
  --dry-run            check the file only; send nothing
  --help               this text

Shipment columns (* required): ${required(SHIPMENT_COLUMNS, REQUIRED_SHIPMENT_COLUMNS)}
  payment_term: 寄付/到付/月结 or sender_pays/collect/monthly; money in fen (分), weight in grams.
Event columns: ${required(EVENT_COLUMNS, REQUIRED_EVENT_COLUMNS)}
  status/sub_status in ParcelDesk's vocabulary (in_transit/arrived, delivered/self …).
Exit code: 0 every row imported, 1 some rows had problems or were refused, 2 wrong usage.`;

const FLAGS = {
  url: { type: 'string' },
  'api-key': { type: 'string' },
  shipments: { type: 'string' },
  events: { type: 'string' },
  sheet: { type: 'string' },
  'time-zone': { type: 'string' },
  'batch-size': { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

export interface FileReport {
  file: string;
  kind: ImportKind;
  rows: number;
  valid: number;
  problems: RowProblem[];
  /** shipments registered, or events stored (null on a dry run or when the file could not be read) */
  imported: number | null;
  duplicates: number;
  exceptionsRaised: number;
  requests: number;
}

interface Job {
  kind: ImportKind;
  file: string;
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

async function importFile(job: Job, options: { client: ParcelDeskClient | null; sheet?: string; timeZone: string; batchSize?: number }, io: CommandIo): Promise<FileReport> {
  const name = path.basename(job.file);
  const report: FileReport = { file: name, kind: job.kind, rows: 0, valid: 0, problems: [], imported: null, duplicates: 0, exceptionsRaised: 0, requests: 0 };
  const table = await readTable(job.file, options.sheet === undefined ? {} : { sheet: options.sheet });
  const header = headerProblems(table.columns, job.kind);
  if (header.length) {
    report.problems = header.map((message) => ({ row: 1, message }));
    return report;
  }

  const mapped =
    job.kind === 'shipments' ? mapRows(table.rows, shipmentFromRow) : mapRows(table.rows, (row) => eventFromRow(row, { timeZone: options.timeZone }));
  report.rows = table.rows.length - mapped.empty;
  const duplicates = job.kind === 'shipments' ? duplicateWaybills(mapped.items as { row: number; value: { waybillNo: string } }[]) : [];
  const skipped = new Set(duplicates.map((d) => d.row));
  const items = mapped.items.filter((i) => !skipped.has(i.row));
  report.problems = [...mapped.problems, ...duplicates].sort((a, b) => a.row - b.row);
  report.valid = items.length;
  if (!options.client || items.length === 0) {
    if (options.client) report.imported = 0;
    return report;
  }

  if (job.kind === 'shipments') {
    const values = items.map((i) => i.value) as Parameters<ParcelDeskClient['registerShipments']>[0];
    const totals = await options.client.registerShipments(values, options.batchSize ?? MAX_SHIPMENTS_PER_REQUEST);
    report.imported = totals.registered;
    report.requests = totals.requests;
    // A region remark: registered all the same, the server only cannot promise a time yet.
    for (const r of totals.rejected) {
      if (r.code === 'SHIPMENT_TEXT_INVALID') report.problems.push({ row: items[r.index]!.row, message: `refused by the server: ${r.reason}` });
      else io.err(`${name} row ${items[r.index]!.row}: registered, but ${r.reason}`);
    }
    report.problems.sort((a, b) => a.row - b.row);
  } else {
    const values = items.map((i) => i.value) as Parameters<ParcelDeskClient['sendEvents']>[0];
    const totals = await options.client.sendEvents(values, options.batchSize ?? MAX_EVENTS_PER_REQUEST);
    report.imported = totals.stored;
    report.duplicates = totals.duplicates;
    report.exceptionsRaised = totals.exceptionsRaised;
    report.requests = totals.requests;
    report.problems.push(...totals.rejected.map((r) => ({ row: items[r.index]!.row, message: `refused by the server: ${r.reason}` })));
    report.problems.sort((a, b) => a.row - b.row);
  }
  return report;
}

function totalsLine(r: FileReport, dryRun: boolean): string {
  const checked = `${r.file}: ${plural(r.rows, 'row')}, ${r.valid} valid, ${r.rows - r.valid} with problems`;
  if (r.rows === 0 && r.problems.length) return `${r.file}: not imported (${r.problems.length} problems with the header)`;
  if (dryRun) return `${checked}; nothing sent (--dry-run)`;
  if (r.kind === 'shipments') return `${checked}; ${plural(r.imported ?? 0, 'shipment')} registered in ${plural(r.requests, 'request')}`;
  return (
    `${checked}; ${plural(r.valid, 'event')} sent: ${r.imported ?? 0} stored, ${r.duplicates} duplicates, ` +
    `${plural(r.exceptionsRaised, 'exception')} raised, in ${plural(r.requests, 'request')}`
  );
}

/** Runs the command; returns the exit code (0 all imported, 1 problems, 2 wrong usage). */
export async function importCommand(argv: string[], io: CommandIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let jobs: Job[];
  let settings: { client: ParcelDeskClient | null; sheet?: string; timeZone: string; batchSize?: number; dryRun: boolean };
  try {
    const { values, positionals } = parseFlags(argv, FLAGS);
    if (values.help) {
      io.out(IMPORT_USAGE);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError(`one shipments file at a time, got ${positionals.length}: ${positionals.join(' ')}`);
    if (positionals.length && values.shipments) throw new UsageError('give the shipments file once: as an argument or with --shipments');
    const shipmentsFile = values.shipments ?? positionals[0];
    jobs = [
      ...(shipmentsFile ? [{ kind: 'shipments' as const, file: shipmentsFile }] : []),
      ...(values.events ? [{ kind: 'events' as const, file: values.events }] : []),
    ];
    if (jobs.length === 0) throw new UsageError('name a file: shipments.csv, or --events events.csv');
    for (const job of jobs) {
      if (!/\.(csv|txt|xlsx)$/i.test(job.file)) throw new UsageError(`${job.file}: expected a .csv or .xlsx file`);
    }
    const timeZone = values['time-zone'] ?? env.TZ_COMPANY ?? 'Asia/Shanghai';
    if (!validTimeZone(timeZone)) throw new UsageError(`--time-zone "${timeZone}" is not a known time zone (e.g. Asia/Shanghai)`);
    const limit = jobs.some((j) => j.kind === 'shipments') ? MAX_SHIPMENTS_PER_REQUEST : MAX_EVENTS_PER_REQUEST;
    const batchSize = numberFlag('batch-size', values['batch-size'], { min: 1, max: limit, integer: true });
    const dryRun = values['dry-run'] === true;
    settings = {
      client: dryRun ? null : new ParcelDeskClient({ baseUrl: serverUrl(values.url, env), apiKey: apiKey(values['api-key'], env) }),
      ...(values.sheet === undefined ? {} : { sheet: values.sheet }),
      timeZone,
      ...(batchSize === undefined ? {} : { batchSize }),
      dryRun,
    };
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`import: ${err.message}`);
    io.err('Run with --help for the options and columns.');
    return 2;
  }

  const reports: FileReport[] = [];
  let failed = false;
  for (const job of jobs) {
    try {
      const report = await importFile(job, settings, io);
      reports.push(report);
      for (const p of report.problems) io.err(`${report.file} row ${p.row}: ${p.message}`);
      io.out(totalsLine(report, settings.dryRun));
      if (report.problems.length) failed = true;
    } catch (err) {
      failed = true;
      if (err instanceof TableError) io.err(`import: ${err.message}`);
      else if (err instanceof ApiError) {
        const hint = err.status === 401 ? ' (is the API key right, and not revoked?)' : err.status === 403 ? ' (the key needs the integration role)' : '';
        const file = path.basename(job.file);
        io.err(err.status === 0 ? `import: ${file}: ${err.message}` : `import: ${file}: the server refused: ${err.status} ${err.code}: ${err.message}${hint}`);
        for (const d of err.details.slice(0, 5)) io.err(`  ${d.path}: ${d.rule}`);
      } else throw err;
      // Events for shipments that could not be registered would only make placeholders.
      break;
    }
  }
  io.out(JSON.stringify({ dryRun: settings.dryRun, files: reports.map((r) => ({ ...r, problems: r.problems.length })) }));
  return failed ? 1 : 0;
}
