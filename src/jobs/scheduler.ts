/**
 * The job system: pg-boss on the same database (PGlite through its adapter, or PostgreSQL). Jobs
 * load facts, call the module that knows the rules, and persist; nothing clever happens here.
 *
 * - tracking-clock        every minute: exceptions that arise by time passing (only due shipments)
 * - notifications-dispatch every minute: the outbox through the channel adapters
 * - tracking-partitions   daily: monthly partitions for the coming months
 * - tracking-retention    daily: drop event partitions older than the policy's retention
 * - sessions-cleanup      hourly: remove expired sign-in sessions, stale sign-in counts and phone-check
 *                         counts whose hour is over
 * - ticket-clocks         every minute: SLA warnings and breaches that fell due (only due clocks)
 * - claim-clocks          every minute: the claims' answer, payment and complaint-ceiling warnings and breaches
 * - service-order-clocks  every minute: service notifications' required start and expected end warnings and
 *                         breaches; a Z2 past its end escalated to its sales office
 * - exception-tickets     every minute: new shipment exceptions open or join tickets
 * - account-callbacks     daily: every key account without an open planned callback (回访) gets its next one
 * - monthly-reports       02:00 on the 1st (company zone): last month's report for every key account
 *                         that has none yet, e-mailed through the outbox (running twice adds nothing)
 * - customer-habits       daily 01:15: yesterday's parcels become HabitDay rows, touched customers' running totals refresh
 * - customer-segments     daily 01:45: RFM segments and the tier rule for all customers from the running totals (changes on the timeline)
 * - kpi-rollup            every 5 minutes: the company days the change log names are restated in the daily
 *                         KPI facts (modules/kpis/rollup.ts)
 * - supervision-reports-weekly  02:30 on Mondays (company zone): last week's supervision reports
 *                         (company and teams), e-mailed to subscribers (running twice adds nothing)
 * - supervision-reports-monthly 02:45 on the 1st: last month's, the same way
 * - complaint-classifier  daily 03:15: retrain the cause-code model on resolved complaints with codes
 * - quality-sampling      Mondays 01:00 (company zone): the week that ended is sampled for quality reviews
 *                         (质检抽样, modules/quality: topping up, so running twice adds nothing)
 *
 * Every queue is `exclusive`: one job queued or running at a time across all processes, so a run
 * that takes longer than its minute is never joined by a second one (two exception → ticket runs
 * at once could open two tickets for one waybill). A run whose process died stops sending
 * heartbeats and is failed after HEARTBEAT_SECONDS, which frees the queue.
 */
import { fromPglite, PgBoss, type Queue } from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { planAccountCallbacks } from '../modules/customers/service.js';
import { purgeEndedSignIns } from '../modules/auth/service.js';
import { recomputeSegments, runDailyHabits } from '../modules/customers/derive.js';
import type { ChannelAdapter } from '../modules/notifications/channels.js';
import { dispatchNotifications } from '../modules/notifications/dispatch.js';
import { processDueServiceClocks } from '../modules/service-orders/service.js';
import { PhoneCheckStore } from '../modules/public-tracking/phone-check-guard.js';
import { runTrackingClock } from '../modules/tracking/clock.js';
import type { ReferenceData } from '../modules/reference/cache.js';
import { rollupKpiChanges } from '../modules/kpis/service.js';
import { runWeeklySampling } from '../modules/quality/service.js';
import { runScheduledMonthlyReports } from '../modules/reports/monthly/service.js';
import { runScheduledSupervisionReports } from '../modules/supervision-reports/service.js';
import { trainComplaintClassifier } from '../modules/classifier/service.js';
import { lossClaimOpener, processDueClaimClocks } from '../modules/claims/service.js';
import { processDueClocks, ticketExceptions, type LossClaimOpener } from '../modules/tickets/jobs.js';
import type { TrackingContext } from '../modules/tracking/context.js';
import { dropPartitionsBefore, ensurePartitions, monthOf } from '../modules/tracking/partitions.js';

export interface JobDeps {
  database: Database;
  tracking: TrackingContext;
  reference: ReferenceData;
  adapters: Map<string, ChannelAdapter>;
  log: FastifyBaseLogger;
}

/**
 * The claims module's opener of loss claims for the exception job, with the claim page's link the
 * notice carries (PUBLIC_BASE_URL through the tracking context).
 */
export function exceptionLossClaims(deps: Pick<JobDeps, 'database' | 'tracking' | 'reference'>, timeZone = 'Asia/Shanghai'): LossClaimOpener {
  const link = deps.tracking.claimLink ?? ((waybillNo: string) => `/claim?waybill=${encodeURIComponent(waybillNo)}`);
  return lossClaimOpener({ db: deps.database.db, timeZone, reference: deps.reference, claimLink: link });
}

