/**
 * A service notification's statuses (服务通知单的状态, docs/product.md "After-sales service orders").
 *
 * Like an SAP status profile, the user statuses of a notification type are DATA: each has a number,
 * the lowest and highest number of the statuses it may move to, the roles that may set it, and
 * whether a notification standing at it may be completed. One user status at a time. Beside it
 * runs the system status (outstanding → in process ⇄ postponed → completed); completed is
 * read-only, needs a cause and may be reopened by a supervisor.
 *
 * Pure: `moveNotification` takes the notification's state, the action, the caller's role and the
 * profile, and returns the new state or a refusal that names the statuses the caller may set
 * instead. The service loads, asks here, and persists.
 */
import type { Role } from '../roles.js';

export interface Label {
  'zh-CN': string;
  'en-US': string;
}

export interface UserStatusDef {
  /** SAP-style four-letter code, e.g. TZJL */
  code: string;
  /** the status number: the order of the flow; ranges below are over these */
  number: number;
  label: Label;
  /** the statuses this one may move to: every status whose number lies in [lowest, highest]; null: none */
  next: { lowest: number; highest: number } | null;
  /** who may set this status (move a notification to it) */
  setBy: readonly Role[];
  /** a notification at this status may be completed (closed) */
  mayComplete: boolean;
}

export interface StatusProfile {
  /** e.g. ZSM00001 for Z1 */
  code: string;
  label: Label;
  /** the status every new notification of the type starts at */
  initial: string;
  statuses: readonly UserStatusDef[];
  /** who may complete a notification (at a status that allows it) and who may reopen a completed one */
  completeBy: readonly Role[];
  reopenBy: readonly Role[];
}

/** The system status beside the user status (SAP: OSNO, NOPR, NOPO, NOCO). */
export const SYSTEM_STATUSES = ['outstanding', 'in_process', 'postponed', 'completed'] as const;
export type SystemStatus = (typeof SYSTEM_STATUSES)[number];

export const SYSTEM_STATUS_LABELS: Record<SystemStatus, Label> = {
  outstanding: { 'zh-CN': '未结', 'en-US': 'Outstanding' },
  in_process: { 'zh-CN': '正在处理', 'en-US': 'In process' },
  postponed: { 'zh-CN': '已推迟', 'en-US': 'Postponed' },
  completed: { 'zh-CN': '已完成', 'en-US': 'Completed' },
};

// Who works a notification (docs/product.md "Users"): the service centre's assistant is an agent,
// the field engineer (服务人员) and the departments that reply are `department` users, approvals are
// supervisors' (managers hold every supervisor permission).
const DESK: readonly Role[] = ['agent', 'department', 'supervisor', 'manager'];
const FIELD: readonly Role[] = ['department', 'supervisor', 'manager'];
const SUPERVISORS: readonly Role[] = ['supervisor', 'manager'];

/**
 * Z1 客户服务 (after full payment): TZJL 通知记录 → KCJS 勘察结束 → ZGPZ 主管批准 / BPZ 主管不批准 →
 * ZBHF 总部回复 → completed. A service centre that handles the request itself completes after the
 * survey (KCJS); a refused request (BPZ) goes back to a new survey or is completed; an approved one
 * waits for headquarters' reply (ZBHF).
 */
export const Z1_PROFILE: StatusProfile = {
  code: 'ZSM00001',
  label: { 'zh-CN': '客户服务状态参数文件', 'en-US': 'Customer service status profile' },
  initial: 'TZJL',
  statuses: [
    { code: 'TZJL', number: 10, label: { 'zh-CN': '通知记录', 'en-US': 'Notification recorded' }, next: { lowest: 20, highest: 20 }, setBy: [], mayComplete: false },
    { code: 'KCJS', number: 20, label: { 'zh-CN': '勘察结束', 'en-US': 'Survey finished' }, next: { lowest: 30, highest: 40 }, setBy: DESK, mayComplete: true },
    { code: 'ZGPZ', number: 30, label: { 'zh-CN': '主管批准', 'en-US': 'Supervisor approved' }, next: { lowest: 50, highest: 50 }, setBy: SUPERVISORS, mayComplete: false },
    { code: 'BPZ', number: 40, label: { 'zh-CN': '主管不批准', 'en-US': 'Supervisor not approved' }, next: { lowest: 20, highest: 20 }, setBy: SUPERVISORS, mayComplete: true },
    { code: 'ZBHF', number: 50, label: { 'zh-CN': '总部回复', 'en-US': 'Headquarters replied' }, next: null, setBy: DESK, mayComplete: true },
  ],
  completeBy: DESK,
  reopenBy: SUPERVISORS,
};

