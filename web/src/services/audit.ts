import { api } from '../api';
import type { AuditEntry, Page } from './types';

export interface AuditQuery {
  action?: string;
  actorId?: string;
  /** ISO instants, inclusive range. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function listAuditEntries(query: AuditQuery, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return api.get<Page<AuditEntry>>('/api/audit', { query: { ...query }, signal });
}

/** Actions that occur in the log (for the filter); the console adds the ones it knows. */
export async function listAuditActions(signal?: AbortSignal): Promise<string[]> {
  const { items } = await api.get<{ items: string[] }>('/api/audit/actions', { signal });
  return items;
}
