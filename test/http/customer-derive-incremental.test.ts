/**
 * The incremental path equals a full recompute from the raw shipments (docs/architecture.md,
 * Customers; issue 17 §9): for random histories of parcels over more than a year, a rebuild some
 * days back followed by one daily habits run and one segments run a day, each moving the running
 * totals' window by a day, leaves every customer's habits, RFM standing and tier exactly as a
 * rebuild from the raw shipments on the last day does — and the habits are the domain's direct
 * computation from the customer's parcels. Parcels sit on purpose around the RFM window's start
 * and the habit period's start as both move.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { habitsOf, type HabitShipment } from '../../src/domain/customers/habits.js';
import { fromWallClock } from '../../src/domain/time-limits/working-days.js';
import { addDays, HABIT_PERIOD_DAYS, localDate, rebuildCustomerDerived, recomputeSegments, runDailyHabits } from '../../src/modules/customers/derive.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

const TZ = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
/** days the incremental path runs, one daily run and one segments run each */
const STEPS = 5;
let t: TestApp;
let kam: Session;

beforeAll(async () => {
  t = await createTestApp();
  kam = await t.signIn('kam01');
});
afterAll(() => t.close());

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = [
  ['110000', '110100'],
  ['310000', '310100'],
  ['440000', '440300'],
  ['330000', '330100'],
  [null, null],
] as const;

interface Parcel extends HabitShipment {
  senderPhone: string | null;
  account: string | null;
}

let waybills = 0;

/** Customers (one with a monthly account, one shipping through a contact's phone) and their random parcels. */
async function history(seed: number, today: string) {
  const rnd = random(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const customers: { id: string; parcels: Parcel[] }[] = [];
  for (let c = 0; c < 6; c++) {
    const phone = `139${String(seed).padStart(4, '0')}${String(c).padStart(4, '0')}`;
    const account = c === 0 ? `R${String(seed).padStart(4, '0')}000${c}` : null;
    const contactPhone = c === 1 ? `137${String(seed).padStart(4, '0')}${String(c).padStart(4, '0')}` : null;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/customers',
      headers: kam.headers(),
      payload: {
        kind: account ? 'enterprise' : 'individual',
        name: `随机${seed}号客户${c}`,
        phone,
        ...(account && { monthlyAccounts: [account] }),
        ...(contactPhone && { contacts: [{ name: '联系人', role: '发货', phones: [contactPhone] }] }),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    // Days ago: anywhere in the last 420, and some around where the RFM window and the habit period start as they move.
    const daysAgo = () => {
      const r = rnd();
      if (r < 0.15) return 363 + Math.floor(rnd() * (STEPS + 4));
      if (r < 0.3) return HABIT_PERIOD_DAYS - 2 + Math.floor(rnd() * (STEPS + 4));
      if (r < 0.45) return 1 + Math.floor(rnd() * (STEPS + 1));
      return 1 + Math.floor(rnd() * 420);
    };
    const count = c === 5 ? 0 : Math.floor(rnd() * 25);
    const parcels: Parcel[] = [];
    for (let p = 0; p < count; p++) {
      const date = addDays(today, -daysAgo());
      const sentAt = fromWallClock(Date.parse(`${date}T${String(Math.floor(rnd() * 24)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00Z`), TZ);
      const [province, city] = pick(PLACES);
      parcels.push({
        sentAt,
        weightG: rnd() < 0.1 ? null : Math.floor(rnd() * 30_000),
        freightFen: rnd() < 0.05 ? null : 500 + Math.floor(rnd() * 200_000),
        paymentTerm: account ? 'monthly' : pick(['sender_pays', 'collect']),
        product: pick(['standard', 'express']),
        destProvince: province,
        destCity: city,
        senderPhone: account ? null : contactPhone && rnd() < 0.5 ? contactPhone : phone,
        account,
      });
    }
    if (parcels.length > 0) {
      await t.database.db
        .insertInto('shipments')
        .values(
          parcels.map((p) => ({
            waybill_no: `RH${String(++waybills).padStart(10, '0')}`,
            sender_phone: p.senderPhone,
            recipient_phone: '15900000000',
            monthly_account: p.account,
            picked_up_at: p.sentAt,
            weight_g: p.weightG,
            freight_fen: p.freightFen,
            payment_term: p.paymentTerm,
            product: p.product,
            recipient_province: p.destProvince,
            recipient_city: p.destCity,
          })),
        )
        .execute();
    }
    customers.push({ id: res.json().id, parcels });
  }
  return customers;
}

/** What the customer view shows of the derived values, without the instants of the runs. */
async function derived(id: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/customers/${id}`, headers: kam.headers() });
  expect(res.statusCode, res.body).toBe(200);
  const { habits, standing, profile } = res.json();
  const { computedAt: _rfmAt, ...rfm } = standing.rfm ?? { computedAt: null };
  const { computedAt: _tierAt, ...tier } = standing.tier ?? { computedAt: null };
  const { computedAt: _habitsAt, ...shownHabits } = habits;
  return { tier: profile.tier, rfm, tierReason: tier, habits: shownHabits };
}

describe('the incremental path', () => {
  it('equals a rebuild from the raw shipments for random histories, day after day', async () => {
    const now = new Date();
    const today = localDate(now, TZ);
    const all: { id: string; parcels: Parcel[] }[] = [];
    for (const seed of [11, 2026, 90_365]) all.push(...(await history(seed, today)));

    // The incremental path: a rebuild STEPS days back, then each day the habits run and the segments run.
    await rebuildCustomerDerived(t.database.db, new Date(now.getTime() - STEPS * DAY_MS), TZ);
    for (let k = STEPS - 1; k >= 0; k--) {
      const day = new Date(now.getTime() - k * DAY_MS);
      await runDailyHabits(t.database.db, day, TZ);
      await recomputeSegments(t.database.db, day, TZ);
    }
    const incremental = await Promise.all(all.map((c) => derived(c.id)));

    await rebuildCustomerDerived(t.database.db, now, TZ);
    const rebuilt = await Promise.all(all.map((c) => derived(c.id)));
    expect(incremental).toEqual(rebuilt);

    // And both are the domain's computation straight from each customer's parcels.
    const yesterday = addDays(today, -1);
    const period = { from: addDays(yesterday, 1 - HABIT_PERIOD_DAYS), to: yesterday };
    let scored = 0;
    for (const [i, c] of all.entries()) {
      const inPeriod = c.parcels.filter((p) => localDate(p.sentAt, TZ) >= period.from);
      const shown = incremental[i]!;
      if (inPeriod.length === 0) expect(shown.habits).toEqual({ available: false, reason: 'not_computed_yet' });
      else expect(shown.habits).toMatchObject({ available: true, ...period, habits: JSON.parse(JSON.stringify(habitsOf(c.parcels, period, TZ))) });
      const inYear = c.parcels.filter((p) => localDate(p.sentAt, TZ) >= addDays(today, -365));
      if (c.parcels.length === 0) expect(shown.rfm).toEqual({});
      else {
        scored++;
        const last = c.parcels.map((p) => localDate(p.sentAt, TZ)).sort().at(-1)!;
        expect(shown.rfm).toMatchObject({
          recencyDays: (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${last}T00:00:00Z`)) / DAY_MS,
          frequency: inYear.length,
          monetaryFen: inYear.reduce((sum, p) => sum + (p.freightFen ?? 0), 0),
        });
      }
    }
    expect(scored).toBeGreaterThan(10);
  });
});
