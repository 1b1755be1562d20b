import { describe, expect, it } from 'vitest';
import { afterFailedSignIn, isLocked, type SignInGuardState } from './sign-in-guard.js';

const policy = { maxFailures: 5, lockMinutes: 15 };
const now = new Date('2026-11-22T08:00:00Z');
const minutes = (m: number) => new Date(now.getTime() + m * 60_000);

describe('sign-in guard', () => {
  it.each([
    { case: 'first failure', state: { failedSignIns: 0, lockedUntil: null }, failed: 1, locked: false, until: null },
    { case: 'fourth failure still open', state: { failedSignIns: 3, lockedUntil: null }, failed: 4, locked: false, until: null },
    { case: 'fifth failure locks for 15 min', state: { failedSignIns: 4, lockedUntil: null }, failed: 5, locked: true, until: minutes(15) },
    {
      case: 'failure after the lock ran out starts a fresh count',
      state: { failedSignIns: 5, lockedUntil: minutes(-1) },
      failed: 1,
      locked: false,
      until: null,
    },
    {
      case: 'failure while locked extends the lock',
      state: { failedSignIns: 5, lockedUntil: minutes(5) },
      failed: 6,
      locked: true,
      until: minutes(15),
    },
  ] satisfies { case: string; state: SignInGuardState; failed: number; locked: boolean; until: Date | null }[])(
    '$case',
    ({ state, failed, locked, until }) => {
      const next = afterFailedSignIn(state, now, policy);
      expect(next.failedSignIns).toBe(failed);
      expect(next.locked).toBe(locked);
      expect(next.lockedUntil).toEqual(until);
    },
  );

  it.each([
    { case: 'never locked', lockedUntil: null, locked: false },
    { case: 'lock in the future', lockedUntil: minutes(1), locked: true },
    { case: 'lock ends exactly now', lockedUntil: now, locked: false },
    { case: 'lock in the past', lockedUntil: minutes(-1), locked: false },
  ])('isLocked: $case', ({ lockedUntil, locked }) => {
    expect(isLocked({ failedSignIns: 5, lockedUntil }, now)).toBe(locked);
  });

  it('a policy of one failure locks at once', () => {
    expect(afterFailedSignIn({ failedSignIns: 0, lockedUntil: null }, now, { maxFailures: 1, lockMinutes: 1 }).locked).toBe(true);
  });
});
