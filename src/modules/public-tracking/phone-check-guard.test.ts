import { describe, expect, it } from 'vitest';
import { lockedUntil, PHONE_CHECK_LIMITS } from './phone-check-guard.js';

const MINUTE = 60_000;
const at = (minute: number) => new Date(minute * MINUTE);

describe('phone check: which guesses of a request may be compared', () => {
  it.each([
    { case: 'first guesses', waybills: [1, 1], client: 2, locked: [null, null] },
    { case: 'the fifth guess on a waybill is still compared', waybills: [5], client: 5, locked: [null] },
    { case: 'the sixth is not: locked until the hour from the first ends', waybills: [6], client: 6, locked: [60] },
    { case: 'the client has room for the first of two', waybills: [1, 1], client: 21, locked: [null, 30] },
    { case: 'both limits: the later end', waybills: [6, 1], client: 22, locked: [60, 30] },
  ])('$case', ({ waybills, client, locked }) => {
    const result = lockedUntil(
      PHONE_CHECK_LIMITS,
      waybills.map((guesses) => ({ guesses, windowStart: at(0) })),
      { guesses: client, windowStart: at(-30) },
    );
    expect(result).toEqual(locked.map((m) => (m === null ? null : at(m))));
  });
});
