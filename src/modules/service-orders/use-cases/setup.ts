/**
 * What the notifications stand on: work centers (责任中心/工作中心) with their staff and hours, the
 * catalogs, the status profiles (read-only data of domain/service-orders), and each user's saved
 * views of the IW59 list.
 */
import type { Kysely, Transaction } from 'kysely';
import { inTransaction } from '../../../db/transaction.js';
import type { DB } from '../../../db/schema.js';
import { AppError } from '../../../domain/errors.js';
import { DEFAULT_CODE_GROUPS, NOTIFICATION_TYPE_DEFS, NOTIFICATION_TYPES } from '../../../domain/service-orders/index.js';
import { validateCalendar } from '../../../domain/sla/calendar.js';
import type { Locale } from '../../../http/locale.js';
import type { UserActor } from '../../tickets/service.js';
import { requirePermission } from '../access.js';
import type { ServiceOrderDeps } from '../deps.js';
import { presentProfile } from '../presenter.js';
import { codeGroups, deleteView, insertView, replaceView, insertWorkCenter, salesOfficeHolder, seedCodeGroups, staffOf, viewsOf, workCenters } from '../repository.js';

/** Writes the default catalogs while none is stored (reference seed; never overwrites an admin's). */
export async function seedServiceCatalogs(trx: Transaction<DB>): Promise<void> {
  await seedCodeGroups(trx, DEFAULT_CODE_GROUPS);
}

export async function listWorkCenters(deps: ServiceOrderDeps, actor: UserActor) {
  requirePermission(actor, 'read');
  return presentWorkCenters(deps.db, deps);
}

export async function presentWorkCenters(db: Kysely<DB>, deps: ServiceOrderDeps, ids?: string[]) {
  const [centers, company] = await Promise.all([workCenters(db, ids), deps.reference.calendar(db)]);
  const staff = await staffOf(
    db,
    centers.map((c) => c.id),
  );
  return centers.map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
    department: c.department_id ? { id: c.department_id, name: c.department_name ?? '' } : null,
    workingHours: c.working_hours ?? company.workingHours,
    ownHours: c.working_hours !== null,
    active: c.active,
    staff: staff.filter((s) => s.work_center_id === c.id).map((s) => ({ id: s.id, name: s.display_name, role: s.role })),
    email: c.email,
    salesOffice: c.sales_office,
    version: c.version,
  }));
}

export interface WorkCenterInput {
  code: string;
  name: string;
  departmentId?: string | null | undefined;
  workingHours?: { start: string; end: string }[] | null | undefined;
  staffIds?: string[] | undefined;
  email?: string | null | undefined;
  salesOffice?: string | null | undefined;
}

/** A new work center; its hours are checked like the company calendar's. */
export async function createWorkCenter(deps: ServiceOrderDeps, actor: UserActor, input: WorkCenterInput) {
  requirePermission(actor, 'configure');
  const company = await deps.reference.calendar(deps.db);
  if (input.workingHours) {
    const checked = validateCalendar({ ...company, workingHours: input.workingHours });
    if (!checked.ok) throw new AppError('CALENDAR_INVALID', { detail: checked.errors.join('; ') });
  }
  const id = await inTransaction(deps.db, async (trx) => {
    if (input.departmentId && !(await trx.selectFrom('departments').select('id').where('id', '=', input.departmentId).executeTakeFirst())) throw new AppError('DEPARTMENT_NOT_FOUND');
    const staffIds = input.staffIds ?? [];
    if (staffIds.length) {
      const found = await trx.selectFrom('users').select('id').where('id', 'in', staffIds).where('active', '=', true).execute();
      if (found.length !== staffIds.length) throw new AppError('USER_NOT_FOUND');
    }
    if (input.salesOffice && (await salesOfficeHolder(trx, input.salesOffice))) throw new AppError('SERVICE_WORK_CENTER_OFFICE_TAKEN', { office: input.salesOffice });
    const row = await insertWorkCenter(
      trx,
      { code: input.code, name: input.name.trim(), department_id: input.departmentId ?? null, working_hours: input.workingHours ?? null, email: input.email ?? null, sales_office: input.salesOffice ?? null },
      staffIds,
    );
    if (!row) throw new AppError('SERVICE_WORK_CENTER_CODE_TAKEN', { code: input.code });
    return row.id;
  });
  const [view] = await presentWorkCenters(deps.db, deps, [id]);
  return view!;
}

export async function listCatalogs(deps: ServiceOrderDeps, actor: UserActor, locale: Locale) {
  requirePermission(actor, 'read');
  return (await codeGroups(deps.db)).map((g) => ({ catalog: g.catalog, group: g.group, label: g.label[locale], codes: g.codes.map((c) => ({ code: c.code, label: c.label[locale] })) }));
}

export function listProfiles(actor: UserActor, locale: Locale) {
  requirePermission(actor, 'read');
  return NOTIFICATION_TYPES.map((type) => presentProfile(type, NOTIFICATION_TYPE_DEFS[type].profile, locale));
}

export async function listViews(deps: ServiceOrderDeps, actor: UserActor) {
  requirePermission(actor, 'read');
  return (await viewsOf(deps.db, actor.id)).map((v) => ({ id: v.id, name: v.name, filters: v.filters, columns: v.columns, createdAt: new Date(v.created_at).toISOString() }));
}

export async function saveView(deps: ServiceOrderDeps, actor: UserActor, input: { name: string; filters: Record<string, unknown>; columns: string[] }) {
  requirePermission(actor, 'read');
  const row = await insertView(deps.db, { user_id: actor.id, name: input.name.trim(), filters: input.filters, columns: input.columns });
  if (!row) throw new AppError('SERVICE_ORDER_VIEW_NAME_TAKEN');
  return { id: row.id };
}

/** Replaces one of the caller's views (its name, filters and columns); another's is not found. */
export async function updateView(deps: ServiceOrderDeps, actor: UserActor, id: string, input: { name: string; filters: Record<string, unknown>; columns: string[] }) {
  requirePermission(actor, 'read');
  const result = await replaceView(deps.db, actor.id, id, { name: input.name.trim(), filters: input.filters, columns: input.columns });
  if (result === 'not_found') throw new AppError('SERVICE_ORDER_VIEW_NOT_FOUND');
  if (result === 'name_taken') throw new AppError('SERVICE_ORDER_VIEW_NAME_TAKEN');
  return { id };
}

export async function removeView(deps: ServiceOrderDeps, actor: UserActor, id: string) {
  requirePermission(actor, 'read');
  if (!(await deleteView(deps.db, actor.id, id))) throw new AppError('SERVICE_ORDER_VIEW_NOT_FOUND');
}
