/**
 * A ticket's priority changed — escalated by a person, raised by a breach, raised by an urgent
 * exception, edited: the one rule for what happens to its clocks. Each first-response and
 * resolution clock still running or paused takes the new priority's target, keeping the time used
 * (retargetClock). A stopped clock keeps the target it was met or missed against, and a breached
 * one the target it was breached against: its breach is recorded at its due instant, and moving
 * the due instant would rewrite when it was late (and the ticket's place among the late ones). The
 * other kinds (callback, department reply) do not depend on the priority.
 */
import { retargetClock, type ClockState } from './clock.js';
import { targetsFor, type CustomerTier, type Priority, type SlaPolicy, type TicketKind } from './policy.js';

export interface PrioritisedTicket {
  kind: TicketKind;
  tier: CustomerTier;
  priority: Priority;
}

/**
 * The ticket's clocks after its priority became `ticket.priority`, in the order given. A clock that
 * does not change is returned as the same object, so the caller writes only what changed.
 */
export function retargetForPriority(clocks: readonly ClockState[], ticket: PrioritisedTicket, policy: SlaPolicy): ClockState[] {
  const targets = targetsFor(policy, ticket.kind, ticket.priority, ticket.tier);
  const minutesOf: Partial<Record<ClockState['kind'], number>> = {
    first_response: targets.firstResponse?.minutes,
    resolution: targets.resolution?.minutes,
  };
  return clocks.map((clock) => {
    const minutes = minutesOf[clock.kind];
    if (minutes === undefined || minutes === clock.targetMinutes || clock.stoppedAt !== null || clock.breachedAt !== null) return clock;
    return retargetClock(clock, minutes);
  });
}
