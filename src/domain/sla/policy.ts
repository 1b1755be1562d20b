/**
 * The SLA policy: how long a ticket may wait for its first response and its resolution, by ticket
 * kind, priority and customer tier, each target with its source (docs/product.md §7: "all configurable,
 * versioned, each with its source"). The documents' numbers are the company's defaults; the statutory
 * 7 days for a complaint is a ceiling the company must not exceed, so validation refuses it.
 */

import { CITATIONS, source } from '../sources.js';
import type { ClockBasis } from './calendar.js';

/** docs/product.md §2: query, complaint, claim, suggestion, service request, exception (opened by the system). */
export const TICKET_KINDS = ['query', 'complaint', 'claim', 'suggestion', 'service_request', 'exception'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** key = 大客户 (docs/product.md §5: average monthly spend ≥ 2,000 yuan by default) */
export const CUSTOMER_TIERS = ['standard', 'key'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export interface SlaTarget {
  minutes: number;
  basis: ClockBasis;
  /** where the number comes from, shown to admins and agents */
  source: string;
}

/** A rule for a kind, optionally narrowed to a priority and/or a tier; null = no clock. */
export interface SlaRule {
  kind: TicketKind;
  priority?: Priority;
  tier?: CustomerTier;
  firstResponse: SlaTarget | null;
  resolution: SlaTarget | null;
}

export interface SlaPolicy {
  /** share of a target after which the clock warns, e.g. 0.8 */
  warnRatio: number;
  rules: SlaRule[];
  /** calendar minutes after resolution before the callback (回访确认) is due; it then falls in callback hours */
  callbackAfterResolutionMinutes: number;
  /** a ticket transferred to another department (相应部门回复) */
  departmentReply: SlaTarget;
  /** no complaint resolution target may exceed this (《快递暂行条例》: 7 days) */
  statutoryComplaintCeilingMinutes: number;
}

const HOUR = 60;
const DAY = 24 * HOUR;
/** 《快递暂行条例》 (Art. 28 of the 2019 text / Art. 29 of the 2025 text): a complaint is handled and the customer told within 7 days. */
const STATUTORY_COMPLAINT_CEILING = 7 * DAY;
/**
 * The longest target any rule may set, 90 days of its basis (company bound; the longest seeded
 * target is 7 days). Issue 14: a target of 1e10 minutes was saved and every ticket creation then
 * failed; on the business basis 90 days of working minutes already reach about a year ahead.
 */
export const SLA_TARGET_MAX_MINUTES = 90 * DAY;
/** The latest a callback (回访) may be scheduled after a resolution: 30 days (company bound). */
export const CALLBACK_AFTER_MAX_MINUTES = 30 * DAY;
/**
 * The sources cite the real documents (docs/product.md §7), stored in Chinese and shown in the
 * reader's language (domain/sources.ts). Stored versions keep the text they were saved with.
 */
const C = CITATIONS;

const target = (minutes: number, basis: ClockBasis, source: string): SlaTarget => ({ minutes, basis, source });

const complaintResolutionStatutory = target(
  STATUTORY_COMPLAINT_CEILING,
  'calendar',
  source(C.complaintStatutory),
);
// 大客户 and urgent complaints: a tighter company promise inside the statutory 7 days (docs/product.md §5:
// key accounts get 专人负责, 全面服务).
const complaintFirstResponseTight = target(30, 'calendar', source(C.tighterForKeyAndUrgent, C.complaintOneHour));
const complaintResolutionTight = target(3 * DAY, 'calendar', source(C.tighterForKeyAndUrgent, C.complaintStatutory));

export const DEFAULT_SLA_POLICY: SlaPolicy = deepFreeze({
  // Warn at 80 % of a target: leaves a fifth of the time to act (company default).
  warnRatio: 0.8,
  rules: [
    {
      kind: 'query',
      firstResponse: target(30, 'calendar', source(C.queryThirty, C.yzt0128Query)),
      resolution: target(1 * DAY, 'calendar', source(C.companyDefault)),
    },
    {
      kind: 'complaint',
      firstResponse: target(1 * HOUR, 'calendar', source(C.complaintOneHour)),
      resolution: complaintResolutionStatutory,
    },
    { kind: 'complaint', priority: 'urgent', firstResponse: complaintFirstResponseTight, resolution: complaintResolutionTight },
    { kind: 'complaint', tier: 'key', firstResponse: complaintFirstResponseTight, resolution: complaintResolutionTight },
    {
      kind: 'claim',
      firstResponse: target(1 * DAY, 'calendar', source(C.claimOneDay)),
      resolution: target(7 * DAY, 'calendar', source(C.compensationSeven)),
    },
    {
      kind: 'suggestion',
      // One working day (09:00–18:00 = 540 business minutes): a suggestion is acknowledged, not urgent.
      firstResponse: target(9 * HOUR, 'business', source(C.companyDefault)),
      resolution: null, // a suggestion is reviewed and answered, not resolved against a clock (company default)
    },
    {
      kind: 'service_request',
      firstResponse: target(30, 'calendar', source(C.sameAsQuery, C.queryThirty, C.yzt0128Query)),
      resolution: target(1 * DAY, 'calendar', source(C.companyDefault)),
    },
    {
      kind: 'exception',
      firstResponse: target(1 * HOUR, 'calendar', source(C.sameAsComplaint, C.complaintOneHour)),
      resolution: target(1 * DAY, 'calendar', source(C.companyDefault)),
    },
  ],
  // The customer has a day to see the fix hold before we ask (company default); docs/product.md §5:
  // a callback after each resolved complaint, in callback hours.
  callbackAfterResolutionMinutes: 1 * DAY,
  // Counted in working hours: the other departments (operations, station, finance …) reply in
  // office hours; a transfer at 20:00 is not late at 21:00.
  departmentReply: target(1 * HOUR, 'business', source(C.departmentReply)),
  statutoryComplaintCeilingMinutes: STATUTORY_COMPLAINT_CEILING,
});

/** What a rule applies to: a kind, optionally narrowed to a priority and/or a customer tier. */
export type SlaRuleScope = Pick<SlaRule, 'kind' | 'priority' | 'tier'>;

/**
 * The rule that applies to tickets of `scope`: the most specific one for the kind (kind + priority
 * + tier, then kind + priority, then kind + tier, then the kind alone); undefined when the kind has
 * none. `scopeOf` reads a rule's scope, so the console can ask the same of rules being edited.
 */
export function mostSpecificRule<T>(rules: readonly T[], scope: SlaRuleScope, scopeOf: (rule: T) => SlaRuleScope): T | undefined {
  let best: T | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    const { kind, priority, tier } = scopeOf(rule);
    if (kind !== scope.kind) continue;
    if (priority !== undefined && priority !== scope.priority) continue;
    if (tier !== undefined && tier !== scope.tier) continue;
    const score = (priority !== undefined ? 2 : 0) + (tier !== undefined ? 1 : 0);
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The targets of a ticket. The most specific rule for the kind wins: kind + priority + tier, then
 * kind + priority, then kind + tier, then the kind's base rule. A rule replaces the base rule
 * whole (both targets), so what an admin reads in one row is what applies.
 */
export function targetsFor(
  policy: SlaPolicy,
  kind: TicketKind,
  priority: Priority,
  tier: CustomerTier,
): { firstResponse: SlaTarget | null; resolution: SlaTarget | null } {
  const best = mostSpecificRule(policy.rules, { kind, priority, tier }, (rule) => rule);
  // validateSlaPolicy requires a base rule per kind; only an unvalidated policy gets here.
  if (!best) throw new RangeError(`the SLA policy has no rule for ticket kind ${kind}`);
  return { firstResponse: best.firstResponse, resolution: best.resolution };
}

/** Escalation on breach: one step up, urgent stays urgent. */
export function raisePriority(p: Priority): Priority {
  const index = PRIORITIES.indexOf(p);
  if (index < 0) throw new RangeError(`unknown priority ${String(p)}`);
  return PRIORITIES[Math.min(index + 1, PRIORITIES.length - 1)] ?? 'urgent';
}

/** What is wrong with a policy an admin wants to save; a clean copy when it may be saved. */
export function validateSlaPolicy(input: unknown): { ok: true; policy: SlaPolicy } | { ok: false; errors: string[] } {
  if (!isRecord(input)) return { ok: false, errors: ['policy must be an object'] };
  const errors: string[] = [];

  const { warnRatio } = input;
  if (typeof warnRatio !== 'number' || !(warnRatio > 0 && warnRatio < 1)) {
    errors.push('warnRatio must be a number between 0 and 1 (exclusive)');
  }
  const ceiling = input.statutoryComplaintCeilingMinutes;
  if (!isPositiveInteger(ceiling)) {
    errors.push('statutoryComplaintCeilingMinutes must be a positive whole number of minutes');
  } else if (ceiling > STATUTORY_COMPLAINT_CEILING) {
    // docs/product.md §7: statutory numbers are limits the company must not exceed.
    errors.push(`statutoryComplaintCeilingMinutes may not exceed the statutory 7 days (${STATUTORY_COMPLAINT_CEILING} minutes, 《快递暂行条例》)`);
  }
  const effectiveCeiling = isPositiveInteger(ceiling) ? Math.min(ceiling, STATUTORY_COMPLAINT_CEILING) : STATUTORY_COMPLAINT_CEILING;
  const callbackAfter = input.callbackAfterResolutionMinutes;
  if (!isPositiveInteger(callbackAfter)) errors.push('callbackAfterResolutionMinutes must be a positive whole number of minutes');
  else if (callbackAfter > CALLBACK_AFTER_MAX_MINUTES) {
    errors.push(`callbackAfterResolutionMinutes may not exceed ${CALLBACK_AFTER_MAX_MINUTES} minutes (30 days)`);
  }
  const departmentReply = validateTarget('departmentReply', input.departmentReply, errors);
  if (departmentReply === null) errors.push('departmentReply must be set');

  const rules: SlaRule[] = [];
  if (!Array.isArray(input.rules)) {
    errors.push('rules must be a list');
  } else {
    const seen = new Set<string>();
    input.rules.forEach((candidate: unknown, index) => {
      const rule = validateRule(`rules[${index}]`, candidate, effectiveCeiling, errors);
      if (!rule) return;
      const key = `${rule.kind}/${rule.priority ?? '*'}/${rule.tier ?? '*'}`;
      if (seen.has(key)) errors.push(`rules[${index}]: a second rule for ${key}`);
      seen.add(key);
      rules.push(rule);
    });
    for (const kind of TICKET_KINDS) {
      if (!seen.has(`${kind}/*/*`)) errors.push(`rules: no base rule (without priority and tier) for ${kind}`);
    }
  }

  if (errors.length > 0 || departmentReply === null) return { ok: false, errors };
  return {
    ok: true,
    policy: {
      warnRatio: warnRatio as number,
      rules,
      callbackAfterResolutionMinutes: callbackAfter as number,
      departmentReply,
      statutoryComplaintCeilingMinutes: ceiling as number,
    },
  };
}

function validateRule(label: string, candidate: unknown, complaintCeiling: number, errors: string[]): SlaRule | null {
  if (!isRecord(candidate)) {
    errors.push(`${label} must be an object`);
    return null;
  }
  const { kind, priority, tier } = candidate;
  let valid = true;
  if (!isOneOf(TICKET_KINDS, kind)) {
    errors.push(`${label}.kind ${String(kind)} is not one of ${TICKET_KINDS.join(', ')}`);
    valid = false;
  }
  if (priority !== undefined && !isOneOf(PRIORITIES, priority)) {
    errors.push(`${label}.priority ${String(priority)} is not one of ${PRIORITIES.join(', ')}`);
    valid = false;
  }
  if (tier !== undefined && !isOneOf(CUSTOMER_TIERS, tier)) {
    errors.push(`${label}.tier ${String(tier)} is not one of ${CUSTOMER_TIERS.join(', ')}`);
    valid = false;
  }
  const before = errors.length;
  const firstResponse = validateTarget(`${label}.firstResponse`, candidate.firstResponse, errors);
  const resolution = validateTarget(`${label}.resolution`, candidate.resolution, errors);
  if (errors.length > before) valid = false;

  if (kind === 'complaint') {
    // 《快递暂行条例》: every complaint must be handled within 7 calendar days, so a complaint always
    // has a resolution clock, counted in calendar time, inside the ceiling.
    if (candidate.resolution === null || candidate.resolution === undefined) {
      errors.push(`${label}.resolution must be set for a complaint (statutory ${complaintCeiling} minutes)`);
      valid = false;
    } else if (resolution) {
      if (resolution.basis !== 'calendar') {
        errors.push(`${label}.resolution of a complaint must count calendar time: the statutory limit is in calendar days`);
        valid = false;
      }
      if (resolution.minutes > complaintCeiling) {
        errors.push(`${label}.resolution ${resolution.minutes} minutes exceeds the statutory complaint ceiling of ${complaintCeiling} minutes`);
        valid = false;
      }
    }
  }
  if (!valid || !isOneOf(TICKET_KINDS, kind)) return null;
  const rule: SlaRule = { kind, firstResponse, resolution };
  if (isOneOf(PRIORITIES, priority)) rule.priority = priority;
  if (isOneOf(CUSTOMER_TIERS, tier)) rule.tier = tier;
  return rule;
}

/** A target, null when the input is null/undefined (no clock), or null with an error when malformed. */
function validateTarget(label: string, candidate: unknown, errors: string[]): SlaTarget | null {
  if (candidate === null || candidate === undefined) return null;
  if (!isRecord(candidate)) {
    errors.push(`${label} must be {minutes, basis, source} or null`);
    return null;
  }
  const { minutes, basis, source } = candidate;
  let valid = true;
  if (!isPositiveInteger(minutes)) {
    errors.push(`${label}.minutes must be a positive whole number`);
    valid = false;
  } else if (minutes > SLA_TARGET_MAX_MINUTES) {
    errors.push(`${label}.minutes may not exceed ${SLA_TARGET_MAX_MINUTES} minutes (90 days)`);
    valid = false;
  }
  if (basis !== 'calendar' && basis !== 'business') {
    errors.push(`${label}.basis must be calendar or business`);
    valid = false;
  }
  if (typeof source !== 'string' || source.trim() === '') {
    errors.push(`${label}.source must say where the number comes from`);
    valid = false;
  }
  return valid ? { minutes: minutes as number, basis: basis as ClockBasis, source: source as string } : null;
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner && typeof inner === 'object') deepFreeze(inner as object);
  return Object.freeze(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
