import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, permissionsOf, ROLES, type AnyRole, type Permission } from './roles.js';

// docs/product.md "Users": administration is the admin's; every person uses the console; machines don't.
// docs/product.md §2: agents own tickets, departments only reply, supervisors reassign and watch clocks.
const staff: Permission[] = ['console.use', 'departments.read', 'shipments.read'];
// docs/product.md §5: every desk person reads customers (masked); account managers keep their own
// accounts; supervisors, managers and the admin (who cleans the data) keep every record and merge.
// Issue 19: every desk person reads service notifications; those who work them (the assistant, the
// field engineer's department, supervisors and managers) create, change and move them.
const desk: Permission[] = [...staff, 'tickets.work', 'customers.read', 'serviceOrders.read'];
// Issue 17 §6: supervisors and managers run satisfaction surveys; account managers read their own customers' results.
// Issue 20 §4: supervisors and quality staff review sampled tickets; an agent reads and disputes their own reviews.
const supervision: Permission[] = ['tickets.supervise', 'tickets.readConfidential', 'quality.read', 'quality.review', 'customers.edit', 'customers.manage', 'surveys.manage', 'surveys.read', 'kpis.read'];
const expected: Record<AnyRole, Permission[]> = {
  agent: [...desk, 'serviceOrders.work', 'quality.self'],
  supervisor: [...desk, 'shipments.revealPersonalData', ...supervision, 'serviceOrders.work'],
  department: [...staff, 'tickets.departmentReply', 'serviceOrders.read', 'serviceOrders.work'],
  account_manager: [...desk, 'shipments.revealPersonalData', 'customers.edit', 'surveys.read'],
  manager: [...desk, 'shipments.revealPersonalData', 'policies.manage', ...supervision, 'serviceOrders.work'],
  admin: [
    ...desk,
    ...supervision,
    'shipments.revealPersonalData',
    'users.manage',
    'audit.read',
    'apiKeys.manage',
    'policies.manage',
    'tracking.ingest',
    'shipments.register',
  ],
  // Machines feed data; they do not read customers' parcels.
  integration: ['tracking.ingest', 'shipments.register'],
};

describe('permission table', () => {
  const cases = Object.entries(expected).flatMap(([role, granted]) =>
    PERMISSIONS.map((permission) => ({ role: role as AnyRole, permission, allowed: granted.includes(permission) })),
  );
  it.each(cases)('$role → $permission: $allowed', ({ role, permission, allowed }) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it('lists every role of docs/product.md', () => {
    expect([...ROLES].sort()).toEqual(['account_manager', 'admin', 'agent', 'department', 'manager', 'supervisor']);
  });

  it('permissionsOf matches can()', () => {
    for (const role of Object.keys(expected) as AnyRole[]) {
      expect([...permissionsOf(role)].sort()).toEqual([...expected[role]].sort());
    }
  });
});
