import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../roles.js';
import {
  allowedActions,
  initialState,
  moveNotification,
  validateStatusProfile,
  Z1_PROFILE,
  Z2_PROFILE,
  type NotificationState,
  type StatusProfile,
  type SystemStatus,
} from './status-profile.js';

/**
 * Every user-status move each role may make, written out by hand from docs/product.md: a cell lists
 * the statuses that role may set from the row's status ("-": none). Every (from, to, role) triple
 * not in a cell must be refused — STATUS_INVALID when the profile does not lead there at all,
 * STATUS_ROLE when it does but not for this role.
 */
const TABLES: Record<'Z1' | 'Z2', string> = {
  Z1: `
    from | agent | department | supervisor | account_manager | manager  | admin
    TZJL | KCJS  | KCJS       | KCJS       | -               | KCJS     | -
    KCJS | -     | -          | ZGPZ BPZ   | -               | ZGPZ BPZ | -
    ZGPZ | ZBHF  | ZBHF       | ZBHF       | -               | ZBHF     | -
    BPZ  | KCJS  | KCJS       | KCJS       | -               | KCJS     | -
    ZBHF | -     | -          | -          | -               | -        | -`,
  Z2: `
    from | agent | department | supervisor | account_manager | manager   | admin
    TZJL | -     | HFYY       | HFYY       | -               | HFYY      | -
    HFYY | DDKH  | DDKH THCS  | DDKH THCS  | -               | DDKH THCS | -
    DDKH | -     | THCS       | THCS       | -               | THCS      | -
    THCS | -     | -          | -          | -               | -         | -`,
};

/** Which user statuses the profile leads to at all, whoever sets them (the ranges). */
const REACHABLE: Record<'Z1' | 'Z2', Record<string, string[]>> = {
  Z1: { TZJL: ['KCJS'], KCJS: ['ZGPZ', 'BPZ'], ZGPZ: ['ZBHF'], BPZ: ['KCJS'], ZBHF: [] },
  Z2: { TZJL: ['HFYY'], HFYY: ['DDKH', 'THCS'], DDKH: ['THCS'], THCS: [] },
};

/** The statuses a notification may be completed at. */
const COMPLETABLE: Record<'Z1' | 'Z2', string[]> = { Z1: ['KCJS', 'BPZ', 'ZBHF'], Z2: ['DDKH', 'THCS'] };
const WORKERS: Role[] = ['agent', 'department', 'supervisor', 'manager'];
const REOPENERS: Role[] = ['supervisor', 'manager'];

function parse(table: string): Map<string, Map<Role, string[]>> {
  const [header, ...rows] = table
    .trim()
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()));
  const roles = header!.slice(1) as Role[];
  return new Map(rows.map(([from, ...cells]) => [from!, new Map(roles.map((role, i) => [role, cells[i] === '-' ? [] : cells[i]!.split(' ')]))]));
}

const PROFILES: Record<'Z1' | 'Z2', StatusProfile> = { Z1: Z1_PROFILE, Z2: Z2_PROFILE };
const SYSTEM_OPEN: SystemStatus[] = ['outstanding', 'in_process', 'postponed'];

