/**
 * The queries that gather one customer's month for the monthly report (docs/product.md §5): the
 * customer's shipments are linked as in the customer view — by its monthly accounts and phones
 * (its own, merged records', contacts') — each link read through its own `(link, created_at)` index
 * over the months in question, the columns taken from the link's rows directly (no second lookup
 * per parcel), the union deduplicated, and every section aggregated in SQL in one statement, so what leaves the database is a few hundred small rows whatever the volume.
 *
 * - Volume and destinations: parcels created (registered) in the month, by local day and by the
 *   recipient's province.
 * - On time: parcels signed for in the month (created up to a month before), against their
 *   promised time (`promised_at`); a parcel without a promise is not counted either way.
 * - Exceptions: raised in the month on the customer's parcels, by kind.
 * - Tickets: the customer's tickets opened in the month, by kind and by cause.
 * - CSAT (4–5 of 5 satisfied): the after-resolution ratings given in the month, and the answers to
 *   the CSAT questions (1–5) of the satisfaction surveys the customer answered in the month, each
 *   kind counted apart so the report can say how many of each it counts.
 * - Claims: the claims on the customer's tickets or linked parcels opened in the month or paid in
 *   it, by type, with claimed and approved amounts and what the ledger paid out or credited in the
 *   month (payouts and credit notes, net of their reversals); for the customer, so no internal
 *   notes, no station at fault and no chargebacks.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { CLAIM_STATE_LABELS, CLAIM_TYPE_LABELS, type ClaimState, type ClaimType } from '../../../domain/claims/index.js';
import type { ExceptionKind } from '../../../domain/tracking/exceptions.js';
import { dailyOnTimeOfMonth, dailyVolumeOfMonth, datesOfMonth, exceptionRows, topDestinations, type ProvinceRow } from './assemble.js';
import type { ClaimsSection, DailyOnTime, DailyVolume, LabelledCount, MonthlyReportData } from './report.js';

/** What the customer reads for each kind of ticket. */
export const TICKET_KIND_LABELS: Record<string, string> = {
  query: '查询',
  complaint: '投诉',
  claim: '理赔',
  suggestion: '建议',
  service_request: '服务请求',
  exception: '异常',
};

/** The month before 'YYYY-MM'. */
export function previousMonth(month: string): string {
  const [year, index] = [Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1];
  const d = new Date(Date.UTC(year, index - 1, 1));
  return d.toISOString().slice(0, 7);
}

function nextMonth(month: string): string {
  const [year, index] = [Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1];
  return new Date(Date.UTC(year, index + 1, 1)).toISOString().slice(0, 7);
}

interface Gathered {
  volume: DailyVolume[] | null;
  previous: number;
  on_time: DailyOnTime[] | null;
  destinations: ProvinceRow[] | null;
  exceptions: { kind: ExceptionKind; count: number }[] | null;
  ticket_kinds: { key: string; count: number }[] | null;
  ticket_causes: { key: string; label: string | null; count: number }[] | null;
  csat: { ratings: number; ratings_satisfied: number };
  survey_csat: { answers: number; satisfied: number };
}

