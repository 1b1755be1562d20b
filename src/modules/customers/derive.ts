/**
 * Shipping habits, RFM segments and tiers derived from shipments (docs/product.md §5): the work of
 * the scheduled jobs `customer-habits` (daily) and `customer-segments` (daily, after it), and of
 * `npm run customers:rebuild`. The rules are the domain's (domain/customers/habits.ts, rfm.ts,
 * tiers.ts); this file only loads facts set-based and persists.
 *
 * A shipment belongs to a customer by its monthly account, else by the sender's phone (the
 * customer's own phone or a contact's), as the customer view links them; habits are what the
 * customer sends, so a parcel the customer only receives does not count. It is of the local date
 * (company zone) of its pickup, or of its registration when no pickup was scanned.
 *
 * Three layers, each read by the next and never the shipments table after the first:
 * - the ledger, `customer_habit_days`: one `HabitDay` per customer and local date, written by the
 *   daily run for yesterday's parcels (one SQL statement, each parcel's phone probed in the
 *   customers' phone index) and by the rebuild for all of them;
 * - running totals, `customer_totals`: per customer the last date, the parcels and freight of the
 *   RFM window and the freight by month, refreshed from the ledger for the customers whose days a
 *   run wrote, and for those with a day crossing the window's start when it moves (a day later:
 *   the customers of one day, not the table);
 * - RFM and the tier from the totals (one small row per customer), and the habits folded from the
 *   habit period's days of one customer when the customer view is read (90 rows at most): nothing
 *   per customer to recompute when the period moves.
 * The rebuild writes every day again in one transaction, whole for the habit period and counts
 * only before it, with the table's indexes built after the load.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { WEIGHT_BANDS_G } from '../../domain/customers/habits.js';
import { scoreRfm } from '../../domain/customers/rfm.js';
import { assessTier, DEFAULT_TIER_POLICY, tierWindow, validateTierPolicy, type CustomerTier, type TierPolicy } from '../../domain/customers/tiers.js';
import { fromWallClock, wallClock } from '../../domain/time-limits/working-days.js';
import { addCustomerEvents } from './repository.js';

type Db = Kysely<DB>;

/** The habits shown are those of the last 90 local days up to the day computed. */
export const HABIT_PERIOD_DAYS = 90;
/** Frequency and money of RFM count the last 365 local days; recency counts from the last parcel ever. */
export const RFM_WINDOW_DAYS = 365;

const DAY_MS = 86_400_000;
const FINITE_BANDS = WEIGHT_BANDS_G.filter((b) => Number.isFinite(b));
const HOURS = sql.raw(Array.from({ length: 24 }, (_, h) => `count(*) filter (where hour = ${h})`).join(', '));

