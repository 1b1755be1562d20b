import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../time-limits/working-days.js';
import { DEFAULT_BUSINESS_CALENDAR } from './calendar.js';
import { ARRANGEMENT_MIN_REST_DAYS, CHINA_PUBLIC_HOLIDAYS, holidayArrangementMissing } from './holidays-cn.js';

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const year = (y: number) => {
  const found = CHINA_PUBLIC_HOLIDAYS.find((entry) => entry.year === y);
  if (!found) throw new Error(`no holiday data for ${y}`);
  return found;
};

describe('CHINA_PUBLIC_HOLIDAYS', () => {
  it('2026 follows the State Council notice: break lengths by name', () => {
    const lengths: Record<string, number> = {};
    for (const h of year(2026).holidays) lengths[h.name] = (lengths[h.name] ?? 0) + 1;
    expect(lengths).toEqual({ 元旦: 3, 春节: 9, 清明节: 3, 劳动节: 5, 端午节: 3, 中秋节: 3, 国庆节: 7 });
    expect(year(2026).source).toContain('国务院办公厅关于2026年部分节假日安排的通知');
  });

  it('2026 调休 working days are exactly the six weekend days of the notice', () => {
    expect(year(2026).workdays.map((w) => w.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    for (const w of year(2026).workdays) expect([0, 6]).toContain(weekday(w.date));
  });

  it('2027 holds only 元旦, which the holiday measures fix, and the console asks for the rest', () => {
    expect(year(2027).holidays).toEqual([{ date: '2027-01-01', name: '元旦' }]);
    expect(year(2027).workdays).toEqual([]);
    expect(year(2027).source).toBe('《全国年节及纪念日放假办法》第二条：元旦（1月1日）');
    expect(holidayArrangementMissing(2027, year(2027).holidays.map((d) => ({ date: d.date, kind: 'holiday' as const })))).toBe(true);
  });

  it('every date is a real date of its year, listed once, never both rest and work', () => {
    for (const entry of CHINA_PUBLIC_HOLIDAYS) {
      const dates = [...entry.holidays, ...entry.workdays].map((d) => d.date);
      for (const date of dates) {
        expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
        expect(date.startsWith(`${entry.year}-`)).toBe(true);
      }
      expect(new Set(dates).size).toBe(dates.length);
    }
  });

  it.each([
    { date: '2026-01-01', working: false, why: '元旦, Thursday' },
    { date: '2026-01-04', working: true, why: '元旦调休, Sunday worked' },
    { date: '2026-02-14', working: true, why: '春节调休, Saturday worked' },
    { date: '2026-02-23', working: false, why: 'last day of 春节, Monday' },
    { date: '2026-02-24', working: true, why: 'back after 春节' },
    { date: '2026-02-28', working: true, why: '春节调休, Saturday worked' },
    { date: '2026-04-06', working: false, why: '清明节, Monday' },
    { date: '2026-05-05', working: false, why: '劳动节, Tuesday' },
    { date: '2026-05-09', working: true, why: '劳动节调休, Saturday worked' },
    { date: '2026-06-19', working: false, why: '端午节, Friday' },
    { date: '2026-09-20', working: true, why: '国庆节调休, Sunday worked' },
    { date: '2026-09-25', working: false, why: '中秋节, Friday' },
    { date: '2026-10-01', working: false, why: '国庆节, Thursday' },
    { date: '2026-10-07', working: false, why: '国庆节, Wednesday' },
    { date: '2026-10-08', working: true, why: 'back after 国庆节' },
    { date: '2026-10-10', working: true, why: '国庆节调休, Saturday worked' },
    { date: '2026-10-11', working: false, why: 'an ordinary Sunday' },
    { date: '2027-01-01', working: false, why: '元旦 2027, Friday' },
  ])('default calendar: $date $why', ({ date, working }) => {
    expect(isWorkingDay(date, DEFAULT_BUSINESS_CALENDAR)).toBe(working);
  });
});

describe('holidayArrangementMissing', () => {
  const seeded = (y: number) => [
    ...year(y).holidays.map((d) => ({ date: d.date, kind: 'holiday' as const })),
    ...year(y).workdays.map((d) => ({ date: d.date, kind: 'workday' as const })),
  ];
  const rest = (count: number, y = 2027) =>
    Array.from({ length: count }, (_, i) => ({ date: `${y}-10-${String(i + 1).padStart(2, '0')}`, kind: 'holiday' as const }));
  const worked = (date: string) => ({ date, kind: 'workday' as const });

  it.each([
    { case: 'the 2026 notice as seeded', year: 2026, days: seeded(2026), missing: false },
    { case: '2027 with only 元旦, before the notice is entered', year: 2027, days: seeded(2027), missing: true },
    { case: 'a year with nothing at all', year: 2028, days: [], missing: true },
    { case: 'another year entered, this one not', year: 2027, days: seeded(2026), missing: true },
    { case: 'one rest day short of the threshold, nothing worked', year: 2027, days: rest(ARRANGEMENT_MIN_REST_DAYS - 1), missing: true },
    { case: 'the threshold reached, nothing worked (a notice without 调休)', year: 2027, days: rest(ARRANGEMENT_MIN_REST_DAYS), missing: false },
    { case: 'few rest days, but 调休 entered: the admin is at work on it', year: 2027, days: [...rest(3), worked('2027-02-06')], missing: false },
    { case: "next year's 元旦调休 does not count for this year", year: 2027, days: [...rest(1), worked('2028-01-02')], missing: true },
  ])('$case → $missing', ({ year: y, days, missing }) => {
    expect(holidayArrangementMissing(y, days)).toBe(missing);
  });
});
