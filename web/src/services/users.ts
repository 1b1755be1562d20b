import { api } from '../api';
import type { Role } from '../shared';
import type { Page, User } from './types';

export interface UserQuery {
  q?: string;
  role?: Role;
  page: number;
  pageSize: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  departmentId?: string | null;
  email?: string | null;
}

/** Only the fields that change; `version` is the one the form loaded (optimistic locking). */
export interface UserChanges {
  version: number;
  displayName?: string;
  role?: Role;
  departmentId?: string | null;
  email?: string | null;
  active?: boolean;
}

export function listUsers(query: UserQuery, signal?: AbortSignal): Promise<Page<User>> {
  return api.get<Page<User>>('/api/users', { query: { ...query }, signal });
}

export function createUser(user: NewUser): Promise<User> {
  return api.post<User>('/api/users', user);
}

export function updateUser(id: string, changes: UserChanges): Promise<User> {
  return api.patch<User>(`/api/users/${encodeURIComponent(id)}`, changes);
}

export function resetPassword(id: string, password: string): Promise<void> {
  return api.post<void>(`/api/users/${encodeURIComponent(id)}/password`, { password });
}

export function unlockUser(id: string): Promise<User> {
  return api.post<User>(`/api/users/${encodeURIComponent(id)}/unlock`);
}
