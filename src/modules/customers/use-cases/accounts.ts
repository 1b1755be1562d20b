import type { RequestContext } from '../../../domain/actor.js';
import { AppError } from '../../../domain/errors.js';
import { inTransaction } from '../../../db/transaction.js';
import { audit } from '../../audit/service.js';
import { mayChange, userOf } from '../access.js';
import { addCustomerEvent, insertMonthlyAccount, touchCustomer } from '../repository.js';
import { author, type Deps } from './steps.js';

/** Gives the customer a monthly account (月结账号); a number another customer holds is refused. */
export async function addMonthlyAccount(deps: Deps, ctx: RequestContext, id: string, version: number, accountNo: string) {
  const actor = userOf(ctx.actor);
  const no = accountNo.toUpperCase();
  return inTransaction(deps.db, async (trx) => {
    await mayChange(trx, id, actor, 'edit', version);
    if (!(await insertMonthlyAccount(trx, id, no, actor.id))) throw new AppError('MONTHLY_ACCOUNT_TAKEN', { accountNo: no });
    await addCustomerEvent(trx, id, author(actor), 'account_added', { accountNo: no });
    await audit(trx, ctx, { action: 'customer.account_add', subjectType: 'customer', subjectId: id, detail: { accountNo: no } });
    return touchCustomer(trx, id);
  });
}
