/**
 * Changing a work center (工作中心/责任中心; docs/product.md §4) — its name, department, staff,
 * own working hours (its calendar: null for the company's), mailbox, the sales office it answers
 * for, and whether it takes new work — for those who keep the company's policies (`policies.manage`).
 * At the version the editor read (409 when stale). Its code is its name in every printed plan and
 * stays. An inactive work center takes no new notifications; those it has stay with it.
 */
import { sql } from 'kysely';
import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { validateCalendar } from '../../../domain/sla/calendar.js';
import type { UserActor } from '../../tickets/service.js';
import { requirePermission } from '../access.js';
import type { ServiceOrderDeps } from '../deps.js';
import { salesOfficeHolder } from '../repository.js';
import { presentWorkCenters } from './setup.js';

export interface WorkCenterChange {
  version: number;
  name?: string | undefined;
  departmentId?: string | null | undefined;
  workingHours?: { start: string; end: string }[] | null | undefined;
  staffIds?: string[] | undefined;
  email?: string | null | undefined;
  salesOffice?: string | null | undefined;
  active?: boolean | undefined;
}

export async function changeWorkCenter(deps: ServiceOrderDeps, actor: UserActor, id: string, input: WorkCenterChange) {
  requirePermission(actor, 'configure');
  if (input.workingHours) {
    const company = await deps.reference.calendar(deps.db);
    const checked = validateCalendar({ ...company, workingHours: input.workingHours });
    if (!checked.ok) throw new AppError('CALENDAR_INVALID', { detail: checked.errors.join('; ') });
  }
  await inTransaction(deps.db, async (trx) => {
    const wc = await trx.selectFrom('service_work_centers').select(['id', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!wc) throw new AppError('SERVICE_WORK_CENTER_NOT_FOUND');
    if (wc.version !== input.version) throw new AppError('CONFLICT_STALE_VERSION');
    if (input.departmentId && !(await trx.selectFrom('departments').select('id').where('id', '=', input.departmentId).executeTakeFirst())) throw new AppError('DEPARTMENT_NOT_FOUND');
    if (input.staffIds?.length) {
      const found = await trx.selectFrom('users').select('id').where('id', 'in', input.staffIds).where('active', '=', true).execute();
      if (found.length !== input.staffIds.length) throw new AppError('USER_NOT_FOUND');
    }
    if (input.salesOffice && (await salesOfficeHolder(trx, input.salesOffice, id))) throw new AppError('SERVICE_WORK_CENTER_OFFICE_TAKEN', { office: input.salesOffice });
    await trx
      .updateTable('service_work_centers')
      .set({
        ...(input.name !== undefined && { name: input.name.trim() }),
        ...(input.departmentId !== undefined && { department_id: input.departmentId }),
        ...(input.workingHours !== undefined && { working_hours: input.workingHours ? JSON.stringify(input.workingHours) : null }),
        ...(input.email !== undefined && { email: input.email }),
        ...(input.salesOffice !== undefined && { sales_office: input.salesOffice }),
        ...(input.active !== undefined && { active: input.active }),
        version: sql<number>`version + 1`,
      })
      .where('id', '=', id)
      .execute();
    if (input.staffIds) {
      await trx.deleteFrom('service_work_center_staff').where('work_center_id', '=', id).execute();
      if (input.staffIds.length) await trx.insertInto('service_work_center_staff').values(input.staffIds.map((user_id) => ({ work_center_id: id, user_id }))).execute();
    }
  });
  const [view] = await presentWorkCenters(deps.db, deps, [id]);
  return view!;
}
