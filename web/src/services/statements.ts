/**
 * A monthly account's statement (GET /api/customers/:id/monthly-accounts/:accountNo/statement):
 * shapes follow src/modules/customers/statement-routes.ts.
 */
import { api } from '../api';

export interface StatementLine {
  entryId: string;
  kind: 'credit_note' | 'reversal';
  claimId: string;
  waybillNo: string;
  claimType: string;
  /** credited to the account (+) or taken back by a reversal (−), in fen */
  creditFen: number;
  reference: string;
  at: string;
  reversesEntryId: string | null;
}

export interface MonthlyStatement {
  customerId: string;
  accountNo: string;
  month: string;
  lines: StatementLine[];
  totalCreditFen: number;
}

export function getMonthlyStatement(customerId: string, accountNo: string, month: string, signal?: AbortSignal): Promise<MonthlyStatement> {
  return api.get<MonthlyStatement>(`/api/customers/${encodeURIComponent(customerId)}/monthly-accounts/${encodeURIComponent(accountNo)}/statement`, { query: { month }, signal });
}