/** Today's local date in the zone, 'YYYY-MM-DD'. */
export function localDate(now: Date, timeZone: string): string {
  return new Date(wallClock(now, timeZone)).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The company-zone bounds of the local dates [from, to). */
function bounds(from: string, to: string, timeZone: string) {
  return { start: fromWallClock(Date.parse(`${from}T00:00:00Z`), timeZone), end: fromWallClock(Date.parse(`${to}T00:00:00Z`), timeZone) };
}

/**
 * The parcels sent in [start, end) with the customer each belongs to: by its monthly account, else
 * by the sender's phone — a customer's own (a merged record's goes to the survivor), else a
 * contact's (the lowest customer id when several contacts share it). With `probe` (a day's run)
 * each parcel's phone is looked up in the customers' unique phone index and the contacts' phone
 * index, so the run reads the day's parcels and not every customer; without it (a rebuild of
 * months) customers and contacts' phones are hashed once (`CONTACT_PHONES`, which the statement
 * must then define).
 */
function ownedParcels(start: Date, end: Date, timeZone: string, probe: boolean) {
  const customer = probe
    ? // Each probe only where the ways before it found nobody (a parcel on an account asks no phone
      // index; one a customer's own phone sent asks not the contacts' GIN index).
      sql`left join lateral (select id, merged_into_id from customers where a.customer_id is null and phone = s.sender_phone) c on true
          left join lateral (select customer_id from customer_contacts where a.customer_id is null and c.id is null and phones @> array[s.sender_phone] order by customer_id limit 1) cp on true`
    : sql`left join customers c on c.phone = s.sender_phone
          left join contact_phones cp on cp.phone = s.sender_phone`;
  return sql`
    select coalesce(a.customer_id, coalesce(c.merged_into_id, c.id), cp.customer_id) as customer_id,
           coalesce(s.picked_up_at, s.created_at) at time zone ${timeZone} as local_at,
           s.weight_g, s.freight_fen, s.payment_term, s.product, s.recipient_province, s.recipient_city
    from shipments s
    left join monthly_accounts a on a.account_no = s.monthly_account
    ${customer}
    where coalesce(s.picked_up_at, s.created_at) >= ${start} and coalesce(s.picked_up_at, s.created_at) < ${end}
      and coalesce(a.customer_id, c.id, cp.customer_id) is not null`;
}
const CONTACT_PHONES = sql`
  contact_phones as (
    select distinct on (phone) phone, customer_id from customer_contacts cross join unnest(phones) as phone order by phone, customer_id
  )`;

/**
 * Inserts the whole HabitDay of every customer and local date of [from, to). `daily`: a few days'
 * run, which probes the parcels' phones and returns the customers it wrote; else a rebuild's.
 */
async function insertHabitDays(db: Db, from: string, to: string, timeZone: string, daily = true) {
  const { start, end } = bounds(from, to, timeZone);
  const { rows } = await sql<{ customer_id: string }>`
      with ${CONTACT_PHONES},
      tagged as materialized (
        select customer_id, local_at::date as date, extract(hour from local_at)::int as hour,
               case when weight_g is null then null else width_bucket(weight_g::numeric, ${FINITE_BANDS}::numeric[]) end as band,
               coalesce(freight_fen, 0) as freight_fen, payment_term = 'collect' as collect, product,
               recipient_province as province, recipient_city as city
        from (${ownedParcels(start, end, timeZone, daily)}) o
      ),
      base as (
        select customer_id, date, count(*) as n, sum(freight_fen) as fen, count(*) filter (where collect) as c, array[${HOURS}] as hours
        from tagged group by customer_id, date
      ),
      bands as (
        select customer_id, date, jsonb_object_agg(band::text, n) as j
        from (select customer_id, date, band, count(*) as n from tagged where band is not null group by 1, 2, 3) x group by 1, 2
      ),
      provinces as (
        select customer_id, date, jsonb_object_agg(province, n) as j
        from (select customer_id, date, province, count(*) as n from tagged where province is not null and province <> '' group by 1, 2, 3) x group by 1, 2
      ),
      cities as (
        select customer_id, date, jsonb_object_agg(city, n) as j
        from (select customer_id, date, city, count(*) as n from tagged where city is not null and city <> '' group by 1, 2, 3) x group by 1, 2
      ),
      products as (
        select customer_id, date, jsonb_object_agg(product, n) as j
        from (select customer_id, date, product, count(*) as n from tagged group by 1, 2, 3) x group by 1, 2
      ),
      added as (
        insert into customer_habit_days (customer_id, date, shipments, freight_fen, day)
        select b.customer_id, b.date, b.n, b.fen,
          jsonb_build_object(
            'date', to_char(b.date, 'YYYY-MM-DD'), 'shipments', b.n, 'freightFen', b.fen,
            'weightBands', coalesce(w.j, '{}'::jsonb), 'hours', to_jsonb(b.hours),
            'provinces', coalesce(p.j, '{}'::jsonb), 'cities', coalesce(ci.j, '{}'::jsonb),
            'products', coalesce(pr.j, '{}'::jsonb), 'collect', b.c)
        from base b
        left join bands w using (customer_id, date)
        left join provinces p using (customer_id, date)
        left join cities ci using (customer_id, date)
        left join products pr using (customer_id, date)
        returning customer_id
      )
      select distinct customer_id from added where ${daily}`.execute(db);
  return rows.map((r) => r.customer_id);
}

/**
 * Writes the HabitDay rows of the local dates [from, to) (both 'YYYY-MM-DD'), replacing what was
 * stored for them, in the caller's transaction: a run repeated gives the same rows. Returns the
 * customers whose days changed.
 */
async function writeHabitDays(trx: Db, from: string, to: string, timeZone: string): Promise<{ removed: string[]; added: string[] }> {
  const { rows: removed } = await sql<{ customer_id: string }>`
    with gone as (delete from customer_habit_days where date >= ${from}::date and date < ${to}::date returning customer_id)
    select distinct customer_id from gone`.execute(trx);
  const added = await insertHabitDays(trx, from, to, timeZone);
  return { removed: removed.map((r) => r.customer_id), added };
}

/**
 * Every HabitDay again, up to `to` (exclusive): whole days from `detailFrom` on (the days the
 * habits fold), counts only before it (what RFM and the tier read; `day` null). Set-based, in one
 * transaction that empties the table first, so readers see the old days or the new ones.
 */
async function rewriteAllHabitDays(db: Db, detailFrom: string, to: string, timeZone: string): Promise<void> {
  const { start } = bounds(detailFrom, to, timeZone);
  await inTransaction(db, async (trx) => {
    await sql`truncate customer_habit_days`.execute(trx);
    // The table's indexes (its key among them) are built once after the load, as a restore does:
    // cheaper than a descent of each index for each of millions of rows. Read from the catalogue,
    // so the migrations stay the one place that says what they are.
    const { rows: indexes } = await sql<{ name: string; def: string; key: string | null }>`
      select i.relname as name, pg_get_indexdef(x.indexrelid) as def, pg_get_constraintdef(k.oid) as key
      from pg_index x join pg_class i on i.oid = x.indexrelid left join pg_constraint k on k.conindid = x.indexrelid
      where x.indrelid = 'customer_habit_days'::regclass`.execute(trx);
    for (const i of indexes) {
      await (i.key ? sql`alter table customer_habit_days drop constraint ${sql.id(i.name)}` : sql`drop index ${sql.id(i.name)}`).execute(trx);
    }
    await sql`
      with ${CONTACT_PHONES}
      insert into customer_habit_days (customer_id, date, shipments, freight_fen, day)
      select customer_id, local_at::date, count(*), sum(coalesce(freight_fen, 0)), null
      from (${ownedParcels(new Date(0), start, timeZone, false)}) o
      group by 1, 2`.execute(trx);
    await insertHabitDays(trx, detailFrom, to, timeZone, false);
    for (const i of indexes) {
      await (i.key ? sql`alter table customer_habit_days add constraint ${sql.id(i.name)} ${sql.raw(i.key)}` : sql.raw(i.def)).execute(trx);
    }
  });
}

/** The first date of the RFM window of a run on `today` (a local date). */
function windowFromOf(today: string): string {
  return addDays(today, -RFM_WINDOW_DAYS);
}

/** The months the totals keep by month: the window's first month and the 12 after it. */
const TOTAL_MONTHS = 13;

/** year × 12 + month − 1 of a 'YYYY-MM…' date or month. */
function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/**
 * The running totals of these customers (all, with `null`: the table emptied and written again)
 * from their ledger days, for the window starting `windowFrom`: the last date, the window's
 * parcels and freight, and the freight of each of the TOTAL_MONTHS whole months from the window's
 * first month (the tier averages whole months). One aggregate per customer in one pass over the
 * ledger (a hash of customers, each month a filtered sum). A customer left without days loses
 * its row.
 */
async function refreshTotals(trx: Db, customerIds: readonly string[] | null, windowFrom: string): Promise<void> {
  if (customerIds !== null && customerIds.length === 0) return;
  const first = monthNumber(windowFrom);
  const monthStart = (n: number) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}-01`;
  const months = sql.join(
    Array.from({ length: TOTAL_MONTHS }, (_, i) => sql`sum(freight_fen) filter (where date >= ${monthStart(first + i)}::date and date < ${monthStart(first + i + 1)}::date)`),
  );
  const only = customerIds === null ? sql`` : sql`where customer_id = any(${customerIds}::uuid[])`;
  if (customerIds === null) await sql`truncate customer_totals`.execute(trx);
  else await sql`delete from customer_totals where customer_id = any(${customerIds}::uuid[])`.execute(trx);
  await sql`
    insert into customer_totals (customer_id, last_date, shipments, freight_fen, first_month, month_fen)
    select customer_id, max(date), coalesce(sum(shipments) filter (where date >= ${windowFrom}::date), 0),
      coalesce(sum(freight_fen) filter (where date >= ${windowFrom}::date), 0), ${first}::int, array[${months}]
    from customer_habit_days ${only} group by customer_id`.execute(trx);
}

/**
 * Adds the HabitDay of `day` (on or after the window's first date) to the totals of these
 * customers, who had no stored day on that date before: one row read and one written per customer,
 * whatever the length of their history — the daily run's way. A customer without totals yet gets
 * its first row; the day's freight goes to its month's place in the row's own months.
 */
async function addDayToTotals(trx: Db, customerIds: readonly string[], day: string, windowFrom: string): Promise<void> {
  if (customerIds.length === 0) return;
  const first = monthNumber(windowFrom);
  const month = monthNumber(day);
  await sql`
    insert into customer_totals as t (customer_id, last_date, shipments, freight_fen, first_month, month_fen)
    select customer_id, date, shipments, freight_fen, ${first}::int,
      array_fill(null::bigint, array[${month - first}::int]) || array[freight_fen]
    from customer_habit_days where date = ${day}::date and customer_id = any(${customerIds}::uuid[])
    on conflict (customer_id) do update set
      last_date = greatest(t.last_date, excluded.last_date),
      shipments = t.shipments + excluded.shipments,
      freight_fen = t.freight_fen + excluded.freight_fen,
      month_fen[${month}::int - t.first_month + 1] = coalesce(t.month_fen[${month}::int - t.first_month + 1], 0) + excluded.freight_fen`.execute(trx);
}

/**
 * Moves the totals' window to start `windowFromOf(today)`: the customers with a ledger day
 * between the old start and the new are refreshed (a day's move: the customers of one day); the
 * first time, every customer. In one transaction holding the state row, so two runs take turns.
 */
async function alignTotals(db: Db, today: string): Promise<string> {
  const windowFrom = windowFromOf(today);
  await inTransaction(db, async (trx) => {
    const { rows } = await sql<{ window_from: string | null }>`
      select to_char(window_from, 'YYYY-MM-DD') as window_from from customer_derive_state for update`.execute(trx);
    const current = rows[0]?.window_from ?? null;
    if (current === windowFrom) return;
    if (current === null) await refreshTotals(trx, null, windowFrom);
    else {
      const [a, b] = current < windowFrom ? [current, windowFrom] : [windowFrom, current];
      const { rows: crossing } = await sql<{ customer_id: string }>`
        select distinct customer_id from customer_habit_days where date >= ${a}::date and date < ${b}::date`.execute(trx);
      await refreshTotals(
        trx,
        crossing.map((r) => r.customer_id),
        windowFrom,
      );
    }
    await sql`update customer_derive_state set window_from = ${windowFrom}::date`.execute(trx);
  });
  return windowFrom;
}

/**
 * Every customer's totals again from the ledger, in one set-based pass over it (after a rebuild
 * or a correction of the ledger; the daily runs keep them otherwise).
 */
async function rewriteAllTotals(db: Db, today: string): Promise<void> {
  const windowFrom = windowFromOf(today);
  await inTransaction(db, async (trx) => {
    await sql`select 1 from customer_derive_state for update`.execute(trx);
    await refreshTotals(trx, null, windowFrom);
    await sql`update customer_derive_state set window_from = ${windowFrom}::date`.execute(trx);
  });
}

/**
 * The totals of these customers again from their ledger days, in the caller's transaction, if
 * the totals exist yet (a merge moves days from one customer to another).
 */
export async function refreshCustomerTotals(trx: Db, customerIds: readonly string[]): Promise<void> {
  const { rows } = await sql<{ window_from: string | null }>`select to_char(window_from, 'YYYY-MM-DD') as window_from from customer_derive_state`.execute(trx);
  const windowFrom = rows[0]?.window_from ?? null;
  if (windowFrom !== null) await refreshTotals(trx, customerIds, windowFrom);
}

/**
 * The daily run: yesterday's (local) parcels become HabitDay rows, the totals of the customers
 * they touched are refreshed, and the habit period ends on that day (the customer view folds
 * it). Repeating it changes nothing. Its cost follows the day's parcels and customers.
 */
export async function runDailyHabits(db: Db, now: Date, timeZone: string) {
  const day = addDays(localDate(now, timeZone), -1);
  const touched = await inTransaction(db, async (trx) => {
    const { rows } = await sql<{ window_from: string | null }>`
      select to_char(window_from, 'YYYY-MM-DD') as window_from from customer_derive_state for update`.execute(trx);
    const { removed, added } = await writeHabitDays(trx, day, addDays(day, 1), timeZone);
    const windowFrom = rows[0]?.window_from ?? null;
    const rewritten = new Set(removed);
    if (windowFrom !== null) {
      // A first run for the day adds it to each customer's totals; a repeated run (the day's rows
      // replaced) sums those customers' ledgers again, as does a day before the window's start.
      const fresh = day >= windowFrom ? added.filter((id) => !rewritten.has(id)) : [];
      await addDayToTotals(trx, fresh, day, windowFrom);
      const freshSet = new Set(fresh);
      await refreshTotals(trx, [...new Set([...removed, ...added])].filter((id) => !freshSet.has(id)), windowFrom);
    }
    await sql`update customer_derive_state set habits_day = ${day}::date, habits_computed_at = ${now}`.execute(trx);
    return new Set([...removed, ...added]);
  });
  return { day, customers: touched.size };
}

/** The tier policy in force: the newest stored version (the domain default when none is stored). */
export async function currentTierPolicy(db: Db): Promise<TierPolicy> {
  const row = await db.selectFrom('customer_tier_policies').select(['version', 'rules']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) return DEFAULT_TIER_POLICY;
  const rules = typeof row.rules === 'string' ? (JSON.parse(row.rules) as unknown) : row.rules;
  if (validateTierPolicy(rules).length > 0) throw new Error(`tier policy version ${row.version} is invalid`);
  return { version: row.version, rules: rules as TierPolicy['rules'] };
}

/**
 * RFM for every customer with a stored day, scored over the whole population by the domain rule,
 * from the running totals (one small row per customer; the ledger holds no day after the run's).
 */
export async function recomputeRfm(db: Db, now: Date, timeZone: string): Promise<number> {
  await alignTotals(db, localDate(now, timeZone));
  const { rows } = await sql<{ customer_id: string; last_date: string; f: number; m: string | number }>`
    select customer_id, to_char(last_date, 'YYYY-MM-DD') as last_date, shipments as f, freight_fen as m from customer_totals`.execute(db);
  // The last parcel's local date stands for its instant (recency counts local dates only); a
  // year holds ~400 dates, so each is converted once.
  const noons = new Map<string, Date>();
  const noonOf = (date: string) => noons.get(date) ?? noons.set(date, fromWallClock(Date.parse(`${date}T12:00:00Z`), timeZone)).get(date)!;
  const scored = scoreRfm(
    rows.map((r) => ({
      customerId: r.customer_id,
      lastShipmentAt: noonOf(r.last_date),
      frequency: Number(r.f),
      monetaryFen: Number(r.m),
    })),
    now,
    timeZone,
  );
  // Column arrays unnested (no JSON document to build and parse for 600,000 rows), and a row
  // written only where the customer's values moved: a day later most standings are the same.
  const BATCH = 50_000;
  const today = localDate(now, timeZone);
  const lastDates = new Map(rows.map((r) => [r.customer_id, r.last_date]));
  for (let i = 0; i < scored.length; i += BATCH) {
    const slice = scored.slice(i, i + BATCH);
    const column = <T>(pick: (s: (typeof scored)[number]) => T) => slice.map(pick);
    await sql`
      insert into customer_segments as s (customer_id, last_date, frequency, monetary_fen, r, f, m, segment)
      select * from unnest(${column((s) => s.customerId)}::uuid[], ${column((s) => lastDates.get(s.customerId)!)}::date[], ${column((s) => s.frequency)}::int[],
        ${column((s) => s.monetaryFen)}::bigint[], ${column((s) => s.r)}::smallint[], ${column((s) => s.f)}::smallint[],
        ${column((s) => s.m)}::smallint[], ${column((s) => s.segment)}::text[])
      on conflict (customer_id) do update set last_date = excluded.last_date, frequency = excluded.frequency,
        monetary_fen = excluded.monetary_fen, r = excluded.r, f = excluded.f, m = excluded.m, segment = excluded.segment
      where (s.last_date, s.frequency, s.monetary_fen, s.r, s.f, s.m, s.segment)
        is distinct from (excluded.last_date, excluded.frequency, excluded.monetary_fen, excluded.r, excluded.f, excluded.m, excluded.segment)`.execute(db);
  }
  await sql`update customer_derive_state set rfm_day = ${today}::date, rfm_computed_at = ${now}`.execute(db);
  return scored.length;
}

/**
 * The freight of each customer in these whole months ('YYYY-MM'): from the totals when they hold
 * the months (those from the RFM window's first month, so a policy of up to 12 months; a row
 * refreshed under an earlier window starts earlier, and a customer with no day since has none
 * after), else from the ledger.
 */
async function spendByMonth(db: Db, months: readonly string[], windowFrom: string) {
  const { rows } =
    monthNumber(months[0]!) >= monthNumber(windowFrom)
      ? await sql<{ customer_id: string; month: string; fen: string | number }>`
          select t.customer_id, m.month, t.month_fen[m.n - t.first_month + 1] as fen
          from customer_totals t cross join unnest(${months}::text[], ${months.map(monthNumber)}::int[]) as m(month, n)
          where t.month_fen[m.n - t.first_month + 1] is not null`.execute(db)
      : await sql<{ customer_id: string; month: string; fen: string | number }>`
          select customer_id, to_char(date, 'YYYY-MM') as month, sum(freight_fen) as fen
          from customer_habit_days where date >= ${`${months[0]}-01`}::date and date < ${addMonthsDate(months.at(-1)!)}::date group by 1, 2`.execute(db);
  const byCustomer = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let spend = byCustomer.get(r.customer_id);
    if (!spend) byCustomer.set(r.customer_id, (spend = new Map()));
    spend.set(r.month, Number(r.fen));
  }
  return byCustomer;
}

/**
 * The tier rule for every live customer: the spend of the policy's whole months from the running
 * totals, except where a tier set by hand still holds (it stands; a pin past its last day ends
 * here). A changed tier is written to `customers.tier` (which the SLA policies read) and appended
 * to the customer's timeline as 'tier_changed' with its reason, in one transaction per batch.
 */
export async function recomputeTiers(db: Db, now: Date, timeZone: string) {
  const policy = await currentTierPolicy(db);
  const window = tierWindow(now, policy, timeZone);
  const windowFrom = await alignTotals(db, localDate(now, timeZone));
  const byCustomer = await spendByMonth(db, window.months, windowFrom);
  const pins = await currentTierPins(db, localDate(now, timeZone));
  // With whether a reason is stored: one that no longer holds is replaced, not left under this run's instant.
  const { rows: customers } = await sql<{ id: string; tier: string; reasoned: boolean }>`
    select c.id, c.tier, s.tier_reason is not null as reasoned
    from customers c left join customer_segments s on s.customer_id = c.id where c.merged_into_id is null`.execute(db);
  const changes: { id: string; from: string; to: string; reason: unknown }[] = [];
  const reasons: { id: string; reason: string }[] = [];
  for (const c of customers) {
    const months = byCustomer.get(c.id);
    // A tier set by hand stands over the numbers until its last day (use-cases/tier-pin.ts).
    const decision = assessTier({ spendByMonth: months ?? new Map(), pinned: pins.get(c.id) ?? null }, policy, now, timeZone);
    if (decision.tier !== c.tier) changes.push({ id: c.id, from: c.tier, to: decision.tier, reason: decision.reason });
    if (months || decision.tier !== c.tier || c.tier !== 'standard' || c.reasoned) reasons.push({ id: c.id, reason: JSON.stringify(decision.reason) });
  }
  // Written only where the reason or the policy moved (most months' reasons stand all month).
  const BATCH = 50_000;
  for (let i = 0; i < reasons.length; i += BATCH) {
    const slice = reasons.slice(i, i + BATCH);
    await sql`
      insert into customer_segments as s (customer_id, tier_reason, tier_policy_version)
      select x.customer_id, x.reason, ${policy.version}
      from unnest(${slice.map((r) => r.id)}::uuid[], ${slice.map((r) => r.reason)}::jsonb[]) as x(customer_id, reason)
      on conflict (customer_id) do update set tier_reason = excluded.tier_reason, tier_policy_version = excluded.tier_policy_version
      where (s.tier_reason, s.tier_policy_version) is distinct from (excluded.tier_reason, excluded.tier_policy_version)`.execute(db);
  }
  await sql`update customer_derive_state set tier_computed_at = ${now}`.execute(db);
  for (let i = 0; i < changes.length; i += BATCH) {
    const slice = changes.slice(i, i + BATCH);
    await inTransaction(db, async (trx) => {
      // Only where the tier is still what was read: a concurrent change wins and is judged next run.
      const { rows } = await sql<{ id: string }>`
        update customers c set tier = x.to_tier, updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(slice.map((s) => ({ id: s.id, from_tier: s.from, to_tier: s.to })))}::jsonb)
          as x(id uuid, from_tier text, to_tier text)
        where c.id = x.id and c.tier = x.from_tier and c.merged_into_id is null
        returning c.id`.execute(trx);
      const done = new Set(rows.map((r) => r.id));
      await addCustomerEvents(
        trx,
        slice.filter((s) => done.has(s.id)).map((s) => ({ customerId: s.id, kind: 'tier_changed', detail: { from: s.from, to: s.to, reason: s.reason, policyVersion: policy.version } })),
        { id: null, name: 'system' },
      );
    });
  }
  return { customers: customers.length, changed: changes.length, policyVersion: policy.version };
}

/**
 * The tiers set by hand that hold on `today` (a local date): pins whose last day has passed are
 * ended first, each with a `tier_pin_ended` entry on its customer's timeline, in one transaction.
 */
async function currentTierPins(db: Db, today: string): Promise<Map<string, CustomerTier>> {
  return inTransaction(db, async (trx) => {
    const { rows: ended } = await sql<{ customer_id: string; tier: string; reason: string; until: string }>`
      delete from customer_tier_pins where until < ${today}::date
      returning customer_id, tier, reason, to_char(until, 'YYYY-MM-DD') as until`.execute(trx);
    await addCustomerEvents(
      trx,
      ended.map((p) => ({ customerId: p.customer_id, kind: 'tier_pin_ended', detail: { tier: p.tier, reason: p.reason, until: p.until } })),
      { id: null, name: 'system' },
    );
    const pins = await trx.selectFrom('customer_tier_pins').select(['customer_id', 'tier']).execute();
    return new Map(pins.map((p) => [p.customer_id, p.tier as CustomerTier]));
  });
}

/** RFM and tiers, one after the other (the `customer-segments` job). */
export async function recomputeSegments(db: Db, now: Date, timeZone: string) {
  const rfm = await recomputeRfm(db, now, timeZone);
  const tiers = await recomputeTiers(db, now, timeZone);
  return { rfm, ...tiers };
}

/**
 * Habits, RFM and tiers of every customer from the ledger: the totals in one set-based pass over
 * it, then RFM and the tier from the totals; the habits are folded when read. What a correction
 * of the ledger needs; the daily runs keep the totals otherwise.
 */
export async function recomputeCustomerDerived(db: Db, now: Date, timeZone: string) {
  const seconds: Record<string, number> = {};
  let mark = performance.now();
  const lap = (step: string) => {
    seconds[step] = Math.round(performance.now() - mark) / 1000;
    mark = performance.now();
  };
  await rewriteAllTotals(db, localDate(now, timeZone));
  lap('totals');
  const rfm = await recomputeRfm(db, now, timeZone);
  lap('rfm');
  const tiers = await recomputeTiers(db, now, timeZone);
  lap('tiers');
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from customer_totals`.execute(db);
  return { totals: rows[0]!.n, rfm, ...tiers, seconds };
}

/**
 * Everything again from the raw shipments: every HabitDay up to yesterday (the habit period ends
 * there), then `recomputeCustomerDerived`. For a first deployment or after a correction.
 */
export async function rebuildCustomerDerived(db: Db, now: Date, timeZone: string) {
  const started = performance.now();
  const today = localDate(now, timeZone);
  const yesterday = addDays(today, -1);
  await rewriteAllHabitDays(db, addDays(yesterday, 1 - HABIT_PERIOD_DAYS), today, timeZone);
  await sql`update customer_derive_state set habits_day = ${yesterday}::date, habits_computed_at = ${now}`.execute(db);
  const habitDays = Math.round(performance.now() - started) / 1000;
  const derived = await recomputeCustomerDerived(db, now, timeZone);
  return { ...derived, seconds: { habitDays, ...derived.seconds } };
}

function addMonthsDate(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}
