/**
 * `simulate`: generates seeded traffic and feeds it to a ParcelDesk server through its API.
 * The command file (simulate.ts) only runs this; tests call it with their own output.
 */
import {
  DEFAULT_SHARES,
  generateTraffic,
  runSimulator,
  summarizeTraffic,
  trafficOptionProblems,
  type SimulatorOptions,
  type TrafficShares,
} from '../simulator/index.js';
import { ApiError } from '../simulator/api-client.js';
import { apiKey, numberFlag, parseFlags, plural, serverUrl, timeFlag, UsageError, type CommandIo } from './args.js';

export const SIMULATE_USAGE = `Usage: npx tsx src/cli/simulate.ts --url http://127.0.0.1:3000 --api-key pd_… [options]

Generates shipments and their scans (deterministic for a seed) and sends them through
POST /api/shipments and POST /api/tracking/events.

  --url URL              the ParcelDesk server (or PARCELDESK_URL)
  --api-key KEY          an integration API key, pd_… (or PARCELDESK_API_KEY)
  --shipments N          how many shipments (default 1000)
  --seed N               the seed (default 1); the same seed, count, shares, start and --now
                         give the same traffic, so a replay stores nothing new
  --days N               stories start up to N days before now (default 30; lost parcels need 11+)
  --start TIME           or the earliest start as an ISO time
  --now TIME             the simulated present (default: the current minute); pass the printed
                         value (and --start) again to replay a run exactly
  --batch-size N         events per request, at most 5000 (default 5000)
  --delayed S  --damaged S  --lost S  --refused S  --returned S  --not-collected S  --failed-attempt S
                         the share (0–1) of shipments on each failure branch
                         (defaults ${Object.entries(DEFAULT_SHARES).map(([k, v]) => `${k} ${v}`).join(', ')})
  --dry-run              generate and summarise only; send nothing (no --url or --api-key needed)
  --help                 this text`;

const SHARE_FLAGS: Record<string, keyof TrafficShares> = {
  delayed: 'delayed',
  damaged: 'damaged',
  lost: 'lost',
  refused: 'refused',
  returned: 'returned',
  'not-collected': 'notCollected',
  'failed-attempt': 'failedAttempt',
};

const FLAGS = {
  url: { type: 'string' },
  'api-key': { type: 'string' },
  shipments: { type: 'string' },
  seed: { type: 'string' },
  days: { type: 'string' },
  start: { type: 'string' },
  now: { type: 'string' },
  'batch-size': { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean' },
  ...Object.fromEntries(Object.keys(SHARE_FLAGS).map((flag) => [flag, { type: 'string' }])),
} as const;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function counts(record: Record<string, number>): string {
  return Object.entries(record)
    .sort(([, a], [, b]) => b - a)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** Runs the command; returns the exit code (0 done, 1 the run failed, 2 wrong usage). */
export async function simulateCommand(argv: string[], io: CommandIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options: SimulatorOptions & { dryRun: boolean };
  try {
    const { values, positionals } = parseFlags(argv, FLAGS);
    if (values.help) {
      io.out(SIMULATE_USAGE);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const dryRun = values['dry-run'] === true;
    const nowFlag = timeFlag('now', values.now as string | undefined);
    const now = nowFlag ?? new Date(Math.floor(Date.now() / 60_000) * 60_000);
    if (values.start !== undefined && values.days !== undefined) throw new UsageError('give --start or --days, not both');
    const days = numberFlag('days', values.days as string | undefined, { min: 1, max: 360 }) ?? 30;
    const start = timeFlag('start', values.start as string | undefined) ?? new Date(now.getTime() - days * 86_400_000);
    const shares: Partial<TrafficShares> = {};
    for (const [flag, key] of Object.entries(SHARE_FLAGS)) {
      const value = numberFlag(flag, values[flag as keyof typeof values] as string | undefined, { min: 0, max: 1 });
      if (value !== undefined) shares[key] = value;
    }
    options = {
      dryRun,
      baseUrl: dryRun ? '' : serverUrl(values.url as string | undefined, env),
      apiKey: dryRun ? '' : apiKey(values['api-key'] as string | undefined, env),
      shipments: numberFlag('shipments', values.shipments as string | undefined, { min: 1, max: 200_000, integer: true }) ?? 1000,
      seed: numberFlag('seed', values.seed as string | undefined, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }) ?? 1,
      batchSize: numberFlag('batch-size', values['batch-size'] as string | undefined, { min: 1, max: 5000, integer: true }) ?? 5000,
      start,
      now,
      shares,
    };
    // The generator's own checks (start before now, shares adding up to at most 1) as usage errors.
    const problems = trafficOptionProblems(options);
    if (problems.length) throw new UsageError(problems.join('; '));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`simulate: ${err.message}`);
    io.err('Run with --help for the options.');
    return 2;
  }

  if (options.dryRun) {
    const summary = summarizeTraffic(generateTraffic(options));
    io.out(
      `Generated ${summary.shipments} shipments and ${summary.events} events (seed ${options.seed}, now ${options.now.toISOString()}); ` +
        `last scan: ${counts(summary.byFinalStatus)}; nothing sent (--dry-run)`,
    );
    io.out(JSON.stringify({ seed: options.seed, start: options.start.toISOString(), now: options.now.toISOString(), dryRun: true, summary }));
    return 0;
  }

  try {
    const run = await runSimulator(options);
    io.out(
      `Simulated ${run.shipments.generated} shipments (seed ${run.seed}, now ${run.now}): ${run.shipments.registered} registered; ` +
        `${run.events.sent} events sent, ${run.events.stored} stored, ${run.events.duplicates} duplicates, ${run.events.rejected} rejected; ` +
        `${plural(run.events.exceptionsRaised, 'exception')} raised; ${plural(run.requests, 'request')} in ${seconds(run.elapsedMs)}`,
    );
    io.out(JSON.stringify(run));
    if (run.summary.notAnchored) {
      io.err(`simulate: ${run.summary.notAnchored} stories needed a longer window than --days/--start allows and may not show their failure`);
    }
    for (const problem of run.problems) io.err(`simulate: server remark: ${problem}`);
    return 0;
  } catch (err) {
    if (err instanceof ApiError) {
      const hint = err.status === 401 ? ' (is the API key right, and not revoked?)' : err.status === 403 ? ' (the key needs the integration role)' : '';
      io.err(err.status === 0 ? `simulate: ${err.message}` : `simulate: the server refused: ${err.status} ${err.code}: ${err.message}${hint}`);
      for (const d of err.details.slice(0, 5)) io.err(`  ${d.path}: ${d.rule}`);
      return 1;
    }
    throw err;
  }
}
