/**
 * Stored monthly reports (docs/product.md §5): made for a customer and a month that is over, on
 * demand (the customer's account manager, supervisors and managers: `customers/access.ts`) or by
 * the job on the 1st of the month for every key account (tier 大客户 or with an account manager),
 * kept with their PDF and XLSX (`monthly_reports`, one per customer and month), listed on the
 * customer's page and e-mailed through the outbox to the customer's first contact with an address.
 *
 * The report and its e-mail are written in one transaction (the outbox sends after the commit), and
 * rendering happens before it, so a retried transaction does not render twice. The schedule inserts
 * with `on conflict do nothing`: run twice, it keeps one report and sends one e-mail per customer
 * and month; a person's generation replaces the month's report (the figures may have been corrected).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { inTransaction } from '../../../db/transaction.js';
import type { RequestContext } from '../../../domain/actor.js';
import { AppError } from '../../../domain/errors.js';
import { readSetting } from '../../reference/service.js';
import { readable, userOf } from '../../customers/access.js';
import { customerContacts, customerLinkPhones, customerMonthlyAccounts } from '../../customers/service.js';
import { queueEmail } from '../../notifications/outbox.js';
import { monthlyReportEmail, monthlyReportFileStem, PDF_TYPE, XLSX_TYPE } from './email.js';
import { gatherMonthlyReport, previousMonth, type ReportSubject } from './gather.js';
import { renderMonthlyReportPdf } from './pdf.js';
import { monthlyTotals, type MonthlyReportData } from './report.js';
import { renderMonthlyReportXlsx } from './xlsx.js';

export interface ReportDeps {
  db: Kysely<DB>;
  timeZone: string;
}

/** 'YYYY-MM' of an instant in the company's zone. */
export function monthIn(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(at);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/** The carrier as the report's header reads it: the `report.carrier` setting, else the product's name. */
async function carrierOf(db: Kysely<DB>): Promise<MonthlyReportData['carrier']> {
  const value = await readSetting(db, 'report.carrier');
  const name = typeof value?.name === 'string' && value.name.trim() ? value.name.trim() : 'ParcelDesk';
  const hotline = typeof value?.hotline === 'string' && value.hotline.trim() ? value.hotline.trim() : null;
  return { name, hotline };
}

async function subjectOf(db: Kysely<DB>, customerId: string): Promise<ReportSubject & { email: string | null }> {
  const [customer, accounts, phones, contacts] = await Promise.all([
    db
      .selectFrom('customers as c')
      .leftJoin('users as m', 'm.id', 'c.account_manager_id')
      .select(['c.id', 'c.name', 'm.display_name as manager'])
      .where('c.id', '=', customerId)
      .executeTakeFirstOrThrow(),
    customerMonthlyAccounts(db, customerId),
    customerLinkPhones(db, customerId),
    customerContacts(db, customerId),
  ]);
  const accountNos = accounts.map((a) => a.account_no);
  return {
    customerId,
    name: customer.name,
    account: accountNos[0] ?? customer.id.slice(0, 8).toUpperCase(),
    accountManager: customer.manager ? { name: customer.manager, phone: null } : null,
    accounts: accountNos,
    phones,
    email: contacts.find((c) => c.email)?.email ?? null,
  };
}

interface Made {
  data: MonthlyReportData;
  pdf: Buffer;
  xlsx: Buffer;
  email: string | null;
}

async function make(deps: ReportDeps, customerId: string, month: string, now: Date): Promise<Made> {
  const [subject, carrier] = await Promise.all([subjectOf(deps.db, customerId), carrierOf(deps.db)]);
  const reportNo = `YB-${month.replace('-', '')}-${customerId.slice(0, 8).toUpperCase()}`;
  const data = await gatherMonthlyReport(deps.db, subject, month, { timeZone: deps.timeZone, reportNo, generatedAt: now, carrier });
  const [pdf, xlsx] = await Promise.all([renderMonthlyReportPdf(data), renderMonthlyReportXlsx(data)]);
  return { data, pdf, xlsx, email: subject.email };
}

/** Writes the report (replacing the month's, or only if there is none) and queues its e-mail, in one transaction. */
async function store(
  db: Kysely<DB>,
  customerId: string,
  made: Made,
  by: { trigger: 'schedule' | 'demand'; userId: string | null; replace: boolean; send: boolean },
): Promise<{ id: string } | null> {
  return inTransaction(db, async (trx) => {
    const values = {
      customer_id: customerId,
      month: made.data.period.month,
      report_no: made.data.reportNo,
      generated_at: made.data.generatedAt,
      generated_by: by.userId,
      trigger: by.trigger,
      file_stem: monthlyReportFileStem(made.data),
      pdf: made.pdf,
      xlsx: made.xlsx,
      summary: JSON.stringify(monthlyTotals(made.data)),
    };
    const saved = await trx
      .insertInto('monthly_reports')
      .values(values)
      .onConflict((oc) =>
        by.replace
          ? oc.columns(['customer_id', 'month']).doUpdateSet({ ...values, id: sql<string>`gen_random_uuid()` })
          : oc.columns(['customer_id', 'month']).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!saved) return null;
    if (by.send && made.email) {
      const mail = monthlyReportEmail(made.data, { pdf: made.pdf, xlsx: made.xlsx });
      await queueEmail(trx, { recipient: made.email, locale: 'zh-CN', template: 'report.monthly', ...mail });
    }
    return saved;
  });
}

function presentReport(row: { id: string; month: string; report_no: string; generated_at: Date; trigger: string; generated_by_name: string | null; summary: Record<string, unknown> }) {
  const s = row.summary;
  return {
    id: row.id,
    month: row.month,
    reportNo: row.report_no,
    generatedAt: row.generated_at.toISOString(),
    trigger: row.trigger as 'schedule' | 'demand',
    generatedBy: row.generated_by_name,
    shipments: Number(s.shipments ?? 0),
    onTimeRate: typeof s.onTimeRate === 'number' ? s.onTimeRate : null,
  };
}

/**
 * The customer's rows and those of the records merged into it: a merge moves a report unless the
 * kept customer has that month already, and the one left behind is still the customer's.
 */
function ofCustomer(column: 'r.customer_id' | 'customer_id', customerId: string) {
  return sql<boolean>`(${sql.ref(column)} = ${customerId} or ${sql.ref(column)} in (select id from customers where merged_into_id = ${customerId}))`;
}

const LISTED = ['r.id', 'r.month', 'r.report_no', 'r.generated_at', 'r.trigger', 'r.summary', 'u.display_name as generated_by_name'] as const;

/** The customer's reports, newest month first (who may: access.ts, the `report` action). */
export async function listMonthlyReports(deps: ReportDeps, ctx: RequestContext, customerId: string) {
  const actor = userOf(ctx.actor);
  const { row, actions } = await readable(deps.db, customerId, actor);
  if (!actions.has('report')) throw new AppError('FORBIDDEN');
  const rows = await deps.db
    .selectFrom('monthly_reports as r')
    .leftJoin('users as u', 'u.id', 'r.generated_by')
    .select(LISTED)
    .where(ofCustomer('r.customer_id', row.id))
    .orderBy('r.month', 'desc')
    .orderBy('r.generated_at', 'desc')
    .limit(60)
    .execute();
  return { items: rows.map(presentReport) };
}

/**
 * Makes the report of a month that is over, now, replacing that month's report; with `email`, also
 * sends it to the customer's contact (refused when there is no address). 400 for a month not over.
 */
export async function generateMonthlyReport(deps: ReportDeps, ctx: RequestContext, customerId: string, body: { month: string; email?: boolean | undefined }, now = new Date()) {
  const actor = userOf(ctx.actor);
  const { row, actions } = await readable(deps.db, customerId, actor);
  if (!actions.has('report')) throw new AppError('FORBIDDEN');
  if (body.month >= monthIn(now, deps.timeZone) || body.month < '2000-01') throw new AppError('REPORT_MONTH_INVALID');
  const made = await make(deps, row.id, body.month, now);
  if (body.email && !made.email) throw new AppError('REPORT_NO_EMAIL');
  const saved = await store(deps.db, row.id, made, { trigger: 'demand', userId: actor.id, replace: true, send: body.email === true });
  const listed = await deps.db
    .selectFrom('monthly_reports as r')
    .leftJoin('users as u', 'u.id', 'r.generated_by')
    .select(LISTED)
    .where('r.id', '=', saved!.id)
    .executeTakeFirstOrThrow();
  return { ...presentReport(listed), emailedTo: body.email ? made.email : null };
}

/** One file of a stored report, for download (who may: as for the list). */
export async function monthlyReportFile(deps: ReportDeps, ctx: RequestContext, customerId: string, reportId: string, format: 'pdf' | 'xlsx') {
  const actor = userOf(ctx.actor);
  const { row, actions } = await readable(deps.db, customerId, actor);
  if (!actions.has('report')) throw new AppError('FORBIDDEN');
  const found = await deps.db
    .selectFrom('monthly_reports')
    .select(['file_stem', 'month', format === 'pdf' ? 'pdf as content' : 'xlsx as content'])
    .where('id', '=', reportId)
    .where(ofCustomer('customer_id', row.id))
    .executeTakeFirst();
  if (!found) throw new AppError('REPORT_NOT_FOUND');
  return {
    fileName: `${found.file_stem}.${format}`,
    // For clients that do not read RFC 5987 `filename*`.
    asciiFileName: `monthly-report-${found.month}.${format}`,
    contentType: format === 'pdf' ? PDF_TYPE : XLSX_TYPE, content: Buffer.from(found.content) };
}

/**
 * The job on the 1st: last month's report for every key account (tier key, or with an account
 * manager) that has none yet, e-mailed where a contact has an address. One customer at a time, so
 * memory holds one report; running twice makes nothing new. `customerIds` narrows the run (the
 * demo company's first start makes its key accounts' reports by this same code).
 */
export async function runScheduledMonthlyReports(deps: ReportDeps, now = new Date(), options: { customerIds?: readonly string[] } = {}) {
  const month = previousMonth(monthIn(now, deps.timeZone));
  if (options.customerIds && options.customerIds.length === 0) return { month, made: 0, emailed: 0 };
  let query = deps.db.selectFrom('customers as c').select('c.id');
  // The demo company narrows the run to its own key accounts; the job asks for every one.
  if (options.customerIds) query = query.where('c.id', 'in', [...options.customerIds]);
  const due = await query
    .where('c.merged_into_id', 'is', null)
    .where((eb) => eb.or([eb('c.tier', '=', 'key'), eb('c.account_manager_id', 'is not', null)]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('monthly_reports as r').select('r.id').whereRef('r.customer_id', '=', 'c.id').where('r.month', '=', month))))
    .orderBy('c.id')
    .execute();
  let made = 0;
  let emailed = 0;
  for (const { id } of due) {
    const report = await make(deps, id, month, now);
    const saved = await store(deps.db, id, report, { trigger: 'schedule', userId: null, replace: false, send: true });
    if (saved) {
      made++;
      if (report.email) emailed++;
    }
  }
  return { month, made, emailed };
}
