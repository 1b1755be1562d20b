import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, permissionsOf, ROLES, type AnyRole, type Permission } from './roles.js';

// PRODUCT.md "Users": administration is the admin's; every person uses the console; machines don't.
const expected: Record<AnyRole, Permission[]> = {
  agent: ['console.use', 'departments.read'],
  supervisor: ['console.use', 'departments.read'],
  department: ['console.use', 'departments.read'],
  account_manager: ['console.use', 'departments.read'],
  manager: ['console.use', 'departments.read', 'policies.manage'],
  admin: ['console.use', 'departments.read', 'users.manage', 'audit.read', 'apiKeys.manage', 'policies.manage'],
  integration: [],
};

describe('permission table', () => {
  const cases = Object.entries(expected).flatMap(([role, granted]) =>
    PERMISSIONS.map((permission) => ({ role: role as AnyRole, permission, allowed: granted.includes(permission) })),
  );
  it.each(cases)('$role → $permission: $allowed', ({ role, permission, allowed }) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it('lists every role of PRODUCT.md', () => {
    expect([...ROLES].sort()).toEqual(['account_manager', 'admin', 'agent', 'department', 'manager', 'supervisor']);
  });

  it('permissionsOf matches can()', () => {
    for (const role of Object.keys(expected) as AnyRole[]) {
      expect([...permissionsOf(role)].sort()).toEqual([...expected[role]].sort());
    }
  });
});
