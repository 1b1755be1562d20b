import { describe, expect, it } from 'vitest';
import { WAYBILL_PATTERN } from './limits.js';
import { normalizeWaybillNo } from './waybill.js';

describe('the one spelling of a waybill number', () => {
  it.each([
    ['JT96610898972', 'JT96610898972'],
    ['jt96610898972', 'JT96610898972'],
    ['sf1796610908729', 'SF1796610908729'],
    ['Yt-2024-0001', 'YT-2024-0001'],
    ['  SF1796610908729\t', 'SF1796610908729'],
    ['ｓｆ１７９６６１０９０８７２９', 'SF1796610908729'],
    ['\u3000JT96610898972\u3000', 'JT96610898972'],
    ['78812345678901', '78812345678901'],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(normalizeWaybillNo(input)).toBe(expected));

  it('is idempotent, and what it gives a valid number stays valid', () => {
    const pattern = new RegExp(WAYBILL_PATTERN);
    for (const input of ['jt96610898972', ' sf-001-abc ', 'ＡＢＣ１２３４５６']) {
      const once = normalizeWaybillNo(input);
      expect(normalizeWaybillNo(once)).toBe(once);
      expect(pattern.test(once)).toBe(true);
    }
  });

  it('leaves text that is no waybill number for the caller to refuse', () => {
    expect(new RegExp(WAYBILL_PATTERN).test(normalizeWaybillNo('JT 9661 0898'))).toBe(false);
  });
});
