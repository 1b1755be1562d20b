/**
 * Supervision reports (服务监督报告, docs/product.md §6): weekly and monthly, for the company and
 * per team; made by the schedule (Mondays for last week, the 1st for last month, company zone) or
 * on demand, kept with the data they showed and their PDF and XLSX (`supervision_reports`, one per
 * period and scope), listed, and e-mailed through the outbox to the users who subscribe.
 *
 * Rendering happens before the transaction; the report row and its e-mails are written in one
 * (the outbox sends after the commit), so a retried transaction never renders or mails twice. The
 * schedule inserts with `on conflict do nothing`: run twice, it keeps one report and sends once.
 * Who may: access.ts, first in every use case.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Actor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { isPeriodStart, lastCompletePeriod, mayReport, periodFrom, type Period, type PeriodKind } from '../../domain/supervision/report.js';
import { queueEmail } from '../notifications/outbox.js';
import { mayReceive, reportUserOf } from './access.js';
import { supervisionFileStem, supervisionReportEmail, PDF_TYPE, XLSX_TYPE } from './email.js';
import { gatherSupervisionReport, type ReportScope, type SupervisionReportData } from './gather.js';
import { renderSupervisionReportPdf } from './pdf.js';
import { renderSupervisionReportXlsx } from './xlsx.js';

export interface SupervisionDeps {
  db: Kysely<DB>;
  timeZone: string;
}

/** Today in the company's zone, YYYY-MM-DD. */
export function companyToday(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

async function scopeOf(db: Kysely<DB>, teamId: string | null | undefined): Promise<ReportScope> {
  if (!teamId) return { kind: 'company', teamId: null, teamName: null };
  const team = await db.selectFrom('departments').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
  if (!team) throw new AppError('DEPARTMENT_NOT_FOUND');
  return { kind: 'team', teamId: team.id, teamName: team.name };
}

interface Made {
  data: SupervisionReportData;
  pdf: Buffer;
  xlsx: Buffer;
}

async function make(deps: SupervisionDeps, period: Period, scope: ReportScope, now: Date): Promise<Made> {
  const data = await gatherSupervisionReport(deps, period, scope, now);
  const [pdf, xlsx] = await Promise.all([renderSupervisionReportPdf(data), renderSupervisionReportXlsx(data)]);
  return { data, pdf, xlsx };
}

/** Active subscribers of a period kind and scope who may receive it (access.ts). */
async function recipients(db: Kysely<DB>, kind: PeriodKind, teamId: string | null) {
  const rows = await db
    .selectFrom('supervision_report_subscriptions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.display_name', 'u.email', 'u.role', 'u.active'])
    .where(kind === 'week' ? 's.weekly' : 's.monthly', '=', true)
    .where(sql<boolean>`s.team_id is not distinct from ${teamId}`)
    .orderBy('u.id')
    .execute();
  return rows.filter(mayReceive).map((r) => ({ id: r.id, name: r.display_name, email: r.email! }));
}

/** Writes the report (replacing the period's, or only if there is none) and queues its e-mails, in one transaction. */
async function store(
  db: Kysely<DB>,
  made: Made,
  by: { trigger: 'schedule' | 'demand'; userId: string | null; replace: boolean; mailTo: { name: string; email: string }[] },
): Promise<{ id: string } | null> {
  return inTransaction(db, async (trx) => {
    const { data } = made;
    const values = {
      period_kind: data.period.kind,
      period_start: data.period.start,
      period_end: data.period.end,
      team_id: data.scope.teamId,
      scope_key: data.scope.teamId ?? '',
      report_no: data.reportNo,
      generated_at: new Date(data.generatedAt),
      generated_by: by.userId,
      trigger: by.trigger,
      data: JSON.stringify(data),
      pdf: made.pdf,
      xlsx: made.xlsx,
    };
    const saved = await trx
      .insertInto('supervision_reports')
      .values(values)
      .onConflict((oc) =>
        by.replace
          ? oc.columns(['period_kind', 'period_start', 'scope_key']).doUpdateSet({ ...values, id: sql<string>`gen_random_uuid()` })
          : oc.columns(['period_kind', 'period_start', 'scope_key']).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!saved) return null;
    for (const r of by.mailTo) {
      const mail = supervisionReportEmail(data, made, r.name);
      await queueEmail(trx, { recipient: r.email, locale: 'zh-CN', template: 'report.supervision', ...mail });
    }
    return saved;
  });
}