describe.each(['Z1', 'Z2'] as const)('%s status profile', (type) => {
  const profile = PROFILES[type];
  const table = parse(TABLES[type]);

  it('is a valid profile whose statuses are exactly the table’s rows, in number order', () => {
    expect(validateStatusProfile(profile)).toEqual([]);
    expect(profile.statuses.map((s) => s.code)).toEqual([...table.keys()]);
    expect(profile.statuses.map((s) => s.number)).toEqual([...profile.statuses.map((s) => s.number)].sort((a, b) => a - b));
  });

  const cases = [...table.keys()].flatMap((from) =>
    [...table.keys()].flatMap((to) => ROLES.flatMap((role) => SYSTEM_OPEN.map((systemStatus) => ({ from, to, role, systemStatus })))),
  );

  it.each(cases)('$role: $from → $to ($systemStatus)', ({ from, to, role, systemStatus }) => {
    const mine = table.get(from)!.get(role)!;
    const move = moveNotification(profile, { userStatus: from, systemStatus }, { kind: 'set_status', status: to }, role);
    if (mine.includes(to)) {
      // setting a user status takes an outstanding or postponed notification into process
      expect(move).toEqual({ kind: 'moved', state: { userStatus: to, systemStatus: 'in_process' } });
      return;
    }
    expect(move.kind).toBe('refused');
    if (move.kind !== 'refused') return;
    expect(move.code).toBe(REACHABLE[type][from]!.includes(to) ? 'SERVICE_ORDER_STATUS_ROLE' : 'SERVICE_ORDER_STATUS_INVALID');
    // the refusal names exactly what this role may do from here: the table's statuses first
    expect(move.allowed.slice(0, mine.length)).toEqual(mine);
    expect(move.allowed.slice(mine.length).every((a) => ['put_in_process', 'postpone', 'complete'].includes(a))).toBe(true);
  });

  it.each([...table.keys()].flatMap((at) => ROLES.map((role) => ({ at, role }))))('$role completes at $at', ({ at, role }) => {
    const state: NotificationState = { userStatus: at, systemStatus: 'in_process' };
    const move = moveNotification(profile, state, { kind: 'complete', cause: 'CS-DONE/0001' }, role);
    if (!WORKERS.includes(role)) expect(move).toMatchObject({ kind: 'refused', code: 'SERVICE_ORDER_STATUS_ROLE', allowed: [] });
    else if (!COMPLETABLE[type].includes(at)) expect(move).toMatchObject({ kind: 'refused', code: 'SERVICE_ORDER_NOT_COMPLETABLE' });
    else expect(move).toEqual({ kind: 'moved', state: { userStatus: at, systemStatus: 'completed' } });
  });

  it('completing needs a cause', () => {
    const at = COMPLETABLE[type][0]!;
    expect(moveNotification(profile, { userStatus: at, systemStatus: 'in_process' }, { kind: 'complete', cause: null }, 'agent')).toMatchObject({
      kind: 'refused',
      code: 'SERVICE_ORDER_CAUSE_REQUIRED',
    });
  });

  it.each(ROLES.flatMap((role) => [...table.keys()].map((to) => ({ role, to }))))('completed is read-only: $role cannot set $to', ({ role, to }) => {
    const at = COMPLETABLE[type][0]!;
    const move = moveNotification(profile, { userStatus: at, systemStatus: 'completed' }, { kind: 'set_status', status: to }, role);
    expect(move).toEqual({ kind: 'refused', code: 'SERVICE_ORDER_COMPLETED', allowed: REOPENERS.includes(role) ? ['reopen'] : [] });
    for (const kind of ['put_in_process', 'postpone'] as const) {
      expect(moveNotification(profile, { userStatus: at, systemStatus: 'completed' }, { kind }, role)).toMatchObject({ kind: 'refused', code: 'SERVICE_ORDER_COMPLETED' });
    }
  });

  it.each(ROLES)('%s reopens a completed notification only as a supervisor or manager, back into process', (role) => {
    const at = COMPLETABLE[type][0]!;
    const move = moveNotification(profile, { userStatus: at, systemStatus: 'completed' }, { kind: 'reopen' }, role);
    if (REOPENERS.includes(role)) expect(move).toEqual({ kind: 'moved', state: { userStatus: at, systemStatus: 'in_process' } });
    else expect(move).toMatchObject({ kind: 'refused', code: 'SERVICE_ORDER_STATUS_ROLE' });
    expect(moveNotification(profile, { userStatus: at, systemStatus: 'in_process' }, { kind: 'reopen' }, role)).toMatchObject({ kind: 'refused', code: 'SERVICE_ORDER_NOT_COMPLETED' });
  });

  it.each(
    ROLES.flatMap((role) =>
      SYSTEM_OPEN.flatMap((systemStatus) => (['put_in_process', 'postpone'] as const).map((kind) => ({ role, systemStatus, kind }))),
    ),
  )('$role: $kind from $systemStatus', ({ role, systemStatus, kind }) => {
    const move = moveNotification(profile, { userStatus: 'TZJL', systemStatus }, { kind }, role);
    const to = kind === 'put_in_process' ? 'in_process' : 'postponed';
    if (!WORKERS.includes(role)) expect(move).toMatchObject({ kind: 'refused', code: 'SERVICE_ORDER_STATUS_ROLE' });
    else if (systemStatus === to) expect(move).toMatchObject({ kind: 'refused', code: 'SERVICE_ORDER_TRANSITION_INVALID' });
    else expect(move).toEqual({ kind: 'moved', state: { userStatus: 'TZJL', systemStatus: to } });
  });

  it('the status bar offers the table’s statuses, then the system actions the state allows', () => {
    for (const [from, byRole] of table) {
      for (const [role, statuses] of byRole) {
        const system = WORKERS.includes(role) ? ['postpone', ...(COMPLETABLE[type].includes(from) ? ['complete'] : [])] : [];
        expect(allowedActions(profile, { userStatus: from, systemStatus: 'in_process' }, role)).toEqual({ statuses, system });
      }
    }
  });
});

describe('initialState', () => {
  it('starts at TZJL in the planning queue (outstanding); urgent (紧急) goes straight into process', () => {
    expect(initialState(Z1_PROFILE, false)).toEqual({ userStatus: 'TZJL', systemStatus: 'outstanding' });
    expect(initialState(Z2_PROFILE, true)).toEqual({ userStatus: 'TZJL', systemStatus: 'in_process' });
  });
});

describe('validateStatusProfile', () => {
  const base = Z1_PROFILE;
  it.each([
    { case: 'a code used twice', profile: { ...base, statuses: [...base.statuses, { ...base.statuses[1]!, number: 60 }] }, error: 'KCJS: code used twice' },
    { case: 'a number used twice', profile: { ...base, statuses: base.statuses.map((s) => (s.code === 'BPZ' ? { ...s, number: 30 } : s)) }, error: 'BPZ: number 30 used twice' },
    { case: 'an unknown initial status', profile: { ...base, initial: 'XXXX' }, error: 'initial status XXXX is not in the profile' },
    { case: 'a range naming nothing', profile: { ...base, statuses: base.statuses.map((s) => (s.code === 'ZGPZ' ? { ...s, next: { lowest: 70, highest: 80 } } : s)) }, error: 'ZGPZ: its range names no other status' },
    { case: 'lowest above highest', profile: { ...base, statuses: base.statuses.map((s) => (s.code === 'ZGPZ' ? { ...s, next: { lowest: 50, highest: 40 } } : s)) }, error: 'ZGPZ: lowest above highest' },
    { case: 'nothing may complete', profile: { ...base, statuses: base.statuses.map((s) => ({ ...s, mayComplete: false })) }, error: 'no status allows completing' },
    { case: 'a status nobody reaches', profile: { ...base, statuses: base.statuses.map((s) => (s.code === 'KCJS' ? { ...s, next: { lowest: 30, highest: 30 } } : s)) }, error: 'BPZ: not reachable from TZJL' },
    { case: 'a code in lower case', profile: { ...base, statuses: base.statuses.map((s) => (s.code === 'ZBHF' ? { ...s, code: 'zbhf' } : s)) }, error: 'zbhf: a status code is 2–4 capital letters or digits' },
  ])('refuses $case', ({ profile, error }) => {
    expect(validateStatusProfile(profile as StatusProfile)).toContain(error);
  });
});