/**
 * Z2 交货异常 (delivery exception before full payment): TZJL 通知记录 → HFYY 回复营业 → DDKH 到达客户
 * → THCS 退回厂商. Returning the goods to the manufacturer is optional: the exception may be
 * completed once the goods reached the customer, or returned straight after the reply.
 */
export const Z2_PROFILE: StatusProfile = {
  code: 'ZSM00002',
  label: { 'zh-CN': '交货异常状态参数文件', 'en-US': 'Delivery exception status profile' },
  initial: 'TZJL',
  statuses: [
    { code: 'TZJL', number: 10, label: { 'zh-CN': '通知记录', 'en-US': 'Notification recorded' }, next: { lowest: 20, highest: 20 }, setBy: [], mayComplete: false },
    { code: 'HFYY', number: 20, label: { 'zh-CN': '回复营业', 'en-US': 'Replied to sales' }, next: { lowest: 30, highest: 40 }, setBy: FIELD, mayComplete: false },
    { code: 'DDKH', number: 30, label: { 'zh-CN': '到达客户', 'en-US': 'Arrived at customer' }, next: { lowest: 40, highest: 40 }, setBy: DESK, mayComplete: true },
    { code: 'THCS', number: 40, label: { 'zh-CN': '退回厂商', 'en-US': 'Returned to manufacturer' }, next: null, setBy: FIELD, mayComplete: true },
  ],
  completeBy: DESK,
  reopenBy: SUPERVISORS,
};

export interface NotificationState {
  userStatus: string;
  systemStatus: SystemStatus;
}

export type NotificationAction =
  | { kind: 'set_status'; status: string }
  /** 进行处理: take an outstanding or postponed notification into work */
  | { kind: 'put_in_process' }
  | { kind: 'postpone' }
  /** 完成: `cause` is the completion cause (a code of the cause catalog, checked by the caller) */
  | { kind: 'complete'; cause: string | null }
  | { kind: 'reopen' };

export const STATUS_REFUSAL_CODES = [
  'SERVICE_ORDER_STATUS_INVALID',
  'SERVICE_ORDER_STATUS_ROLE',
  'SERVICE_ORDER_COMPLETED',
  'SERVICE_ORDER_NOT_COMPLETABLE',
  'SERVICE_ORDER_CAUSE_REQUIRED',
  'SERVICE_ORDER_NOT_COMPLETED',
  'SERVICE_ORDER_TRANSITION_INVALID',
] as const;
export type StatusRefusalCode = (typeof STATUS_REFUSAL_CODES)[number];

export type NotificationMove =
  | { kind: 'moved'; state: NotificationState }
  /** `allowed`: the actions this role may take from here, as the status bar shows them (user status codes, then system actions) */
  | { kind: 'refused'; code: StatusRefusalCode; allowed: string[] };

export const SYSTEM_ACTIONS = ['put_in_process', 'postpone', 'complete', 'reopen'] as const;
export type SystemAction = (typeof SYSTEM_ACTIONS)[number];

function statusOf(profile: StatusProfile, code: string): UserStatusDef | undefined {
  return profile.statuses.find((s) => s.code === code);
}

/** The user statuses the profile lets a notification at `from` move to, whoever sets them. */
export function reachableStatuses(profile: StatusProfile, from: string): UserStatusDef[] {
  const next = statusOf(profile, from)?.next;
  if (!next) return [];
  return profile.statuses.filter((s) => s.code !== from && s.number >= next.lowest && s.number <= next.highest);
}

/**
 * What `role` may do to a notification in `state` (the status bar's buttons): user statuses to set,
 * then system actions. A completed notification offers only reopening, to those who may.
 */
export function allowedActions(profile: StatusProfile, state: NotificationState, role: Role): { statuses: string[]; system: SystemAction[] } {
  if (state.systemStatus === 'completed') return { statuses: [], system: profile.reopenBy.includes(role) ? ['reopen'] : [] };
  const statuses = reachableStatuses(profile, state.userStatus)
    .filter((s) => s.setBy.includes(role))
    .map((s) => s.code);
  const system: SystemAction[] = [];
  // Only those who work the notification move its system status; a reader gets no buttons.
  if (profile.completeBy.includes(role)) {
    if (state.systemStatus !== 'in_process') system.push('put_in_process');
    if (state.systemStatus !== 'postponed') system.push('postpone');
    if (statusOf(profile, state.userStatus)?.mayComplete) system.push('complete');
  }
  return { statuses, system };
}

const allowedList = (a: { statuses: string[]; system: SystemAction[] }) => [...a.statuses, ...a.system];

