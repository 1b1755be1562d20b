import { describe, expect, it } from 'vitest';
import { PhoneCheckGuard } from './phone-check-guard.js';
import { checkPhone } from './service.js';

const MINUTE = 60_000;
const PHONES = ['13800138000', '13912345678'];

/** A guard whose waybill PD1 had `wrong` wrong guesses, one a minute from minute 0. */
function guardWith(wrong: number): PhoneCheckGuard {
  const guard = new PhoneCheckGuard(5, 60 * MINUTE);
  for (let minute = 0; minute < wrong; minute++) guard.failed('PD1', minute * MINUTE);
  return guard;
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
  ])('$case', ({ wrong, given, verified, locked, counted }) => {
    const guard = guardWith(wrong);
    const now = new Date(10 * MINUTE);
    const check = checkPhone(guard, 'PD1', given, PHONES, now);
    expect(check).toEqual({ verified, lockedUntil: locked ? new Date(60 * MINUTE) : null });
    // Counted or not: the guard's lock moves only for a guess that was checked and wrong.
    const after = guardWith(wrong + (counted ? 1 : 0));
    expect(guard.lockedUntil('PD1', now.getTime())).toBe(after.lockedUntil('PD1', now.getTime()));
    expect(guard.open('PD1', now.getTime())).toBe(after.open('PD1', now.getTime()));
  });

  it('an unknown waybill locks the same way as a known one', () => {
    const guard = new PhoneCheckGuard(5, 60 * MINUTE);
    const now = new Date(0);
    for (const digits of ['0001', '0002', '0003', '0004', '0005']) {
      checkPhone(guard, 'KNOWN', digits, PHONES, now);
      checkPhone(guard, 'UNKNOWN', digits, [null, null], now);
    }
    expect(checkPhone(guard, 'KNOWN', '5678', PHONES, now)).toEqual(checkPhone(guard, 'UNKNOWN', '5678', [null, null], now));
  });
});
