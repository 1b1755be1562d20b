import { describe, expect, it } from 'vitest';
import { PhoneCheckGuard } from './phone-check-guard.js';

const MINUTE = 60_000;

describe('PhoneCheckGuard', () => {
  it.each([
    { case: 'no wrong guess', wrong: [], at: 0, open: true },
    { case: '4 wrong guesses in the hour', wrong: [0, 1, 2, 3], at: 4 * MINUTE, open: true },
    { case: '5 wrong guesses in the hour', wrong: [0, 1, 2, 3, 4], at: 5 * MINUTE, open: false },
    { case: 'the first of 5 has left the hour', wrong: [0, 1, 2, 3, 4], at: 60 * MINUTE + 1, open: true },
    { case: 'still 5 inside the hour', wrong: [10, 20, 30, 40, 50], at: 60 * MINUTE + 1, open: false },
  ])('$case → open $open', ({ wrong, at, open }) => {
    const guard = new PhoneCheckGuard(5, 60 * MINUTE);
    for (const minute of wrong) guard.failed('PD1', minute * MINUTE);
    expect(guard.open('PD1', at)).toBe(open);
    expect(guard.open('PD2', at)).toBe(true); // another waybill is not affected
  });

  it.each([
    { case: 'open', wrong: [0, 1, 2, 3], at: 4, until: null },
    { case: 'locked: opens an hour after the first of the 5', wrong: [0, 1, 2, 3, 4], at: 5, until: 60 },
    { case: 'locked by the 5 still inside the hour', wrong: [10, 20, 30, 40, 50, 55], at: 61, until: 80 },
    { case: 'open again when it said', wrong: [0, 1, 2, 3, 4], at: 60, until: null },
  ])('lockedUntil: $case', ({ wrong, at, until }) => {
    const guard = new PhoneCheckGuard(5, 60 * MINUTE);
    for (const minute of wrong) guard.failed('PD1', minute * MINUTE);
    expect(guard.lockedUntil('PD1', at * MINUTE)).toBe(until === null ? null : until * MINUTE);
    expect(guard.open('PD1', at * MINUTE)).toBe(until === null);
  });

  it('forgets the least recently guessed waybill past its capacity', () => {
    const guard = new PhoneCheckGuard(1, 60 * MINUTE, 2);
    guard.failed('A', 0);
    guard.failed('B', 1);
    guard.failed('A', 2); // A is now the most recent
    guard.failed('C', 3); // B goes
    expect([guard.open('A', 4), guard.open('B', 4), guard.open('C', 4)]).toEqual([false, true, false]);
  });
});
