import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from '../sla/calendar.js';
import { CALLBACK_UNREACHABLE_ATTEMPTS_MAX, callbackAttemptStep, type CallbackAnswer } from './callback-attempts.js';

/** A Shanghai wall time ('2026-03-03 09:05') as an instant. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const cn = DEFAULT_BUSINESS_CALENDAR;

describe('callbackAttemptStep', () => {
  it('gives up on the third unanswered call (company default)', () => {
    expect(CALLBACK_UNREACHABLE_ATTEMPTS_MAX).toBe(3);
  });

  // Callback hours 9:00–12:00 and 15:00–18:00 (客服用语规范), working days of the 2026 calendar.
  it.each([
    { case: '1st miss at 9:05: the afternoon window', before: 0, scheduled: '2026-03-03 09:00', now: '2026-03-03 09:05', next: '2026-03-03 15:00' },
    { case: '2nd miss at 15:10: the next morning', before: 1, scheduled: '2026-03-03 15:00', now: '2026-03-03 15:10', next: '2026-03-04 09:00' },
    { case: 'recorded over lunch: the afternoon window', before: 0, scheduled: '2026-03-03 11:30', now: '2026-03-03 12:40', next: '2026-03-03 15:00' },
    { case: 'Friday afternoon: Monday morning', before: 0, scheduled: '2026-03-06 15:00', now: '2026-03-06 16:20', next: '2026-03-09 09:00' },
    { case: 'recorded after hours: the next morning', before: 1, scheduled: '2026-03-03 15:00', now: '2026-03-03 19:30', next: '2026-03-04 09:00' },
    { case: 'eve of National Day: after the holiday', before: 0, scheduled: '2026-09-30 15:00', now: '2026-09-30 15:30', next: '2026-10-08 09:00' },
    { case: 'the window opening itself counts as that window', before: 0, scheduled: '2026-03-03 15:00', now: '2026-03-03 15:00', next: '2026-03-04 09:00' },
    { case: 'first call before the planned time: the next window after now', before: 0, scheduled: '2026-03-04 09:00', now: '2026-03-03 16:00', next: '2026-03-04 09:00' },
    { case: 'first call early in the morning, planned tomorrow: today’s afternoon', before: 0, scheduled: '2026-03-04 10:35', now: '2026-03-03 10:42', next: '2026-03-03 15:00' },
    { case: 'a retry made once its window has opened: the window after now', before: 1, scheduled: '2026-03-03 15:00', now: '2026-03-04 10:00', next: '2026-03-04 15:00' },
  ])('$case', ({ before, scheduled, now, next }) => {
    expect(callbackAttemptStep({ outcome: 'unreachable', attemptsBefore: before, scheduledFor: sh(scheduled), now: sh(now) }, cn)).toEqual({
      kind: 'retry',
      attempt: before + 1,
      nextAt: sh(next),
    });
  });

  it('the third unanswered call settles the callback as unreachable', () => {
    expect(callbackAttemptStep({ outcome: 'unreachable', attemptsBefore: 2, scheduledFor: sh('2026-03-04 09:00'), now: sh('2026-03-04 09:10') }, cn)).toEqual({
      kind: 'settle',
      attempt: 3,
      outcome: 'unreachable',
    });
  });

  it.each([
    { case: 'the 2nd call a few minutes after the 1st', before: 1, scheduled: '2026-03-03 15:00', now: '2026-03-03 09:20' },
    { case: 'the 3rd call before its window: it does not close the ticket', before: 2, scheduled: '2026-03-04 09:00', now: '2026-03-03 17:59' },
    { case: 'a minute before the window opens', before: 1, scheduled: '2026-03-03 15:00', now: '2026-03-03 14:59' },
  ])('one unanswered call per window: $case is not due', ({ before, scheduled, now }) => {
    expect(callbackAttemptStep({ outcome: 'unreachable', attemptsBefore: before, scheduledFor: sh(scheduled), now: sh(now) }, cn)).toEqual({
      kind: 'not_due',
      attempt: before + 1,
      dueAt: sh(scheduled),
    });
  });

  it('the first call is never too early', () => {
    const step = callbackAttemptStep({ outcome: 'unreachable', attemptsBefore: 0, scheduledFor: sh('2026-03-05 15:00'), now: sh('2026-03-03 09:05') }, cn);
    expect(step).toEqual({ kind: 'retry', attempt: 1, nextAt: sh('2026-03-03 15:00') });
  });

  it('an answer is taken before the rescheduled time: the customer may call back', () => {
    for (const outcome of ['satisfied', 'unsatisfied'] as CallbackAnswer[]) {
      expect(callbackAttemptStep({ outcome, attemptsBefore: 1, scheduledFor: sh('2026-03-03 15:00'), now: sh('2026-03-03 09:20') }, cn)).toEqual({
        kind: 'settle',
        attempt: 2,
        outcome,
      });
    }
  });

  it.each([
    { outcome: 'satisfied' as CallbackAnswer, before: 0 },
    { outcome: 'satisfied' as CallbackAnswer, before: 1 },
    { outcome: 'unsatisfied' as CallbackAnswer, before: 2 },
  ])('an answer ($outcome after $before missed calls) settles it at once', ({ outcome, before }) => {
    expect(callbackAttemptStep({ outcome, attemptsBefore: before, scheduledFor: sh('2026-03-03 09:00'), now: sh('2026-03-03 09:05') }, cn)).toEqual({
      kind: 'settle',
      attempt: before + 1,
      outcome,
    });
  });

  it('every retry before the last lands in callback hours, later than the time it replaces and than now', () => {
    let scheduled = sh('2026-02-13 17:55'); // the Friday before the Spring Festival break
    let now = sh('2026-02-13 17:58');
    for (let before = 0; before < CALLBACK_UNREACHABLE_ATTEMPTS_MAX - 1; before += 1) {
      const step = callbackAttemptStep({ outcome: 'unreachable', attemptsBefore: before, scheduledFor: scheduled, now }, cn);
      if (step.kind !== 'retry') throw new Error(`attempt ${before + 1} should be retried`);
      expect(step.nextAt.getTime()).toBeGreaterThan(Math.max(scheduled.getTime(), now.getTime()));
      scheduled = step.nextAt;
      now = new Date(step.nextAt.getTime() + 5 * 60_000);
    }
    // The 调休 Saturday Feb 14 is a working day: its morning, then its afternoon.
    expect(scheduled).toEqual(sh('2026-02-14 15:00'));
  });
});
