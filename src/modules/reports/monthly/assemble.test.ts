import { describe, expect, it } from 'vitest';
import { dailyOnTimeOfMonth, dailyVolumeOfMonth, datesOfMonth, exceptionRows, topDestinations } from './assemble.js';

describe('datesOfMonth', () => {
  it.each([
    ['2026-11', 30, '2026-11-30'],
    ['2026-02', 28, '2026-02-28'],
    ['2028-02', 29, '2028-02-29'],
    ['2026-12', 31, '2026-12-31'],
  ])('%s has %i days, the last %s', (month, count, last) => {
    const dates = datesOfMonth(month);
    expect(dates).toHaveLength(count);
    expect(dates[0]).toBe(`${month}-01`);
    expect(dates[dates.length - 1]).toBe(last);
  });

  it.each(['2026-13', '2026-1', 'november'])('refuses %s', (month) => {
    expect(() => datesOfMonth(month)).toThrow(RangeError);
  });
});

describe('every day of the month', () => {
  it('fills the days a query did not return with zeros, in order', () => {
    const days = dailyVolumeOfMonth('2026-02', [
      { date: '2026-02-10', shipments: 5, weightG: 6000, freightFen: 7000 },
      { date: '2026-02-02', shipments: 1, weightG: 1000, freightFen: 1200 },
    ]);
    expect(days).toHaveLength(28);
    expect(days[0]).toEqual({ date: '2026-02-01', shipments: 0, weightG: 0, freightFen: 0 });
    expect(days[1]).toEqual({ date: '2026-02-02', shipments: 1, weightG: 1000, freightFen: 1200 });
    expect(days[9]).toEqual({ date: '2026-02-10', shipments: 5, weightG: 6000, freightFen: 7000 });
    expect(dailyOnTimeOfMonth('2026-02', [])).toHaveLength(28);
  });

  it('refuses a day of another month and a day listed twice', () => {
    expect(() => dailyOnTimeOfMonth('2026-02', [{ date: '2026-03-01', delivered: 1, onTime: 1 }])).toThrow(RangeError);
    expect(() =>
      dailyOnTimeOfMonth('2026-02', [
        { date: '2026-02-01', delivered: 1, onTime: 1 },
        { date: '2026-02-01', delivered: 1, onTime: 0 },
      ]),
    ).toThrow(RangeError);
  });
});

describe('topDestinations', () => {
  const row = (code: string | null, shipments: number) => ({ code, shipments, delivered: shipments - 1, onTime: shipments - 2 });

  it('names provinces, adds a province’s cities together, most first, ties by code', () => {
    expect(topDestinations([row('440300', 10), row('440100', 5), row('310000', 15), row('110000', 15)])).toEqual([
      { key: '110000', label: '北京市', shipments: 15, delivered: 14, onTime: 13 },
      { key: '310000', label: '上海市', shipments: 15, delivered: 14, onTime: 13 },
      { key: '440000', label: '广东省', shipments: 15, delivered: 13, onTime: 11 },
    ]);
  });

  it('folds the tail and the unknown destinations into 其他, last', () => {
    const result = topDestinations([row('440000', 30), row('330000', 20), row('320000', 10), row(null, 4), row('990000', 3)], 2);
    expect(result.map((d) => [d.key, d.label, d.shipments])).toEqual([
      ['440000', '广东省', 30],
      ['330000', '浙江省', 20],
      ['other', '其他', 17],
    ]);
    expect(result[2]).toMatchObject({ delivered: 9 + 3 + 2, onTime: 8 + 2 + 1 });
  });

  it('has no 其他 row when nothing is left over, and nothing for no rows', () => {
    expect(topDestinations([row('440000', 3)]).map((d) => d.key)).toEqual(['440000']);
    expect(topDestinations([])).toEqual([]);
  });
});

describe('exceptionRows', () => {
  it('labels kinds in their order and leaves out kinds without exceptions', () => {
    expect(exceptionRows({ damaged: 2, delayed: 7, refused: 0, not_collected: 1 })).toEqual([
      { key: 'delayed', label: '延误', count: 7 },
      { key: 'damaged', label: '破损', count: 2 },
      { key: 'not_collected', label: '驿站/快递柜未取', count: 1 },
    ]);
    expect(exceptionRows({})).toEqual([]);
  });
});