type ListedRow = { id: string; period_kind: string; period_start: Date | string; period_end: Date | string; team_id: string | null; team_name: string | null; report_no: string; generated_at: Date; trigger: string; generated_by_name: string | null };

const day = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

function present(row: ListedRow) {
  return {
    id: row.id,
    period: row.period_kind as PeriodKind,
    start: day(row.period_start),
    end: day(row.period_end),
    teamId: row.team_id,
    teamName: row.team_name,
    reportNo: row.report_no,
    generatedAt: new Date(row.generated_at).toISOString(),
    trigger: row.trigger as 'schedule' | 'demand',
    generatedBy: row.generated_by_name,
  };
}

function listed(db: Kysely<DB>) {
  return db
    .selectFrom('supervision_reports as r')
    .leftJoin('departments as d', 'd.id', 'r.team_id')
    .leftJoin('users as u', 'u.id', 'r.generated_by')
    .select(['r.id', 'r.period_kind', 'r.period_start', 'r.period_end', 'r.team_id', 'd.name as team_name', 'r.report_no', 'r.generated_at', 'r.trigger', 'u.display_name as generated_by_name']);
}

/** The kept reports, newest period first; filtered by kind and scope ('company' or a team id). */
export async function listSupervisionReports(deps: SupervisionDeps, actor: Actor | null, q: { period?: PeriodKind | undefined; scope?: string | undefined }) {
  reportUserOf(actor);
  let query = listed(deps.db);
  if (q.period) query = query.where('r.period_kind', '=', q.period);
  if (q.scope) query = query.where('r.scope_key', '=', q.scope === 'company' ? '' : q.scope);
  const rows = await query.orderBy('r.period_start', 'desc').orderBy('r.generated_at', 'desc').limit(200).execute();
  return { items: rows.map(present) };
}

/** Makes the report of a period that is over now, replacing a kept one; with `email`, mails it to the scope's subscribers. */
export async function generateSupervisionReport(
  deps: SupervisionDeps,
  actor: Actor | null,
  body: { period: PeriodKind; start: string; teamId?: string | undefined; email?: boolean | undefined },
  now = new Date(),
) {
  const user = reportUserOf(actor);
  if (!isPeriodStart(body.period, body.start)) throw new AppError('SUPERVISION_PERIOD_INVALID');
  const period = periodFrom(body.period, body.start);
  if (!mayReport(period, companyToday(now, deps.timeZone))) throw new AppError('SUPERVISION_PERIOD_INVALID');
  const scope = await scopeOf(deps.db, body.teamId);
  const made = await make(deps, period, scope, now);
  const mailTo = body.email ? await recipients(deps.db, period.kind, scope.teamId) : [];
  const saved = await store(deps.db, made, { trigger: 'demand', userId: user.id, replace: true, mailTo });
  const row = await listed(deps.db).where('r.id', '=', saved!.id).executeTakeFirstOrThrow();
  return { ...present(row), emailed: mailTo.length };
}

/** One kept report with everything it showed (the console page). */
export async function supervisionReport(deps: SupervisionDeps, actor: Actor | null, id: string) {
  reportUserOf(actor);
  const row = await listed(deps.db).select('r.data').where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('SUPERVISION_REPORT_NOT_FOUND');
  return { ...present(row), data: row.data as SupervisionReportData };
}

