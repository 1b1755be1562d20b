/**
 * Who may do what to which customer record: the one place of the customers module that decides it,
 * and the first thing every use case calls (docs/product.md §5; docs/architecture.md, who may).
 *
 * - Every desk person reads customers (`customers.read`), personal data masked.
 * - Account managers (`customers.edit`) create customers and keep the accounts they manage; another
 *   manager's account they read, but may not change (403).
 * - Supervisors, managers and the admin, who cleans the data (`customers.manage`), keep every
 *   record, merge duplicates, name the account manager and set a tier by hand (pin it).
 * - Monthly reports (list, download, generate): as for editing — the account's own manager, and
 *   supervisors and managers; an agent or another account manager is refused (403).
 * - Unmasked personal data: whoever may edit the record and holds `shipments.revealPersonalData`;
 *   every reveal is audited before the data leaves.
 * - Departments do not read customers at all (no permission: 403 at the route).
 *
 * Lock order: a customer row before its contacts, addresses, accounts and tasks; two customers
 * (merge) in id order.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import { lockCustomer, readCustomer } from './repository.js';

export type UserActor = Extract<Actor, { kind: 'user' }>;
export type CustomerAction = 'read' | 'edit' | 'reveal' | 'merge' | 'assign' | 'report' | 'pinTier';
type Row = { account_manager_id: string | null; merged_into_id: string | null };

export function userOf(actor: Actor | null): UserActor {
  if (!actor || actor.kind !== 'user') throw new AppError('FORBIDDEN');
  return actor;
}

/** What the actor may do with a customer record. */
export function customerActions(row: Row, actor: UserActor): Set<CustomerAction> {
  const actions = new Set<CustomerAction>();
  if (!can(actor.role, 'customers.read')) return actions;
  actions.add('read');
  if (row.merged_into_id) return actions;
  const manages = can(actor.role, 'customers.manage');
  const edits = manages || (can(actor.role, 'customers.edit') && row.account_manager_id === actor.id);
  if (edits) actions.add('edit');
  // The monthly report is the account's business: its account manager and those who keep every record.
  if (edits) actions.add('report');
  if (edits && can(actor.role, 'shipments.revealPersonalData')) actions.add('reveal');
  if (manages) {
    actions.add('merge');
    actions.add('assign');
    // Setting a tier by hand overrides the spend rule (and the SLA targets that follow the tier): those who keep every record.
    actions.add('pinTier');
  }
  return actions;
}

/** Whether the actor may create a customer, and with which account manager. */
export function mayCreate(actor: UserActor, accountManagerId: string | null | undefined): string | null {
  if (can(actor.role, 'customers.manage')) return accountManagerId ?? null;
  if (!can(actor.role, 'customers.edit')) throw new AppError('FORBIDDEN');
  // An account manager's new customer is their own account; naming someone else is a manager's call.
  if (accountManagerId && accountManagerId !== actor.id) throw new AppError('FORBIDDEN');
  return actor.id;
}

/** A customer the actor may read (a merged record's id leads to its survivor), else 404. */
export async function readable(db: Kysely<DB>, id: string, actor: UserActor) {
  const row = await readCustomer(db, id);
  if (!row) throw new AppError('CUSTOMER_NOT_FOUND');
  const survivor = row.merged_into_id ? await readCustomer(db, row.merged_into_id) : row;
  if (!survivor) throw new AppError('CUSTOMER_NOT_FOUND');
  const actions = customerActions(survivor, actor);
  if (!actions.has('read')) throw new AppError('FORBIDDEN');
  return { row: survivor, actions, redirectedFrom: row.merged_into_id ? row.id : null };
}

/**
 * Locks the customer for a change and checks the actor may do `action` with it at the version
 * they read: 404 when there is no such (live) record, 403 without the right, 409 when stale.
 */
export async function mayChange(trx: Transaction<DB>, id: string, actor: UserActor, action: CustomerAction, version: number | undefined) {
  const row = await lockCustomer(trx, id);
  if (!row || row.merged_into_id) throw new AppError('CUSTOMER_NOT_FOUND');
  if (!customerActions(row, actor).has(action)) throw new AppError('FORBIDDEN');
  if (version !== undefined && version !== row.version) throw new AppError('CONFLICT_STALE_VERSION');
  return row;
}

/** Tasks: the assignee, or anyone who keeps every record (the supervisors' tasks are theirs). */
export function mayWorkTask(task: { assignee_id: string | null }, actor: UserActor): boolean {
  return can(actor.role, 'customers.manage') || (task.assignee_id !== null && task.assignee_id === actor.id);
}
