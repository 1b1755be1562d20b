/**
 * Planned callbacks (回访) to key accounts: monthly in the first year of the relationship,
 * quarterly after (docs/product.md §5, §7; 售后服务流程, 客户回访制度: "一年内每月回访一次；一年以上
 * 每季回访一次"). The next one is due a month or a quarter after the last one done — early or late,
 * the plan counts from when it really happened — and is placed at the first moment inside the
 * contact's preferred callback windows on a business day (the company calendar of `domain/sla`,
 * with its holidays and 调休 days), or inside the company's callback hours (9:00–12:00,
 * 15:00–18:00) when the contact named none.
 */

import { nextCallbackSlot, validateCalendar, type BusinessCalendar, type TimeWindow } from '../sla/calendar.js';
import { CITATIONS, source } from '../sources.js';
import { fromWallClock, wallClock } from '../time-limits/working-days.js';

export interface AccountCallbackPolicy {
  /** the first year of the relationship, months */
  firstYearMonths: number;
  /** months between callbacks due within the first year, and after it */
  firstYearEveryMonths: number;
  laterEveryMonths: number;
  source: string;
}

export const DEFAULT_ACCOUNT_CALLBACK_POLICY: AccountCallbackPolicy = Object.freeze({
  firstYearMonths: 12,
  firstYearEveryMonths: 1,
  laterEveryMonths: 3,
  source: source(CITATIONS.accountCallbacks),
});

export interface CallbackPlanInput {
  /** when the customer became a key account (the relationship the rule counts from) */
  relationshipStart: Date;
  /** the last planned callback done, null before the first */
  lastDoneAt: Date | null;
  /** the contact's preferred windows ('HH:MM' local); empty or absent = the company's callback hours */
  preferredWindows?: readonly TimeWindow[] | null;
}

export interface PlannedCallback {
  /** the date the rule gives, 'YYYY-MM-DD' local */
  dueDate: string;
  /** the first moment on or after that date inside the windows on a business day */
  dueAt: Date;
  cadence: 'monthly' | 'quarterly';
}

/**
 * The next planned callback. Months are calendar months of local dates, the day clamped to the
 * month's end (31 January + 1 month = 28 February). A callback whose date a month on still falls
 * inside the first year is monthly; once a month on would be past the first anniversary, the next
 * comes a quarter on. So the first year has its twelve callbacks (the last one at most on the
 * anniversary's eve) and the quarters follow.
 */
export function nextPlannedCallback(input: CallbackPlanInput, calendar: BusinessCalendar, policy: AccountCallbackPolicy = DEFAULT_ACCOUNT_CALLBACK_POLICY): PlannedCallback {
  const zone = calendar.timeZone;
  const start = localDate(input.relationshipStart, zone);
  const anchor = input.lastDoneAt ? localDate(input.lastDoneAt, zone) : start;
  if (anchor < start) throw new RangeError(`the last callback (${anchor}) is before the relationship began (${start})`);
  const firstYearEnds = addLocalMonths(start, policy.firstYearMonths);
  const monthly = addLocalMonths(anchor, policy.firstYearEveryMonths);
  const cadence = monthly < firstYearEnds ? 'monthly' : 'quarterly';
  const dueDate = cadence === 'monthly' ? monthly : addLocalMonths(anchor, policy.laterEveryMonths);
  const windows = input.preferredWindows && input.preferredWindows.length > 0 ? input.preferredWindows : calendar.callbackHours;
  const checked = validateCalendar({ ...calendar, callbackHours: windows });
  if (!checked.ok) throw new RangeError(`preferred callback windows: ${checked.errors.join('; ')}`);
  const dayStart = fromWallClock(Date.parse(`${dueDate}T00:00:00Z`), zone);
  return { dueDate, dueAt: nextCallbackSlot(dayStart, checked.calendar), cadence };
}

/** The dates of the next `count` planned callbacks if each is done on its due date (for the plan shown). */
export function callbackSchedule(
  input: Omit<CallbackPlanInput, 'lastDoneAt'> & { lastDoneAt?: Date | null },
  count: number,
  calendar: BusinessCalendar,
  policy: AccountCallbackPolicy = DEFAULT_ACCOUNT_CALLBACK_POLICY,
): PlannedCallback[] {
  const plan: PlannedCallback[] = [];
  let lastDoneAt = input.lastDoneAt ?? null;
  for (let i = 0; i < count; i++) {
    const next = nextPlannedCallback({ ...input, lastDoneAt }, calendar, policy);
    plan.push(next);
    // Counted from its date, not the slot: a holiday that pushes one call does not shift the rest.
    lastDoneAt = fromWallClock(Date.parse(`${next.dueDate}T12:00:00Z`), calendar.timeZone);
  }
  return plan;
}

/** 'YYYY-MM-DD' plus whole months, the day clamped to the target month's last day. */
export function addLocalMonths(date: string, months: number): string {
  const [y, m, d] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))];
  const lastDay = new Date(Date.UTC(y, m + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

function localDate(instant: Date, timeZone: string): string {
  return new Date(wallClock(instant, timeZone)).toISOString().slice(0, 10);
}
