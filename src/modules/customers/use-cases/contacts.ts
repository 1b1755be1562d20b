import type { Static } from 'typebox';
import type { RequestContext } from '../../../domain/actor.js';
import { AppError } from '../../../domain/errors.js';
import { inTransaction } from '../../../db/transaction.js';
import { mayChange, userOf } from '../access.js';
import { addCustomerEvent, deleteContact, insertContact, touchCustomer, updateContact } from '../repository.js';
import type { ContactInput } from '../schemas.js';
import { author, contactValues, type Deps } from './steps.js';

type Input = Static<typeof ContactInput>;

/** Adds a person at the customer (name, role, phones, e-mail, WeChat, callback windows). */
export async function addContact(deps: Deps, ctx: RequestContext, id: string, version: number, input: Input) {
  const actor = userOf(ctx.actor);
  return inTransaction(deps.db, async (trx) => {
    await mayChange(trx, id, actor, 'edit', version);
    const values = contactValues(input);
    const contact = await insertContact(trx, id, values);
    await addCustomerEvent(trx, id, author(actor), 'contact_added', { contactId: contact.id, role: values.role });
    return touchCustomer(trx, id);
  });
}

/** Changes a contact of the customer; another customer's contact is not found here. */
export async function changeContact(deps: Deps, ctx: RequestContext, id: string, contactId: string, version: number, input: Input) {
  const actor = userOf(ctx.actor);
  return inTransaction(deps.db, async (trx) => {
    await mayChange(trx, id, actor, 'edit', version);
    const values = contactValues(input);
    if (!(await updateContact(trx, id, contactId, values))) throw new AppError('CUSTOMER_CONTACT_NOT_FOUND');
    await addCustomerEvent(trx, id, author(actor), 'contact_changed', { contactId, role: values.role });
    return touchCustomer(trx, id);
  });
}

export async function removeContact(deps: Deps, ctx: RequestContext, id: string, contactId: string, version: number) {
  const actor = userOf(ctx.actor);
  return inTransaction(deps.db, async (trx) => {
    await mayChange(trx, id, actor, 'edit', version);
    if (!(await deleteContact(trx, id, contactId))) throw new AppError('CUSTOMER_CONTACT_NOT_FOUND');
    await addCustomerEvent(trx, id, author(actor), 'contact_removed', { contactId });
    return touchCustomer(trx, id);
  });
}
