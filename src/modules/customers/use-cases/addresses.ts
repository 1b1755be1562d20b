import type { Static } from 'typebox';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { RequestContext } from '../../../domain/actor.js';
import { addressMoved, type AddressKind } from '../../../domain/customers/profile.js';
import { AppError } from '../../../domain/errors.js';
import { regionLabel } from '../../../domain/regions/index.js';
import { inTransaction } from '../../../db/transaction.js';
import { audit } from '../../audit/service.js';
import { mayChange, userOf, type UserActor } from '../access.js';
import {
  addCustomerEvent,
  addressOf,
  changeAddress as changeAddressRow,
  insertAddress,
  insertTask,
  monthlyAccountsOf,
  removeAddress as removeAddressRow,
  touchCustomer,
  type AddressValues,
  type LockedCustomer,
} from '../repository.js';
import type { AddressInput } from '../schemas.js';
import { addressValues, author, type Deps } from './steps.js';

type Input = Static<typeof AddressInput>;

const regionOfRow = (a: AddressValues) => regionLabel(a.province, a.city, a.district);

/** Adds an address; its first version starts the history. */
export async function addAddress(deps: Deps, ctx: RequestContext, id: string, version: number, input: Input) {
  const actor = userOf(ctx.actor);
  const values = addressValues(input);
  return inTransaction(deps.db, async (trx) => {
    await mayChange(trx, id, actor, 'edit', version);
    const address = await insertAddress(trx, id, values, author(actor));
    await addCustomerEvent(trx, id, author(actor), 'address_added', { addressId: address.id, kind: values.kind, region: regionOfRow(values) });
    return touchCustomer(trx, id);
  });
}

/**
 * Changes an address: the new version is kept beside the old ones (who, when). When a 月结
 * customer's billing or pickup address moves, the account is to be settled at the old address: a
 * task goes to the customer's account manager, or to the supervisors when it has none
 * (docs/product.md §5).
 */
export async function changeAddress(deps: Deps, ctx: RequestContext, id: string, addressId: string, version: number, input: Input) {
  const actor = userOf(ctx.actor);
  const values = addressValues(input);
  return inTransaction(deps.db, async (trx) => {
    const customer = await mayChange(trx, id, actor, 'edit', version);
    const before = await addressOf(trx, id, addressId);
    if (!before) throw new AppError('CUSTOMER_ADDRESS_NOT_FOUND');
    await changeAddressRow(trx, addressId, values, author(actor));
    await addCustomerEvent(trx, id, author(actor), 'address_changed', {
      addressId,
      kind: values.kind,
      fromRegion: regionOfRow(before),
      region: regionOfRow(values),
    });
    const kind = before.kind as AddressKind;
    if (addressMoved(kind, before, values) || (values.kind !== kind && addressMoved(values.kind as AddressKind, before, values))) {
      await settlementTask(trx, ctx, actor, customer, { addressId, kind, fromRegion: regionOfRow(before), region: regionOfRow(values) });
    }
    return touchCustomer(trx, id);
  });
}

/** Removes an address (its history stays readable); a 月结 customer's billing or pickup address gone is a move too. */
export async function removeAddress(deps: Deps, ctx: RequestContext, id: string, addressId: string, version: number) {
  const actor = userOf(ctx.actor);
  return inTransaction(deps.db, async (trx) => {
    const customer = await mayChange(trx, id, actor, 'edit', version);
    const before = await addressOf(trx, id, addressId);
    if (!before) throw new AppError('CUSTOMER_ADDRESS_NOT_FOUND');
    await removeAddressRow(trx, addressId, before, author(actor));
    await addCustomerEvent(trx, id, author(actor), 'address_removed', { addressId, kind: before.kind, region: regionOfRow(before) });
    if (before.kind === 'billing' || before.kind === 'pickup') {
      await settlementTask(trx, ctx, actor, customer, { addressId, kind: before.kind, fromRegion: regionOfRow(before), region: null });
    }
    return touchCustomer(trx, id);
  });
}

async function settlementTask(
  trx: Transaction<DB>,
  ctx: RequestContext,
  actor: UserActor,
  customer: LockedCustomer,
  move: { addressId: string; kind: string; fromRegion: string | null; region: string | null },
) {
  const accounts = (await monthlyAccountsOf(trx, customer.id)).map((a) => a.account_no);
  if (accounts.length === 0) return;
  const assigneeId = customer.account_manager_id;
  const task = await insertTask(trx, {
    customerId: customer.id,
    kind: 'settle_account',
    assigneeId,
    assigneeRole: assigneeId ? null : 'supervisor',
    detail: { ...move, accounts },
  });
  await addCustomerEvent(trx, customer.id, author(actor), 'task_created', { taskId: task.id, kind: 'settle_account', accounts, assigneeId });
  await audit(trx, ctx, { action: 'customer.settlement_task', subjectType: 'customer', subjectId: customer.id, detail: { taskId: task.id, accounts } });
}