/** A kept report's PDF or XLSX. */
export async function supervisionReportFile(deps: SupervisionDeps, actor: Actor | null, id: string, format: 'pdf' | 'xlsx') {
  reportUserOf(actor);
  const row = await deps.db
    .selectFrom('supervision_reports')
    .select(['data', 'period_kind', 'period_start', format === 'pdf' ? 'pdf as content' : 'xlsx as content'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('SUPERVISION_REPORT_NOT_FOUND');
  return {
    fileName: `${supervisionFileStem(row.data as SupervisionReportData)}.${format}`,
    asciiFileName: `supervision-report-${row.period_kind}-${day(row.period_start)}.${format}`,
    contentType: format === 'pdf' ? PDF_TYPE : XLSX_TYPE,
    content: Buffer.from(row.content),
  };
}

/** One's own subscription (none: both off, the company's scope). */
export async function mySubscription(deps: SupervisionDeps, actor: Actor | null) {
  const user = reportUserOf(actor);
  const [row, me] = await Promise.all([
    deps.db.selectFrom('supervision_report_subscriptions').select(['weekly', 'monthly', 'team_id']).where('user_id', '=', user.id).executeTakeFirst(),
    deps.db.selectFrom('users').select('email').where('id', '=', user.id).executeTakeFirstOrThrow(),
  ]);
  return { weekly: row?.weekly ?? false, monthly: row?.monthly ?? false, teamId: row?.team_id ?? null, email: me.email };
}

/** Sets one's own subscription; wanting any report needs an e-mail address on one's account. */
export async function setSubscription(deps: SupervisionDeps, actor: Actor | null, body: { weekly: boolean; monthly: boolean; teamId: string | null }) {
  const user = reportUserOf(actor);
  await scopeOf(deps.db, body.teamId);
  const me = await deps.db.selectFrom('users').select('email').where('id', '=', user.id).executeTakeFirstOrThrow();
  if ((body.weekly || body.monthly) && !me.email?.trim()) throw new AppError('SUPERVISION_SUBSCRIPTION_NO_EMAIL');
  await deps.db
    .insertInto('supervision_report_subscriptions')
    .values({ user_id: user.id, weekly: body.weekly, monthly: body.monthly, team_id: body.teamId, updated_at: new Date() })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ weekly: body.weekly, monthly: body.monthly, team_id: body.teamId, updated_at: new Date() }))
    .execute();
  return mySubscription(deps, actor);
}

/**
 * The schedule: last week's (Mondays) or last month's (the 1st) report for the company and for
 * every team that had ticket facts in the period or a subscriber, each mailed to its subscribers.
 * One scope at a time, so memory holds one report; running twice makes and sends nothing new.
 */
export async function runScheduledSupervisionReports(deps: SupervisionDeps, kind: PeriodKind, now = new Date()) {
  const period = lastCompletePeriod(kind, companyToday(now, deps.timeZone));
  const teams = await sql<{ team_id: string }>`
    select distinct team_id from (
      select f.key::uuid as team_id from kpi_daily_slices f
      where f.fact = 'complaints.opened' and f.dim = 'team' and f.day >= cast(${period.start} as date) and f.day <= cast(${period.end} as date) and f.key <> ''
      union select s.team_id from supervision_report_subscriptions s where s.team_id is not null
    ) t join departments d on d.id = t.team_id
    order by team_id`.execute(deps.db);
  const scopes: (string | null)[] = [null, ...teams.rows.map((r) => r.team_id)];
  let made = 0;
  let emailed = 0;
  for (const teamId of scopes) {
    const exists = await deps.db
      .selectFrom('supervision_reports')
      .select('id')
      .where('period_kind', '=', kind)
      .where('period_start', '=', period.start)
      .where('scope_key', '=', teamId ?? '')
      .executeTakeFirst();
    if (exists) continue;
    const report = await make(deps, period, await scopeOf(deps.db, teamId), now);
    const mailTo = await recipients(deps.db, kind, teamId);
    const saved = await store(deps.db, report, { trigger: 'schedule', userId: null, replace: false, mailTo });
    if (saved) {
      made++;
      emailed += mailTo.length;
    }
  }
  return { period: period.start, made, emailed };
}
