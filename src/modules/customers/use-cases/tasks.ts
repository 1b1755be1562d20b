import type { RequestContext } from '../../../domain/actor.js';
import { AppError } from '../../../domain/errors.js';
import { can } from '../../../domain/roles.js';
import { inTransaction } from '../../../db/transaction.js';
import { audit } from '../../audit/service.js';
import { mayWorkTask, userOf } from '../access.js';
import { presentTask } from '../presenter.js';
import { addCustomerEvent, completeTask, lockCustomer, lockTask, taskCustomerId, taskList } from '../repository.js';
import { author, type Deps } from './steps.js';

/**
 * The customer tasks the caller is to do (the 月结 settlement after a move): an account manager's
 * own; for those who keep every record (supervisors, managers, admin) everyone's, the ones given to
 * the supervisors included.
 */
export async function listTasks(deps: Deps, ctx: RequestContext, status: 'open' | 'done') {
  const actor = userOf(ctx.actor);
  const everyone = can(actor.role, 'customers.manage');
  const rows = await taskList(deps.db, status, everyone ? null : actor.id);
  return { items: rows.map(presentTask) };
}

/** Marks a task done with what was done; a task the caller may not work on does not exist for them. */
export async function finishTask(deps: Deps, ctx: RequestContext, taskId: string, note: string) {
  const actor = userOf(ctx.actor);
  const customerId = await taskCustomerId(deps.db, taskId);
  if (!customerId) throw new AppError('CUSTOMER_TASK_NOT_FOUND');
  return inTransaction(deps.db, async (trx) => {
    // Lock order: the customer, then its task.
    await lockCustomer(trx, customerId);
    const task = await lockTask(trx, taskId);
    if (!task || !mayWorkTask(task, actor)) throw new AppError('CUSTOMER_TASK_NOT_FOUND');
    if (task.status === 'done') throw new AppError('CUSTOMER_TASK_DONE');
    await completeTask(trx, taskId, actor.id, note.trim());
    await addCustomerEvent(trx, task.customer_id, author(actor), 'task_done', { taskId, kind: task.kind });
    await audit(trx, ctx, { action: 'customer.task_done', subjectType: 'customer', subjectId: task.customer_id, detail: { taskId, kind: task.kind } });
    return { id: taskId, status: 'done' as const };
  });
}