/** The sections of one customer's month, aggregated in one statement. */
async function gatherMonth(db: Kysely<DB>, customerId: string, accounts: string[], phones: string[], month: string, timeZone: string): Promise<Gathered> {
  const from = `${month}-01`;
  const to = `${nextMonth(month)}-01`;
  const before = `${previousMonth(month)}-01`;
  const { rows } = await sql<Gathered>`
    with b as (
      select (${from}::timestamp at time zone ${timeZone}) as lo, (${to}::timestamp at time zone ${timeZone}) as hi,
        (${before}::timestamp at time zone ${timeZone}) as plo
    ), s as materialized (
      select l.* from b, unnest(${accounts}::text[]) a(no) cross join lateral (
        select s.id, s.created_at, s.delivered_at, s.promised_at, s.weight_g, s.freight_fen, s.recipient_province from shipments s where s.monthly_account = a.no and s.created_at >= b.plo and s.created_at < b.hi) l
      union
      select l.* from b, unnest(${phones}::text[]) p(phone) cross join lateral (
        select s.id, s.created_at, s.delivered_at, s.promised_at, s.weight_g, s.freight_fen, s.recipient_province from shipments s where s.sender_phone = p.phone and s.created_at >= b.plo and s.created_at < b.hi) l
      union
      select l.* from b, unnest(${phones}::text[]) p(phone) cross join lateral (
        select s.id, s.created_at, s.delivered_at, s.promised_at, s.weight_g, s.freight_fen, s.recipient_province from shipments s where s.recipient_phone = p.phone and s.created_at >= b.plo and s.created_at < b.hi) l
    ), m as (
      select s.* from s, b where s.created_at >= b.lo and s.created_at < b.hi
    ), t as (
      select kind, cause_code, rating, rated_at, created_at from tickets
      where customer_id = ${customerId} and merged_into_id is null
        and (created_at >= (select lo from b) and created_at < (select hi from b)
          or rated_at >= (select lo from b) and rated_at < (select hi from b))
    )
    select
      (select json_agg(d) from (
        select to_char(created_at at time zone ${timeZone}, 'YYYY-MM-DD') as date, count(*)::int as shipments,
          coalesce(sum(weight_g), 0)::bigint as "weightG", coalesce(sum(freight_fen), 0)::bigint as "freightFen"
        from m group by 1) d) as volume,
      (select count(*)::int from s, b where s.created_at < b.lo) as previous,
      (select json_agg(d) from (
        select to_char(delivered_at at time zone ${timeZone}, 'YYYY-MM-DD') as date, count(*)::int as delivered,
          count(*) filter (where delivered_at <= promised_at)::int as "onTime"
        from s, b where delivered_at >= b.lo and delivered_at < b.hi and promised_at is not null group by 1) d) as on_time,
      (select json_agg(d) from (
        select recipient_province as code, count(*)::int as shipments,
          count(*) filter (where delivered_at is not null and promised_at is not null)::int as delivered,
          count(*) filter (where delivered_at <= promised_at)::int as "onTime"
        from m group by 1) d) as destinations,
      (select json_agg(d) from (
        select e.kind, count(*)::int as count from s join shipment_exceptions e on e.shipment_id = s.id, b
        where e.raised_at >= b.lo and e.raised_at < b.hi group by 1) d) as exceptions,
      (select json_agg(d) from (
        select kind as key, count(*)::int as count from t, b where t.created_at >= b.lo group by 1 order by 2 desc, 1) d) as ticket_kinds,
      (select json_agg(d) from (
        select t.cause_code as key, min(c.name_zh) as label, count(*)::int as count
        from t cross join b left join ticket_codes c on c.code = t.cause_code and c.kind = 'cause'
        where t.created_at >= b.lo and t.cause_code is not null group by 1 order by 3 desc, 1) d) as ticket_causes,
      (select json_build_object('ratings', count(*)::int, 'ratings_satisfied', (count(*) filter (where rating >= 4))::int)
        from t, b where t.rating is not null and t.rated_at >= b.lo and t.rated_at < b.hi) as csat,
      (select json_build_object('answers', count(*)::int, 'satisfied', (count(*) filter (where v >= 4))::int) from (
        select (i.answers ->> (q.value ->> 'id'))::numeric as v
        from survey_invitations i
        join survey_campaigns c on c.id = i.campaign_id
        join survey_questionnaires sq on sq.id = c.questionnaire_id
        cross join lateral jsonb_array_elements(sq.questions) q
        cross join b
        where (i.customer_id = ${customerId} or i.customer_id in (select id from customers where merged_into_id = ${customerId}))
          and i.answered_at >= b.lo and i.answered_at < b.hi
          and q.value ->> 'kind' = 'csat' and jsonb_typeof(i.answers -> (q.value ->> 'id')) = 'number') x) as survey_csat`.execute(db);
  const row = rows[0]!;
  // PGlite hands json back parsed, node-postgres too; a string is parsed for either driver's settings.
  const parse = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
  return {
    volume: parse(row.volume),
    previous: Number(row.previous),
    on_time: parse(row.on_time),
    destinations: parse(row.destinations),
    exceptions: parse(row.exceptions),
    ticket_kinds: parse(row.ticket_kinds),
    ticket_causes: parse(row.ticket_causes),
    csat: parse(row.csat),
    survey_csat: parse(row.survey_csat),
  };
}