/** The work of each job, callable without the scheduler (tests, the CLI). */
export function jobHandlers(deps: JobDeps, timeZone = 'Asia/Shanghai') {
  const { database, tracking, adapters, reference } = deps;
  const db = database.db;
  const tickets = { db, reference };
  // A parcel treated as lost gets its loss claim in the exception job's transaction (issue 18 §8).
  const lossClaims = exceptionLossClaims(deps, timeZone);
  return {
    'tracking-clock': async () => {
      let total = { checked: 0, raised: 0 };
      // Drain what is due now, a bounded slice at a time.
      for (;;) {
        const run = await runTrackingClock(db, tracking, new Date());
        total = { checked: total.checked + run.checked, raised: total.raised + run.raised };
        if (run.checked < 5000) return total;
      }
    },
    'notifications-dispatch': () => dispatchNotifications(db, adapters),
    'tracking-partitions': async () => {
      const now = new Date();
      const months = [0, 1, 2].map((ahead) => monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + ahead, 1))));
      await ensurePartitions(db, months);
      return { months };
    },
    'sessions-cleanup': async () => {
      const now = new Date();
      await purgeEndedSignIns(db, now);
      await new PhoneCheckStore(db).purge(now);
      return {};
    },
    'tracking-retention': async () => {
      const policy = await tracking.policy(db);
      const dropped = await dropPartitionsBefore(db, new Date(Date.now() - policy.retentionDays * 86_400_000));
      return { dropped };
    },
    'ticket-clocks': async () => {
      let total = { checked: 0, warned: 0, breached: 0 };
      for (;;) {
        const run = await processDueClocks(tickets, new Date());
        total = { checked: total.checked + run.checked, warned: total.warned + run.warned, breached: total.breached + run.breached };
        if (run.checked < 10_000) return total;
      }
    },
    'claim-clocks': async () => {
      let total = { checked: 0, warned: 0, breached: 0 };
      for (;;) {
        const run = await processDueClaimClocks(tickets, new Date());
        total = { checked: total.checked + run.checked, warned: total.warned + run.warned, breached: total.breached + run.breached };
        if (run.checked < 500) return total;
      }
    },
    'service-order-clocks': async () => {
      let total = { checked: 0, warned: 0, breached: 0, escalated: 0 };
      for (;;) {
        const run = await processDueServiceClocks({ db, reference, timeZone }, new Date());
        total = { checked: total.checked + run.checked, warned: total.warned + run.warned, breached: total.breached + run.breached, escalated: total.escalated + run.escalated };
        if (run.checked < 500) return total;
      }
    },
    'account-callbacks': () => planAccountCallbacks({ db, reference }),
    'exception-tickets': async () => {
      let total = { opened: 0, joined: 0 };
      for (;;) {
        const run = await ticketExceptions(tickets, new Date(), 200, { lossClaims });
        total = { opened: total.opened + run.opened, joined: total.joined + run.joined };
        if (run.opened + run.joined < 200) return total;
      }
    },
    'monthly-reports': () => runScheduledMonthlyReports({ db, timeZone: tracking.calendar.timeZone }),
    'customer-habits': () => runDailyHabits(db, new Date(), timeZone),
    'customer-segments': () => recomputeSegments(db, new Date(), timeZone),
    'kpi-rollup': () => rollupKpiChanges(db, timeZone),
    'supervision-reports-weekly': () => runScheduledSupervisionReports({ db, timeZone }, 'week'),
    'supervision-reports-monthly': () => runScheduledSupervisionReports({ db, timeZone }, 'month'),
    'complaint-classifier': () => trainComplaintClassifier(db),
    'quality-sampling': () => runWeeklySampling({ db, timeZone }, new Date()),
  } as const;
}

const SCHEDULES: Record<keyof ReturnType<typeof jobHandlers>, string> = {
  'tracking-clock': '* * * * *',
  'notifications-dispatch': '* * * * *',
  'tracking-partitions': '10 0 * * *',
  'tracking-retention': '30 3 * * *',
  'sessions-cleanup': '5 * * * *',
  'ticket-clocks': '* * * * *',
  'claim-clocks': '* * * * *',
  'service-order-clocks': '* * * * *',
  'exception-tickets': '* * * * *',
  'account-callbacks': '20 6 * * *',
  'monthly-reports': '0 2 1 * *',
  'customer-habits': '15 1 * * *',
  'customer-segments': '45 1 * * *',
  'kpi-rollup': '*/5 * * * *',
  'supervision-reports-weekly': '30 2 * * 1',
  'supervision-reports-monthly': '45 2 1 * *',
  'complaint-classifier': '15 3 * * *',
  'quality-sampling': '0 1 * * 1',
};

const HEARTBEAT_SECONDS = 60;
const QUEUE_OPTIONS = { policy: 'exclusive', heartbeatSeconds: HEARTBEAT_SECONDS } as const satisfies Omit<Queue, 'name'>;

/**
 * Creates the queue with our policy. pg-boss cannot change a queue's policy, so a queue left by an
 * older version (default policy) is deleted and created again: its jobs are only schedule ticks,
 * and the schedule is set again right after.
 */
async function ensureQueue(boss: PgBoss, name: string): Promise<void> {
  const existing = await boss.getQueue(name);
  if (existing && existing.policy !== QUEUE_OPTIONS.policy) await boss.deleteQueue(name);
  if (!existing || existing.policy !== QUEUE_OPTIONS.policy) await boss.createQueue(name, QUEUE_OPTIONS);
}

export async function startScheduler(deps: JobDeps, timeZone: string): Promise<{ boss: PgBoss; stop(): Promise<void> }> {
  const boss = new PgBoss(
    deps.database.pglite ? { db: fromPglite(deps.database.pglite) } : { connectionString: deps.database.url!, max: 4 },
  );
  boss.on('error', (err) => deps.log.error({ err }, 'job system error'));
  await boss.start();
  const handlers = jobHandlers(deps, timeZone);
  for (const [name, handler] of Object.entries(handlers)) {
    await ensureQueue(boss, name);
    await boss.work(name, async () => {
      const result = await handler();
      deps.log.debug({ job: name, result }, 'job done');
      return result;
    });
    await boss.schedule(name, SCHEDULES[name as keyof typeof SCHEDULES], undefined, { tz: timeZone });
  }
  // Partitions for the current months exist from the first minute.
  await boss.send('tracking-partitions');
  return { boss, stop: () => boss.stop({ graceful: true }) };
}
