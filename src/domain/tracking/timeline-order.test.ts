import { describe, expect, it } from 'vitest';
import { byteOrder, newestFirst, type TimelineEvent } from './timeline-order.js';

const utf8 = (a: string, b: string) => Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));

describe('byteOrder: the "C" collation of PostgreSQL (UTF-8 bytes)', () => {
  it.each([
    ['a', 'b'],
    ['B', 'a'], // upper case first in byte order (a linguistic collation would say otherwise)
    ['a-1', 'b-2'],
    ['a', 'ab'],
    ['2026-12-01T08:00:00.000Z', '2026-12-01T08:00:00.001Z'],
    ['z', '甲'],
    ['甲', '乙'],
    ['\uffff', '😀'], // U+FFFF before U+1F600 in UTF-8, after it in UTF-16
    ['😀', '😁'],
    ['x😀', 'x\ue000'],
  ])('%j against %j agrees with the bytes', (a, b) => {
    expect(Math.sign(byteOrder(a, b))).toBe(utf8(a, b));
    expect(Math.sign(byteOrder(b, a))).toBe(utf8(b, a));
    expect(byteOrder(a, a)).toBe(0);
  });
});

describe('newestFirst', () => {
  const event = (time: string, key: string): TimelineEvent => ({ time, key, status: 'in_transit', site: null, text: key });
  it('orders by time, newest first, then by key in byte order, whatever the stored order', () => {
    const stored = [
      event('2026-12-01T08:00:00.000Z', 'a-1'),
      event('2026-12-01T10:00:00.000Z', 'x'),
      event('2026-12-01T09:00:00.000Z', 'B-2'),
      event('2026-12-01T09:00:00.000Z', 'a-2'),
      event('2026-12-01T09:00:00.000Z', '😀'),
      event('2026-12-01T09:00:00.000Z', '\uffff'),
    ];
    const expected = ['x', '😀', '\uffff', 'a-2', 'B-2', 'a-1'];
    expect(newestFirst([...stored]).map((e) => e.key)).toEqual(expected);
    expect(newestFirst([...stored].reverse()).map((e) => e.key)).toEqual(expected);
  });
});
