/** Shapes of the server's answers (the API contract), as the console uses them. */
import type { Permission, Role } from '../shared';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
  permissions: Permission[];
}

export interface Session {
  user: Me;
  csrfToken: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
  email: string | null;
  active: boolean;
  /** ISO instant; in the past means the lock has run out. */
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  version: number;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}
