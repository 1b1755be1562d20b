/**
 * The claim's clocks and its validity, from the claims policy (docs/product.md §3, §7): a claim is
 * answered within 1 working day of complete evidence (公司服务承诺「理赔回复1日回」), paid within
 * 7 days of approval (「赔偿支付7日内」), and — being a complaint too — handled and the customer told
 * within the statutory 7 days (《快递暂行条例》). The targets are shaped like the SLA policy's, so the
 * existing clock machinery (domain/sla/clock.ts) runs them: a business-basis target pauses while
 * the customer is asked for more evidence, as a ticket's clock does while waiting for the customer.
 */
import type { BusinessCalendar, ClockBasis } from '../sla/calendar.js';
import { fromWallClock, wallClock } from '../time-limits/working-days.js';
import type { ClaimsPolicy } from './policy.js';

export interface ClaimClockTarget {
  minutes: number;
  basis: ClockBasis;
  source: string;
}

export interface ClaimClockTargets {
  /** from complete evidence (or from a dispute) to the decision told to the customer */
  answer: ClaimClockTarget;
  /** from approval to the money settled */
  payment: ClaimClockTarget;
  /** from filing to the customer told the outcome: never beyond the statutory 7 days */
  complaintCeiling: ClaimClockTarget;
}

const DAY_MINUTES = 24 * 60;

/** Minutes of one working day of the calendar: the length of its working windows ('09:00'–'18:00' → 540). */
export function workingDayMinutes(calendar: Pick<BusinessCalendar, 'workingHours'>): number {
  const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return calendar.workingHours.reduce((sum, w) => sum + minutesOf(w.end) - minutesOf(w.start), 0);
}

/**
 * The targets of a claim's clocks. A working day is counted in business minutes of the calendar
 * (one day of its working hours), so evidence completed at 17:00 is due at 17:00 the next working
 * day and a holiday does not count.
 */
export function claimClockTargets(policy: ClaimsPolicy, calendar: Pick<BusinessCalendar, 'workingHours'>): ClaimClockTargets {
  const { answerAfterEvidence, payAfterApproval, complaintCeiling } = policy.rules;
  return {
    answer: { minutes: answerAfterEvidence.value * workingDayMinutes(calendar), basis: 'business', source: answerAfterEvidence.source },
    payment: { minutes: payAfterApproval.value * DAY_MINUTES, basis: 'calendar', source: payAfterApproval.source },
    complaintCeiling: { minutes: complaintCeiling.value * DAY_MINUTES, basis: 'calendar', source: complaintCeiling.source },
  };
}

/**
 * The last instant a claim is accepted: the same local time `validityMonths` later in the
 * company's time zone (收寄之时限1年: picked up 2026-03-15 10:00 → accepted until 2027-03-15
 * 10:00). A day the later month lacks is its last day (29 February → 28 February).
 */
export function claimValidUntil(pickedUpAt: Date, policy: Pick<ClaimsPolicy, 'rules'>, timeZone: string): Date {
  const months = policy.rules.validityMonths.value;
  const wall = new Date(wallClock(pickedUpAt, timeZone));
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(wall.getUTCDate(), lastDay);
  const target = Date.UTC(year, month, day, wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), wall.getUTCMilliseconds());
  return fromWallClock(target, timeZone);
}
