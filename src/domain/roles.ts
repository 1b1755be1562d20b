/**
 * Who works in ParcelDesk (PRODUCT.md, "Users") and what each role may do. This table is the one
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
  /** change business policies, calendars and phrase lists (PRODUCT.md: manager / admin) */
  'policies.manage',
  /** send tracking events (scanners, carrier feeds) */
  'tracking.ingest',
  /** register shipments with their sender, recipient and service */
  'shipments.register',
  /** find shipments and read their tracking, exceptions and notifications (masked) */
  'shipments.read',
  /** see names, phones and addresses unmasked; every reveal is audited (PRODUCT.md §5) */
  'shipments.revealPersonalData',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF: Permission[] = ['console.use', 'departments.read', 'shipments.read'];
const MACHINE: Permission[] = ['tracking.ingest', 'shipments.register'];

const GRANTS: Record<AnyRole, readonly Permission[]> = {
  agent: STAFF,
  supervisor: [...STAFF, 'shipments.revealPersonalData'],
  department: STAFF,
  account_manager: [...STAFF, 'shipments.revealPersonalData'],
  manager: [...STAFF, 'shipments.revealPersonalData', 'policies.manage'],
  admin: [...STAFF, 'shipments.revealPersonalData', 'users.manage', 'audit.read', 'apiKeys.manage', 'policies.manage', ...MACHINE],
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
