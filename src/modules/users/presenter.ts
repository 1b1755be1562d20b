import { permissionsOf, type Role } from '../../domain/roles.js';
import type { UserRow } from './repository.js';
import type { Me, User } from './schemas.js';

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    departmentId: row.department_id,
    departmentName: row.department_name,
    email: row.email,
    active: row.active,
    lockedUntil: row.locked_until && row.locked_until > new Date() ? row.locked_until.toISOString() : null,
    lastSignInAt: row.last_sign_in_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    version: row.version,
  };
}

/** The signed-in user, with what they may do so the console shows only allowed actions. */
export function presentMe(row: UserRow): Me {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    departmentId: row.department_id,
    departmentName: row.department_name,
    permissions: [...permissionsOf(row.role as Role)],
  };
}
