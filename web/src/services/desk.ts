/**
 * The account managers' desk as the console uses it (docs/product.md §5): planned callbacks (回访)
 * overdue, for the supervisors' board. Shapes follow the server's schemas (desk-routes.ts).
 */
import { api } from '../api';

export interface ListedAccountCallback {
  id: string;
  customerId: string;
  customerName: string;
  dueDate: string;
  dueAt: string;
  cadence: string;
  accountManager: { id: string; displayName: string } | null;
  daysOverdue: number;
}

export function getOverdueAccountCallbacks(signal?: AbortSignal): Promise<{ items: ListedAccountCallback[] }> {
  return api.get<{ items: ListedAccountCallback[] }>('/api/account-callbacks/overdue', { signal });
}

export interface DeskAccount {
  id: string;
  name: string;
  tier: string;
  kind: string;
  version: number;
  accountManager: { id: string; displayName: string } | null;
  parcels30: number;
  parcels90: number;
  complaints30: number;
  complaints90: number;
  complaintsPer1000_30: number | null;
  complaintsPer1000_90: number | null;
  delivered30: number;
  deliveredPrev30: number;
  onTimeRate30: number | null;
  onTimeRatePrev30: number | null;
  openTickets: number;
  openComplaints: number;
  lastContactAt: string | null;
  daysSinceContact: number | null;
  nextCallback: { id: string; dueDate: string; dueAt: string } | null;
  daysToNextCallback: number | null;
  daysOverdue: number | null;
  score: number;
}

/** My accounts with their health, what needs attention first (everyone's for those who keep every record). */
export function getDeskAccounts(query: { accountManagerId?: string; unassigned?: boolean }, signal?: AbortSignal): Promise<{ items: DeskAccount[]; total: number }> {
  return api.get<{ items: DeskAccount[]; total: number }>('/api/account-desk/accounts', { query, signal });
}

/** Names the account manager of the customers given (null: none). */
export function assignAccounts(customerIds: string[], accountManagerId: string | null): Promise<{ changed: number; unchanged: number }> {
  return api.post<{ changed: number; unchanged: number }>('/api/account-desk/assign', { customerIds, accountManagerId });
}

export interface DueAccountCallback extends ListedAccountCallback {
  status: string;
  outcome: string | null;
  satisfaction: number | null;
  note: string | null;
  doneAt: string | null;
}

/** Open planned callbacks due within `days`. */
export function getDueAccountCallbacks(days: number, signal?: AbortSignal): Promise<{ items: DueAccountCallback[] }> {
  return api.get<{ items: DueAccountCallback[] }>('/api/account-callbacks', { query: { days }, signal });
}

export type CallbackOutcome = 'reached' | 'not_reached' | 'rescheduled';

/** Logs a planned callback's outcome; the server plans the next one and says when. */
export function logAccountCallbackOutcome(
  id: string,
  body: { outcome: CallbackOutcome; note?: string; satisfaction?: number; rescheduleTo?: string },
): Promise<{ id: string; outcome: string; next: { id: string; dueDate: string; dueAt: string; cadence: string } }> {
  return api.post(`/api/account-callbacks/${encodeURIComponent(id)}/outcome`, body);
}
