import { describe, expect, it } from 'vitest';
import { lockedUntil, PHONE_CHECK_LIMITS } from './phone-check-guard.js';
import { checkPhone } from './service.js';

const MINUTE = 60_000;
const PHONES = ['13800138000', '13912345678'];

/** The guard's counting in memory, one client, all guesses in the window that began at minute 0. */
function guardWith(wrong: number) {
  const counts = new Map<string, number>([['PD1', wrong]]);
  let client = wrong;
  const start = new Date(0);
  return {
    count: (waybillNo: string) => counts.get(waybillNo) ?? 0,
    async reserve(waybillNos: string[]) {
      for (const w of waybillNos) counts.set(w, (counts.get(w) ?? 0) + 1);
      client += waybillNos.length;
      return lockedUntil(PHONE_CHECK_LIMITS, waybillNos.map((w) => ({ guesses: counts.get(w)!, windowStart: start })), { guesses: client, windowStart: start });
    },
    async giveBack(waybillNos: string[]) {
      for (const w of waybillNos) counts.set(w, counts.get(w)! - 1);
      client -= waybillNos.length;
    },
  };
}

describe('checkPhone', () => {
  it.each([
    { case: 'right digits', wrong: 0, given: '5678', verified: true, locked: false, counted: false },
    { case: 'wrong digits', wrong: 0, given: '0000', verified: false, locked: false, counted: true },
    { case: 'no digits', wrong: 0, given: undefined, verified: false, locked: false, counted: false },
    { case: 'the fifth wrong guess is still checked', wrong: 4, given: '0000', verified: false, locked: false, counted: true },
    { case: 'right digits after 5 wrong: locked, not checked', wrong: 5, given: '5678', verified: false, locked: true, counted: false },
    { case: 'wrong digits while locked: not counted', wrong: 5, given: '0000', verified: false, locked: true, counted: false },
    { case: 'no digits while locked: nothing to lock', wrong: 5, given: undefined, verified: false, locked: false, counted: false },
  ])('$case', async ({ wrong, given, verified, locked, counted }) => {
    const guard = guardWith(wrong);
    const check = await checkPhone(guard, 'PD1', given, PHONES, new Date(10 * MINUTE));
    expect(check).toEqual({ verified, lockedUntil: locked ? new Date(60 * MINUTE) : null });
    // Only a guess that was compared and wrong stays counted.
    expect(guard.count('PD1')).toBe(wrong + (counted ? 1 : 0));
  });

  it('an unknown waybill locks the same way as a known one', async () => {
    const guard = guardWith(0);
    const now = new Date(0);
    for (const digits of ['0001', '0002', '0003', '0004', '0005']) {
      await checkPhone(guard, 'KNOWN', digits, PHONES, now);
      await checkPhone(guard, 'UNKNOWN', digits, [null, null], now);
    }
    expect(await checkPhone(guard, 'KNOWN', '5678', PHONES, now)).toEqual(await checkPhone(guard, 'UNKNOWN', '5678', [null, null], now));
  });
});
