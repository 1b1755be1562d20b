import type { Static } from 'typebox';
import type { RequestContext } from '../../../domain/actor.js';
import { AppError } from '../../../domain/errors.js';
import { inTransaction } from '../../../db/transaction.js';
import { audit } from '../../audit/service.js';
import { indexWords } from '../../tickets/service.js';
import { mayCreate, userOf } from '../access.js';
import { addCustomerEvent, insertAddress, insertContact, insertCustomer, insertMonthlyAccount } from '../repository.js';
import type { CustomerCreate } from '../schemas.js';
import { addressValues, author, contactValues, profileValues, type Deps } from './steps.js';

/**
 * Creates a customer with its contacts, addresses and monthly accounts in one transaction. An
 * account manager's new customer is their own account; supervisors, managers and the admin may
 * name any account manager or none. The record's creation opens its timeline and is audited.
 */
export async function createCustomer(deps: Deps, ctx: RequestContext, input: Static<typeof CustomerCreate>) {
  const actor = userOf(ctx.actor);
  const accountManagerId = mayCreate(actor, input.accountManagerId);
  // Checked before the transaction: a bad contact or address refuses the whole record.
  const contacts = (input.contacts ?? []).map(contactValues);
  const addresses = (input.addresses ?? []).map(addressValues);
  const accounts = [...new Set((input.monthlyAccounts ?? []).map((a) => a.toUpperCase()))];
  return inTransaction(deps.db, async (trx) => {
    const values = await profileValues(trx, { ...input, accountManagerId }, null);
    const by = author(actor);
    const row = await insertCustomer(trx, { ...values, name: values.name!, created_by: actor.id }, indexWords(values.name!));
    for (const c of contacts) await insertContact(trx, row.id, c);
    for (const a of addresses) await insertAddress(trx, row.id, a, by);
    for (const accountNo of accounts) {
      if (!(await insertMonthlyAccount(trx, row.id, accountNo, actor.id))) throw new AppError('MONTHLY_ACCOUNT_TAKEN', { accountNo });
    }
    await addCustomerEvent(trx, row.id, by, 'created', { kind: values.kind, contacts: contacts.length, addresses: addresses.length, accounts });
    await audit(trx, ctx, { action: 'customer.create', subjectType: 'customer', subjectId: row.id, detail: { kind: values.kind, accounts } });
    return row;
  });
}
