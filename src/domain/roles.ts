/**
 * Who works in ParcelDesk (docs/product.md, "Users") and what each role may do. This table is the one
 * place permissions are decided; routes name the permission they need, never a role.
 */

export const ROLES = ['agent', 'supervisor', 'department', 'account_manager', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Machine clients (scanners, carrier feeds) sign in with an API key bound to this role. */
export const MACHINE_ROLES = ['integration'] as const;
export type MachineRole = (typeof MACHINE_ROLES)[number];
export type AnyRole = Role | MachineRole;

export const PERMISSIONS = [
  /** sign in to the console at all */
  'console.use',
  /** see the company's departments and teams */
  'departments.read',
  /** create, change, disable and unlock users; reset passwords */
  'users.manage',
  /** read the audit log */
  'audit.read',
  /** issue and revoke API keys for machine clients */
  'apiKeys.manage',
  /** change business policies, calendars and phrase lists (docs/product.md: manager / admin) */
  'policies.manage',
  /** send tracking events (scanners, carrier feeds) */
  'tracking.ingest',
  /** register shipments with their sender, recipient and service */
  'shipments.register',
  /** find shipments and read their tracking, exceptions and notifications (masked) */
  'shipments.read',
  /** see names, phones and addresses unmasked (shipments' parties, tickets' customers); every reveal is audited (docs/product.md §5) */
  'shipments.revealPersonalData',
  /** record contacts; open, reply to, transfer and resolve tickets (首问负责制: the first taker owns) */
  'tickets.work',
  /** answer what a ticket asks of one's own department (相应部门回复), without taking ownership */
  'tickets.departmentReply',
  /** reassign any ticket, merge duplicates, watch the SLA board, set agents' duty */
  'tickets.supervise',
  /** read confidential tickets of other teams */
  'tickets.readConfidential',
  /** read forbidden-phrase hits and other quality-check records (质检) */
  'quality.read',
  /** review sampled tickets against the scorecard, sample on demand, decide disputes, calibrate (质检员: supervisors and quality staff) */
  'quality.review',
  /** read the quality reviews of one's own work and dispute them (申诉) */
  'quality.self',
  /** find customers and read their records and customer view (客户360), personal data masked */
  'customers.read',
  /** create customers and keep one's own accounts (account managers: those they manage); see the tasks one is given */
  'customers.edit',
  /** keep every customer record: edit any, merge duplicates, name account managers, take the supervisors' tasks */
  'customers.manage',
  /** write questionnaires and send satisfaction surveys (满意度调查) to customers */
  'surveys.manage',
  /** read survey results and answers (an account manager: of their own customers only) */
  'surveys.read',
  /** read the KPIs (服务质量考核指标): their series, the records behind a number, the exports */
  'kpis.read',
  /** find and read after-sales service notifications (服务通知单); a department user those of its work centers (modules/service-orders/access.ts) */
  'serviceOrders.read',
  /** create (IW51) and change (IW52) service notifications and move their status; which statuses a role may set is the status profile's rule (domain/service-orders) */
  'serviceOrders.work',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF: Permission[] = ['console.use', 'departments.read', 'shipments.read'];
const DESK: Permission[] = [...STAFF, 'tickets.work', 'customers.read', 'serviceOrders.read'];
const SUPERVISION: Permission[] = ['tickets.supervise', 'tickets.readConfidential', 'quality.read', 'quality.review', 'customers.edit', 'customers.manage', 'surveys.manage', 'surveys.read', 'kpis.read'];
const MACHINE: Permission[] = ['tracking.ingest', 'shipments.register'];

const GRANTS: Record<AnyRole, readonly Permission[]> = {
  agent: [...DESK, 'serviceOrders.work', 'quality.self'],
  supervisor: [...DESK, 'shipments.revealPersonalData', ...SUPERVISION, 'serviceOrders.work'],
  // the field engineers (服务人员) and the departments that reply work the notifications of their own work centers
  department: [...STAFF, 'tickets.departmentReply', 'serviceOrders.read', 'serviceOrders.work'],
  account_manager: [...DESK, 'shipments.revealPersonalData', 'customers.edit', 'surveys.read'],
  manager: [...DESK, 'shipments.revealPersonalData', 'policies.manage', ...SUPERVISION, 'serviceOrders.work'],
  admin: [
    ...DESK,
    'shipments.revealPersonalData',
    'users.manage',
    'audit.read',
    'apiKeys.manage',
    'policies.manage',
    ...SUPERVISION,
    ...MACHINE,
  ],
  integration: MACHINE,
};

export function permissionsOf(role: AnyRole): readonly Permission[] {
  return GRANTS[role];
}

export function can(role: AnyRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
