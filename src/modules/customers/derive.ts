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
 * The day's parcels are reduced to one `HabitDay` per customer in one SQL statement (grouped by
 * customer and date, each parcel's phone probed in the customers' phone index); the habits of the
 * customers touched are then folded from their stored days (the last HABIT_PERIOD_DAYS). RFM and
 * the tier read the stored days, never the shipments table. The rebuild writes every day again
 * in one transaction, whole for the habit period and counts only before it, with the table's
 * indexes built after the load.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { foldHabits, WEIGHT_BANDS_G, type HabitDay } from '../../domain/customers/habits.js';
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
    ? sql`left join lateral (select id, merged_into_id from customers where phone = s.sender_phone) c on true
          left join lateral (select customer_id from customer_contacts where phones @> array[s.sender_phone] order by customer_id limit 1) cp on true`
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
 * stored for them: a run repeated gives the same rows. Returns the customers whose days changed.
 */
export async function writeHabitDays(db: Db, from: string, to: string, timeZone: string): Promise<string[]> {
  return inTransaction(db, async (trx) => {
    const { rows: removed } = await sql<{ customer_id: string }>`
      with gone as (delete from customer_habit_days where date >= ${from}::date and date < ${to}::date returning customer_id)
      select distinct customer_id from gone`.execute(trx);
    const added = await insertHabitDays(trx, from, to, timeZone);
    return [...new Set([...removed.map((r) => r.customer_id), ...added])];
  });
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

/** The promise, marked handled while it waits its turn (whoever awaits it later still gets its error). */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** Folds and stores the habits of these customers for the HABIT_PERIOD_DAYS ending `to` (a local date). */
export async function refoldHabits(db: Db, customerIds: readonly string[], to: string, now: Date): Promise<number> {
  const from = addDays(to, 1 - HABIT_PERIOD_DAYS);
  const BATCH = 5000;
  const read = (ids: readonly string[]) =>
    quiet(
      sql<{ customer_id: string; day: HabitDay | string }>`
        select customer_id, day from customer_habit_days
        where customer_id = any(${ids}::uuid[]) and date >= ${from}::date and date <= ${to}::date`.execute(db),
    );
  // A batch is read while the one before is folded and its upsert runs: PostgreSQL and this
  // process work at the same time.
  let next = customerIds.length > 0 ? read(customerIds.slice(0, BATCH)) : null;
  let writing: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < customerIds.length; i += BATCH) {
    const ids = customerIds.slice(i, i + BATCH);
    const { rows } = await next!;
    next = i + BATCH < customerIds.length ? read(customerIds.slice(i + BATCH, i + 2 * BATCH)) : null;
    const days = new Map<string, HabitDay[]>(ids.map((id) => [id, []]));
    for (const r of rows) days.get(r.customer_id)!.push(typeof r.day === 'string' ? (JSON.parse(r.day) as HabitDay) : r.day);
    const out = [...days].map(([customerId, list]) => ({ customer_id: customerId, habits: foldHabits(list, { from, to }) }));
    await writing;
    writing = quiet(sql`
      insert into customer_habits (customer_id, period_from, period_to, habits, computed_at)
      select x.customer_id, ${from}::date, ${to}::date, x.habits, ${now}
      from jsonb_to_recordset(${JSON.stringify(out)}::jsonb) as x(customer_id uuid, habits jsonb)
      on conflict (customer_id) do update set period_from = excluded.period_from, period_to = excluded.period_to,
        habits = excluded.habits, computed_at = excluded.computed_at`.execute(db));
  }
  await writing;
  return customerIds.length;
}

/**
 * The daily run: yesterday's (local) parcels become HabitDay rows, and the habits of the
 * customers they touched are folded again. Repeating it changes nothing.
 */
export async function runDailyHabits(db: Db, now: Date, timeZone: string) {
  const day = addDays(localDate(now, timeZone), -1);
  const touched = await writeHabitDays(db, day, addDays(day, 1), timeZone);
  await refoldHabits(db, touched, day, now);
  return { day, customers: touched.length };
}

/** The tier policy in force: the newest stored version (the domain default when none is stored). */
export async function currentTierPolicy(db: Db): Promise<TierPolicy> {
  const row = await db.selectFrom('customer_tier_policies').select(['version', 'rules']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) return DEFAULT_TIER_POLICY;
  const rules = typeof row.rules === 'string' ? (JSON.parse(row.rules) as unknown) : row.rules;
  if (validateTierPolicy(rules).length > 0) throw new Error(`tier policy version ${row.version} is invalid`);
  return { version: row.version, rules: rules as TierPolicy['rules'] };
}

