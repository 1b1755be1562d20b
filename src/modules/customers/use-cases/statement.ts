/**
 * A monthly account's statement (月结对账单, docs/product.md §5): for one of the customer's monthly
 * accounts and one month of the company's time zone, the credit notes (冲账) its settled claims
 * gave it, from the claims ledger (the claims module's `monthlyAccountCredits`), each with its claim,
 * waybill, amount and date; a reversal is its own line, in the month it was made; the total is
 * their sum. Read by whoever reads the customer (access.ts `readable`); an account that is not the
 * customer's is not found.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { RequestContext } from '../../../domain/actor.js';
import { AppError } from '../../../domain/errors.js';
import { fromWallClock } from '../../../domain/time-limits/working-days.js';
import { monthlyAccountCredits } from '../../claims/service.js';
import { readable, userOf } from '../access.js';
import { monthlyAccountsOf } from '../repository.js';

export async function monthlyStatement(deps: { db: Kysely<DB>; timeZone: string }, ctx: RequestContext, customerId: string, accountNo: string, month: string) {
  const actor = userOf(ctx.actor);
  const { row } = await readable(deps.db, customerId, actor);
  const accounts = await monthlyAccountsOf(deps.db, row.id);
  if (!accounts.some((a) => a.account_no === accountNo)) throw new AppError('MONTHLY_ACCOUNT_NOT_FOUND');
  const [year, monthNo] = month.split('-').map(Number) as [number, number];
  // The month's first instant and the next month's, in the company's zone.
  const from = fromWallClock(Date.UTC(year, monthNo - 1, 1), deps.timeZone);
  const to = fromWallClock(Date.UTC(year, monthNo, 1), deps.timeZone);
  const lines = await monthlyAccountCredits(deps.db, accountNo, from, to);
  return {
    customerId: row.id,
    accountNo,
    month,
    lines,
    totalCreditFen: lines.reduce((sum, line) => sum + line.creditFen, 0),
  };
}