/** The month's claims of the customer (see the header), as the customer reads them. */
async function gatherClaims(db: Kysely<DB>, customerId: string, accounts: string[], phones: string[], month: string, timeZone: string): Promise<ClaimsSection> {
  const from = `${month}-01`;
  const to = `${nextMonth(month)}-01`;
  const { rows } = await sql<{ id: string; waybill_no: string; type: string; state: string; opened_on: string; claimed_fen: string; approved_fen: string | null; paid_fen: string }>`
    with b as (
      select (${from}::timestamp at time zone ${timeZone}) as lo, (${to}::timestamp at time zone ${timeZone}) as hi
    ), mine as (
      select c.id, c.waybill_no, c.type, c.state, c.created_at, c.claimed_fen, c.approved_fen
      from claims c join tickets t on t.id = c.ticket_id join shipments s on s.id = c.shipment_id
      where t.customer_id = ${customerId} or s.monthly_account = any(${accounts}::text[])
        or s.sender_phone = any(${phones}::text[]) or s.recipient_phone = any(${phones}::text[])
    ), paid as (
      select l.claim_id, sum(case when l.kind = 'reversal' then -l.amount_fen else l.amount_fen end) as fen
      from claim_ledger l join mine on mine.id = l.claim_id cross join b
      left join claim_ledger r on r.id = l.reverses_entry_id
      where l.created_at >= b.lo and l.created_at < b.hi
        and (l.kind in ('payout', 'credit_note') or (l.kind = 'reversal' and r.kind in ('payout', 'credit_note')))
      group by l.claim_id
    )
    select mine.id, mine.waybill_no, mine.type, mine.state, mine.claimed_fen, mine.approved_fen,
      to_char(mine.created_at at time zone ${timeZone}, 'YYYY-MM-DD') as opened_on, coalesce(paid.fen, 0) as paid_fen
    from mine cross join b left join paid on paid.claim_id = mine.id
    where (mine.created_at >= b.lo and mine.created_at < b.hi) or paid.claim_id is not null
    order by mine.created_at, mine.id`.execute(db);
  const items = rows.map((r) => ({
    key: r.type,
    waybillNo: r.waybill_no,
    type: CLAIM_TYPE_LABELS[r.type as ClaimType]?.['zh-CN'] ?? r.type,
    state: CLAIM_STATE_LABELS[r.state as ClaimState]?.['zh-CN'] ?? r.state,
    openedOn: r.opened_on,
    claimedFen: Number(r.claimed_fen),
    approvedFen: r.approved_fen === null ? null : Number(r.approved_fen),
    paidFen: Number(r.paid_fen),
  }));
  const byType = new Map<string, ClaimsSection['byType'][number]>();
  for (const c of items) {
    const line = byType.get(c.key) ?? { key: c.key, label: c.type, count: 0, claimedFen: 0, approvedFen: 0, paidFen: 0 };
    line.count += 1;
    line.claimedFen += c.claimedFen;
    line.approvedFen += c.approvedFen ?? 0;
    line.paidFen += c.paidFen;
    byType.set(c.key, line);
  }
  const sum = (pick: (c: (typeof items)[number]) => number) => items.reduce((total, c) => total + pick(c), 0);
  return {
    count: items.length,
    claimedFen: sum((c) => c.claimedFen),
    approvedFen: sum((c) => c.approvedFen ?? 0),
    paidFen: sum((c) => c.paidFen),
    byType: [...byType.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
    items: items.map(({ key: _key, ...c }) => c),
  };
}

export interface ReportSubject {
  customerId: string;
  name: string;
  /** the first monthly account, else the customer's number */
  account: string;
  accountManager: { name: string; phone: string | null } | null;
  accounts: string[];
  phones: string[];
}

/** The report's data for a customer and a month 'YYYY-MM' (every day present, labels resolved). */
export async function gatherMonthlyReport(
  db: Kysely<DB>,
  subject: ReportSubject,
  month: string,
  options: { timeZone: string; reportNo: string; generatedAt: Date; carrier: MonthlyReportData['carrier'] },
): Promise<MonthlyReportData> {
  const dates = datesOfMonth(month);
  const [g, claims] = await Promise.all([
    gatherMonth(db, subject.customerId, subject.accounts, subject.phones, month, options.timeZone),
    gatherClaims(db, subject.customerId, subject.accounts, subject.phones, month, options.timeZone),
  ]);
  const number = (rows: DailyVolume[] | null) => (rows ?? []).map((r) => ({ ...r, weightG: Number(r.weightG), freightFen: Number(r.freightFen) }));
  const exceptionCounts: Partial<Record<ExceptionKind, number>> = {};
  for (const e of g.exceptions ?? []) exceptionCounts[e.kind] = e.count;
  const byKind: LabelledCount[] = (g.ticket_kinds ?? []).map((k) => ({ key: k.key, label: TICKET_KIND_LABELS[k.key] ?? k.key, count: k.count }));
  const byCause: LabelledCount[] = (g.ticket_causes ?? []).map((c) => ({ key: c.key, label: c.label ?? c.key, count: c.count }));
  return {
    carrier: options.carrier,
    customer: { name: subject.name, account: subject.account, accountManager: subject.accountManager },
    period: { month, from: dates[0]!, to: dates.at(-1)!, timeZone: options.timeZone },
    reportNo: options.reportNo,
    generatedAt: options.generatedAt,
    volume: { byDay: dailyVolumeOfMonth(month, number(g.volume)), previousMonthShipments: g.previous > 0 ? g.previous : null },
    destinations: topDestinations(g.destinations ?? []),
    onTime: { byDay: dailyOnTimeOfMonth(month, g.on_time ?? []) },
    exceptions: exceptionRows(exceptionCounts),
    claims,
    tickets: { byKind, byCause },
    csat: {
      responses: g.csat.ratings + g.survey_csat.answers,
      satisfied: g.csat.ratings_satisfied + g.survey_csat.satisfied,
      surveyAnswers: g.survey_csat.answers,
      ticketRatings: g.csat.ratings,
    },
  };
}