/** RFM for every customer with a stored day, scored over the whole population by the domain rule. */
export async function recomputeRfm(db: Db, now: Date, timeZone: string): Promise<number> {
  const today = localDate(now, timeZone);
  const windowFrom = addDays(today, -RFM_WINDOW_DAYS);
  const { rows } = await sql<{ customer_id: string; last_date: string; f: string | number; m: string | number }>`
    select customer_id, to_char(max(date), 'YYYY-MM-DD') as last_date,
      coalesce(sum(shipments) filter (where date >= ${windowFrom}::date and date <= ${today}::date), 0) as f,
      coalesce(sum(freight_fen) filter (where date >= ${windowFrom}::date and date <= ${today}::date), 0) as m
    from customer_habit_days group by customer_id`.execute(db);
  // The last parcel's local date stands for its instant: recency counts local dates only.
  const scored = scoreRfm(
    rows.map((r) => ({
      customerId: r.customer_id,
      lastShipmentAt: fromWallClock(Date.parse(`${r.last_date}T12:00:00Z`), timeZone),
      frequency: Number(r.f),
      monetaryFen: Number(r.m),
    })),
    now,
    timeZone,
  );
  const BATCH = 20_000;
  for (let i = 0; i < scored.length; i += BATCH) {
    const slice = scored.slice(i, i + BATCH).map((s) => [s.customerId, s.recencyDays, s.frequency, s.monetaryFen, s.r, s.f, s.m, s.segment]);
    await sql`
      insert into customer_segments (customer_id, recency_days, frequency, monetary_fen, r, f, m, segment, rfm_computed_at)
      select (x->>0)::uuid, (x->>1)::int, (x->>2)::int, (x->>3)::bigint, (x->>4)::smallint, (x->>5)::smallint, (x->>6)::smallint, x->>7, ${now}
      from jsonb_array_elements(${JSON.stringify(slice)}::jsonb) x
      on conflict (customer_id) do update set recency_days = excluded.recency_days, frequency = excluded.frequency,
        monetary_fen = excluded.monetary_fen, r = excluded.r, f = excluded.f, m = excluded.m, segment = excluded.segment,
        rfm_computed_at = excluded.rfm_computed_at`.execute(db);
  }
  return scored.length;
}

/**
 * The tier rule for every live customer: the spend of the policy's whole months from the stored
 * days, except where a tier set by hand still holds (it stands; a pin past its last day ends here). A changed tier is written to `customers.tier` (which the SLA policies read) and appended
 * to the customer's timeline as 'tier_changed' with its reason, in one transaction per batch.
 */
export async function recomputeTiers(db: Db, now: Date, timeZone: string) {
  const policy = await currentTierPolicy(db);
  const window = tierWindow(now, policy, timeZone);
  const first = `${window.months[0]}-01`;
  const end = `${addMonthsDate(window.months.at(-1)!)}`;
  const { rows: spend } = await sql<{ customer_id: string; month: string; fen: string | number }>`
    select customer_id, to_char(date, 'YYYY-MM') as month, sum(freight_fen) as fen
    from customer_habit_days where date >= ${first}::date and date < ${end}::date group by 1, 2`.execute(db);
  const byCustomer = new Map<string, Map<string, number>>();
  for (const r of spend) {
    let months = byCustomer.get(r.customer_id);
    if (!months) byCustomer.set(r.customer_id, (months = new Map()));
    months.set(r.month, Number(r.fen));
  }
  const pins = await currentTierPins(db, localDate(now, timeZone));
  const customers = await db.selectFrom('customers').select(['id', 'tier']).where('merged_into_id', 'is', null).execute();
  const changes: { id: string; from: string; to: string; reason: unknown }[] = [];
  const reasons: unknown[][] = [];
  for (const c of customers) {
    const months = byCustomer.get(c.id);
    // A tier set by hand stands over the numbers until its last day (use-cases/tier-pin.ts).
    const decision = assessTier({ spendByMonth: months ?? new Map(), pinned: pins.get(c.id) ?? null }, policy, now, timeZone);
    if (decision.tier !== c.tier) changes.push({ id: c.id, from: c.tier, to: decision.tier, reason: decision.reason });
    if (months || decision.tier !== c.tier || c.tier !== 'standard') reasons.push([c.id, decision.reason]);
  }
  const BATCH = 20_000;
  for (let i = 0; i < reasons.length; i += BATCH) {
    await sql`
      insert into customer_segments (customer_id, tier_reason, tier_policy_version, tier_computed_at)
      select (x->>0)::uuid, x->1, ${policy.version}, ${now} from jsonb_array_elements(${JSON.stringify(reasons.slice(i, i + BATCH))}::jsonb) x
      on conflict (customer_id) do update set tier_reason = excluded.tier_reason, tier_policy_version = excluded.tier_policy_version,
        tier_computed_at = excluded.tier_computed_at`.execute(db);
  }
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
 * Everything again from the raw shipments: every HabitDay up to yesterday, the habits of every
 * customer with a day in the period, RFM and tiers. For a first deployment or after a correction.
 */
export async function rebuildCustomerDerived(db: Db, now: Date, timeZone: string) {
  const seconds: Record<string, number> = {};
  let mark = performance.now();
  const lap = (step: string) => {
    seconds[step] = Math.round(performance.now() - mark) / 1000;
    mark = performance.now();
  };
  const today = localDate(now, timeZone);
  const yesterday = addDays(today, -1);
  await rewriteAllHabitDays(db, addDays(yesterday, 1 - HABIT_PERIOD_DAYS), today, timeZone);
  lap('habitDays');
  const { rows } = await sql<{ customer_id: string }>`
    select distinct customer_id from customer_habit_days where date >= ${addDays(yesterday, 1 - HABIT_PERIOD_DAYS)}::date and date <= ${yesterday}::date`.execute(db);
  await sql`delete from customer_habits`.execute(db);
  await refoldHabits(db, rows.map((r) => r.customer_id), yesterday, now);
  lap('habits');
  const rfm = await recomputeRfm(db, now, timeZone);
  lap('rfm');
  const tiers = await recomputeTiers(db, now, timeZone);
  lap('tiers');
  return { habits: rows.length, rfm, ...tiers, seconds };
}

function addMonthsDate(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}
