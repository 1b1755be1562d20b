import type { Static } from 'typebox';
import type { RequestContext } from '../../../domain/actor.js';
import { AppError } from '../../../domain/errors.js';
import { inTransaction } from '../../../db/transaction.js';
import { audit } from '../../audit/service.js';
import { indexWords } from '../../tickets/service.js';
import { customerActions, mayChange, userOf } from '../access.js';
import { addCustomerEvent, setSearchWords, updateCustomer } from '../repository.js';
import type { CustomerEdit } from '../schemas.js';
import { author, changedFields, profileValues, type Deps } from './steps.js';

/**
 * Changes a customer's profile at the version the caller read. Naming the account manager is for
 * those who keep every record; an account manager may keep their own account but not hand it on.
 * The timeline and the audit name the fields changed, never their values (personal data).
 */
export async function editCustomer(deps: Deps, ctx: RequestContext, id: string, input: Static<typeof CustomerEdit>) {
  const actor = userOf(ctx.actor);
  const { version, ...fields } = input;
  return inTransaction(deps.db, async (trx) => {
    const row = await mayChange(trx, id, actor, 'edit', version);
    if (fields.accountManagerId !== undefined && fields.accountManagerId !== row.account_manager_id && !customerActions(row, actor).has('assign')) {
      throw new AppError('FORBIDDEN');
    }
    const values = await profileValues(trx, fields, id);
    const changed = changedFields(values).filter((k) => values[k as keyof typeof values] !== row[k as keyof typeof row]);
    const saved = await updateCustomer(trx, id, values);
    if (values.name !== undefined && values.name !== row.name) await setSearchWords(trx, id, indexWords(values.name));
    const by = author(actor);
    if (changed.length > 0) await addCustomerEvent(trx, id, by, 'edited', { fields: changed });
    if (values.account_manager_id !== undefined && values.account_manager_id !== row.account_manager_id) {
      await addCustomerEvent(trx, id, by, 'account_manager_changed', { from: row.account_manager_id, to: values.account_manager_id });
    }
    await audit(trx, ctx, { action: 'customer.edit', subjectType: 'customer', subjectId: id, detail: { fields: changed } });
    return saved;
  });
}
