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
