import { describe, expect, it } from 'vitest';
import { pauseClock, startClock, stopClock, type ClockKind, type ClockState } from './clock.js';
import { DEFAULT_SLA_POLICY, type CustomerTier, type Priority, type TicketKind } from './policy.js';
import { retargetForPriority } from './retarget.js';
import { DEFAULT_BUSINESS_CALENDAR as calendar } from './calendar.js';

const start = new Date('2026-12-07T01:00:00Z');
const later = new Date('2026-12-07T02:00:00Z');
const running = (kind: ClockKind, minutes: number) => startClock(kind, minutes, 'calendar', start);

describe('retargetForPriority', () => {
  it.each<{ case: string; kind: TicketKind; tier: CustomerTier; priority: Priority; clock: ClockState; target: number }>([
    { case: 'complaint high → urgent: first response 60 → 30', kind: 'complaint', tier: 'standard', priority: 'urgent', clock: running('first_response', 60), target: 30 },
    { case: 'complaint high → urgent: resolution 7 days → 3 days', kind: 'complaint', tier: 'standard', priority: 'urgent', clock: running('resolution', 10080), target: 4320 },
    { case: 'a paused resolution clock takes the new target too', kind: 'complaint', tier: 'standard', priority: 'urgent', clock: pauseClock(running('resolution', 10080), later, calendar), target: 4320 },
    { case: 'a breached clock keeps the target it was breached against', kind: 'complaint', tier: 'standard', priority: 'urgent', clock: { ...running('first_response', 60), breachedAt: later }, target: 60 },
    { case: 'a warned clock takes the new target', kind: 'complaint', tier: 'standard', priority: 'urgent', clock: { ...running('first_response', 60), warnedAt: later }, target: 30 },
    { case: 'a stopped clock keeps the target it was met against', kind: 'complaint', tier: 'standard', priority: 'urgent', clock: stopClock(running('first_response', 60), later, calendar), target: 60 },
    { case: 'a query’s targets do not depend on priority', kind: 'query', tier: 'standard', priority: 'urgent', clock: running('first_response', 30), target: 30 },
    { case: 'a key account’s complaint is already on the tight targets', kind: 'complaint', tier: 'key', priority: 'urgent', clock: running('resolution', 4320), target: 4320 },
    { case: 'a clock started under an older policy takes today’s target', kind: 'query', tier: 'standard', priority: 'high', clock: running('resolution', 2000), target: 1440 },
    { case: 'a department-reply clock does not follow priority', kind: 'complaint', tier: 'standard', priority: 'urgent', clock: running('department_reply', 60), target: 60 },
    { case: 'a suggestion has no resolution target: the clock is left alone', kind: 'suggestion', tier: 'standard', priority: 'urgent', clock: running('resolution', 999), target: 999 },
  ])('$case', ({ kind, tier, priority, clock, target }) => {
    const [after] = retargetForPriority([clock], { kind, tier, priority }, DEFAULT_SLA_POLICY);
    expect(after!.targetMinutes).toBe(target);
    // Time used and every instant are kept; an unchanged clock is the same object.
    expect({ ...after!, targetMinutes: clock.targetMinutes }).toEqual(clock);
    expect(after === clock).toBe(target === clock.targetMinutes);
  });

  it('keeps the order of the clocks it is given', () => {
    const clocks = [running('resolution', 10080), running('first_response', 60)];
    expect(retargetForPriority(clocks, { kind: 'complaint', tier: 'standard', priority: 'urgent' }, DEFAULT_SLA_POLICY).map((c) => [c.kind, c.targetMinutes])).toEqual([
      ['resolution', 4320],
      ['first_response', 30],
    ]);
  });
});