/**
 * The move `action` makes from `state` for `role`, or the refusal naming what the role may do
 * instead. Setting a user status on an outstanding or postponed notification also puts it in
 * process: the work has evidently started.
 */
export function moveNotification(profile: StatusProfile, state: NotificationState, action: NotificationAction, role: Role): NotificationMove {
  const allowed = allowedList(allowedActions(profile, state, role));
  const refuse = (code: StatusRefusalCode): NotificationMove => ({ kind: 'refused', code, allowed });
  if (action.kind === 'reopen') {
    if (state.systemStatus !== 'completed') return refuse('SERVICE_ORDER_NOT_COMPLETED');
    if (!profile.reopenBy.includes(role)) return refuse('SERVICE_ORDER_STATUS_ROLE');
    return { kind: 'moved', state: { userStatus: state.userStatus, systemStatus: 'in_process' } };
  }
  if (state.systemStatus === 'completed') return refuse('SERVICE_ORDER_COMPLETED');
  switch (action.kind) {
    case 'set_status': {
      const target = reachableStatuses(profile, state.userStatus).find((s) => s.code === action.status);
      if (!target) return refuse('SERVICE_ORDER_STATUS_INVALID');
      if (!target.setBy.includes(role)) return refuse('SERVICE_ORDER_STATUS_ROLE');
      return { kind: 'moved', state: { userStatus: target.code, systemStatus: 'in_process' } };
    }
    case 'put_in_process':
    case 'postpone': {
      if (!profile.completeBy.includes(role)) return refuse('SERVICE_ORDER_STATUS_ROLE');
      const to: SystemStatus = action.kind === 'put_in_process' ? 'in_process' : 'postponed';
      if (state.systemStatus === to) return refuse('SERVICE_ORDER_TRANSITION_INVALID');
      return { kind: 'moved', state: { userStatus: state.userStatus, systemStatus: to } };
    }
    case 'complete': {
      if (!profile.completeBy.includes(role)) return refuse('SERVICE_ORDER_STATUS_ROLE');
      if (!statusOf(profile, state.userStatus)?.mayComplete) return refuse('SERVICE_ORDER_NOT_COMPLETABLE');
      if (!action.cause) return refuse('SERVICE_ORDER_CAUSE_REQUIRED');
      return { kind: 'moved', state: { userStatus: state.userStatus, systemStatus: 'completed' } };
    }
  }
}

/** The first state of a new notification: urgent (紧急) ones skip the planning queue straight into process. */
export function initialState(profile: StatusProfile, urgent: boolean): NotificationState {
  return { userStatus: profile.initial, systemStatus: urgent ? 'in_process' : 'outstanding' };
}

/**
 * Checks a profile written as data: unique codes and numbers, the initial status present, every
 * range naming at least one other status, at least one status that may complete, and every status
 * but the initial one reachable from it.
 */
export function validateStatusProfile(profile: StatusProfile): string[] {
  const errors: string[] = [];
  const codes = new Set<string>();
  const numbers = new Set<number>();
  for (const s of profile.statuses) {
    if (!/^[A-Z0-9]{2,4}$/.test(s.code)) errors.push(`${s.code}: a status code is 2–4 capital letters or digits`);
    if (codes.has(s.code)) errors.push(`${s.code}: code used twice`);
    if (numbers.has(s.number)) errors.push(`${s.code}: number ${s.number} used twice`);
    if (!Number.isInteger(s.number) || s.number < 1 || s.number > 99) errors.push(`${s.code}: the number must be 1–99`);
    codes.add(s.code);
    numbers.add(s.number);
    if (!s.label['zh-CN'].trim() || !s.label['en-US'].trim()) errors.push(`${s.code}: a label in both languages`);
    if (s.next) {
      if (s.next.lowest > s.next.highest) errors.push(`${s.code}: lowest above highest`);
      else if (reachableStatuses(profile, s.code).length === 0) errors.push(`${s.code}: its range names no other status`);
    }
  }
  if (!codes.has(profile.initial)) errors.push(`initial status ${profile.initial} is not in the profile`);
  if (!profile.statuses.some((s) => s.mayComplete)) errors.push('no status allows completing');
  const seen = new Set([profile.initial]);
  const queue = [profile.initial];
  while (queue.length) {
    for (const s of reachableStatuses(profile, queue.shift()!)) {
      if (seen.has(s.code)) continue;
      seen.add(s.code);
      queue.push(s.code);
    }
  }
  for (const s of profile.statuses) if (!seen.has(s.code)) errors.push(`${s.code}: not reachable from ${profile.initial}`);
  return errors;
}
