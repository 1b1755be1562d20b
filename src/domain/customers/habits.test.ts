import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldHabits, habitDay, habitDaysOf, habitsOf, mergeHabitDays, usual, WEIGHT_BANDS_G, weightBand, type HabitShipment } from './habits.js';

const SH = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

const parcel = (sent: string, extra: Partial<HabitShipment> = {}): HabitShipment => ({
  sentAt: at(sent),
  weightG: 1200,
  freightFen: 1200,
  paymentTerm: 'monthly',
  product: 'standard',
  destProvince: '440000',
  destCity: '440300',
  ...extra,
});

describe('weightBand', () => {
  it.each([
    [0, 0],
    [99, 0],
    [100, 1],
    [999, 9],
    [1000, 10],
    [1499, 10],
    [1500, 11],
    [4999, 17],
    [5000, 18],
    [19_999, 32],
    [20_000, 33],
    [100_000, WEIGHT_BANDS_G.length - 1],
    [2_000_000, WEIGHT_BANDS_G.length - 1],
  ])('%i g is in band %i', (grams, band) => {
    expect(weightBand(grams)).toBe(band);
  });

  it('bands are increasing and end open', () => {
    for (let i = 1; i < WEIGHT_BANDS_G.length; i++) expect(WEIGHT_BANDS_G[i]!).toBeGreaterThan(WEIGHT_BANDS_G[i - 1]!);
    expect(WEIGHT_BANDS_G[WEIGHT_BANDS_G.length - 1]).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('usual: the fewest slots holding 80 %', () => {
  it.each([
    { case: 'nothing sent', counts: [0, 0, 0], total: 0, slots: [] },
    { case: 'one slot holds everything', counts: [0, 9, 0], total: 9, slots: [1] },
    { case: 'exactly 80 % in one slot is enough', counts: [8, 2, 0], total: 10, slots: [0] },
    { case: 'just under 80 % needs a second', counts: [79, 21, 0], total: 100, slots: [0, 1] },
    { case: 'a tie between slots: the earlier one', counts: [0, 5, 0, 5], total: 10, slots: [1, 3] },
    { case: 'equal use everywhere: the earliest slots, in order', counts: [1, 1, 1, 1, 1], total: 5, slots: [0, 1, 2, 3] },
  ])('$case', ({ counts, total, slots }) => {
    expect(usual(counts, total)).toEqual(slots);
  });
});

describe('habitsOf: a small customer in November 2026 (Shanghai)', () => {
  const parcels: HabitShipment[] = [
    parcel('2026-11-02 09:15', { weightG: 300, freightFen: 800, destProvince: '310000', destCity: '310100' }), // Monday
    parcel('2026-11-02 09:40', { weightG: 500, freightFen: 1000, paymentTerm: 'collect', destProvince: '310000', destCity: '310100' }),
    parcel('2026-11-03 10:05', { weightG: 1200, freightFen: 1200, product: 'express' }), // Tuesday
    parcel('2026-11-03 10:30', { weightG: null, freightFen: null }),
    parcel('2026-11-04 16:00', { weightG: 2500, freightFen: 2000, destProvince: null, destCity: null }), // Wednesday
    parcel('2026-11-30 23:59', { weightG: 25_000, freightFen: 9000, paymentTerm: 'collect' }), // Monday, the last minute
    parcel('2026-12-01 00:01', { weightG: 100, freightFen: 100_000 }), // outside: December in Shanghai
    parcel('2026-10-31 23:59', { weightG: 100, freightFen: 100_000 }), // outside: October
  ];
  const habits = habitsOf(parcels, { from: '2026-11-01', to: '2026-11-30', top: 2 }, SH);

  it('counts the period’s parcels and spend per average month', () => {
    expect(habits).toMatchObject({ from: '2026-11-01', to: '2026-11-30', days: 30, shipments: 6 });
    const months = 30 / (365.25 / 12);
    expect(habits.monthlyShipments).toBe(Math.round((6 / months) * 10) / 10);
    expect(habits.monthlySpendFen).toBe(Math.round(14_000 / months));
  });

  it('gives the weight range in bands of the 10th and 90th percentile (nearest rank)', () => {
    // 5 weighed: ranks ⌈0.5⌉ = 1 (300 g, band 300–400 g) and ⌈4.5⌉ = 5 (25 kg, band 25–30 kg)
    expect(habits.weightRange).toEqual({ fromG: 300, toG: 30_000 });
  });

  it('finds the usual hours and weekdays in local time', () => {
    expect(habits.hourCounts[9]).toBe(2);
    expect(habits.hourCounts[23]).toBe(1);
    // 9:00 and 10:00 hold 4 of 6; 16:00 (earlier than 23:00 on the tie) makes 5 of 6 ≥ 80 %
    expect(habits.usualHours).toEqual([9, 10, 16]);
    expect(habits.weekdayCounts).toEqual([0, 3, 2, 1, 0, 0, 0]);
    expect(habits.usualWeekdays).toEqual([1, 2]); // 5 of 6 ≥ 80 %
  });

  it('lists the top destinations with shares of all parcels, ties by code', () => {
    expect(habits.topProvinces).toEqual([
      { key: '440000', shipments: 3, share: 3 / 6 },
      { key: '310000', shipments: 2, share: 2 / 6 },
    ]);
    expect(habits.topCities.map((c) => c.key)).toEqual(['440300', '310100']);
  });

  it('gives the product mix and the 到付 share', () => {
    expect(habits.productMix).toEqual([
      { key: 'standard', shipments: 5, share: 5 / 6 },
      { key: 'express', shipments: 1, share: 1 / 6 },
    ]);
    expect(habits.collectShare).toBe(2 / 6);
  });
});

describe('top destinations', () => {
  it('break a tie by code and keep only the top N', () => {
    const list = ['510000', '110000', '330000'].map((code) => parcel('2026-11-05 10:00', { destProvince: code }));
    const habits = habitsOf(list, { from: '2026-11-01', to: '2026-11-30', top: 2 }, SH);
    expect(habits.topProvinces.map((p) => p.key)).toEqual(['110000', '330000']);
  });
});

describe('habits without parcels', () => {
  it('are zeros and nulls, not NaN', () => {
    const empty = habitsOf([], { from: '2026-11-01', to: '2026-11-30' }, SH);
    expect(empty).toMatchObject({ shipments: 0, monthlyShipments: 0, monthlySpendFen: 0, weightRange: null, usualHours: [], usualWeekdays: [], topProvinces: [], productMix: [], collectShare: null });
    expect(foldHabits([], { from: '2026-11-01', to: '2026-11-30' })).toEqual(empty);
  });

  it('refuses a period that ends before it starts, and freight that is not whole fen', () => {
    expect(() => habitsOf([], { from: '2026-11-02', to: '2026-11-01' }, SH)).toThrow(RangeError);
    expect(() => habitsOf([parcel('2026-11-02 10:00', { freightFen: 1.5 })], { from: '2026-11-01', to: '2026-11-30' }, SH)).toThrow(RangeError);
  });
});

describe('habitDay: the job’s daily step', () => {
  it('keeps the parcels of one local date, the hour in local time', () => {
    const day = habitDay('2026-12-01', [parcel('2026-12-01 00:30', { paymentTerm: 'collect' })], SH);
    expect(day).toMatchObject({ date: '2026-12-01', shipments: 1, freightFen: 1200, collect: 1, weightBands: { '10': 1 }, provinces: { '440000': 1 } });
    expect(day.hours[0]).toBe(1);
    // JSON as it is: what the job stores is what the fold reads
    expect(JSON.parse(JSON.stringify(day))).toEqual(day);
  });

  it('refuses a parcel of another local date (00:30 in Shanghai is the previous day in UTC)', () => {
    expect(() => habitDay('2026-11-30', [parcel('2026-12-01 00:30')], SH)).toThrow(RangeError);
    expect(() => habitDay('2026-11-30', [parcel('2026-12-01 00:30')], 'UTC')).not.toThrow();
  });

  it('skips days outside the period when folding', () => {
    const days = habitDaysOf([parcel('2026-10-31 12:00'), parcel('2026-11-01 12:00')], SH);
    expect(foldHabits(days, { from: '2026-11-01', to: '2026-11-30' }).shipments).toBe(1);
  });
});

// Parcels over two months around midnight and the month's turn, in any zone of three.
const zones = fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York');
const parcels = fc.array(
  fc.record({
    sentAt: fc.date({ min: new Date('2026-10-25T00:00:00Z'), max: new Date('2026-12-05T00:00:00Z'), noInvalidDate: true }),
    weightG: fc.option(fc.oneof(fc.integer({ min: 0, max: 150_000 }), fc.constantFrom(0, 100, 999, 1000, 100_000)), { nil: null }),
    freightFen: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: null }),
    paymentTerm: fc.option(fc.constantFrom('sender_pays', 'collect', 'monthly'), { nil: null }),
    product: fc.constantFrom('standard', 'express', 'same_day', 'economy', 'international'),
    destProvince: fc.option(fc.constantFrom('110000', '310000', '440000', '330000', '510000', '650000'), { nil: null }),
    destCity: fc.option(fc.constantFrom('110100', '310100', '440100', '440300', '330100', '510100'), { nil: null }),
  }),
  { maxLength: 300 },
);

describe('fold(days) = direct computation', () => {
  it('for any parcels, zone and period (property)', () => {
    fc.assert(
      fc.property(parcels, zones, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 8 }), (list, zone, startOffset, length, top) => {
        const from = new Date(Date.UTC(2026, 9, 25 + startOffset)).toISOString().slice(0, 10);
        const to = new Date(Date.UTC(2026, 9, 25 + startOffset + length)).toISOString().slice(0, 10);
        const period = { from, to, top };
        expect(foldHabits(habitDaysOf(list, zone), period)).toEqual(habitsOf(list, period, zone));
      }),
      { numRuns: 300 },
    );
  });

  it('whatever way a day is split and merged back (property)', () => {
    fc.assert(
      fc.property(parcels, fc.integer({ min: 0, max: 300 }), (list, cut) => {
        const days = habitDaysOf(list, SH);
        for (const day of days) {
          const sameDay = list.filter((p) => habitDaysOf([p], SH)[0]!.date === day.date);
          const k = Math.min(cut, sameDay.length);
          const merged = mergeHabitDays(habitDay(day.date, sameDay.slice(0, k), SH), habitDay(day.date, sameDay.slice(k), SH));
          expect(merged.shipments).toBe(day.shipments);
          expect(foldHabits([merged], { from: day.date, to: day.date })).toEqual(foldHabits([day], { from: day.date, to: day.date }));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('refuses to merge two dates', () => {
    expect(() => mergeHabitDays(habitDay('2026-11-01', [], SH), habitDay('2026-11-02', [], SH))).toThrow(RangeError);
  });
});
