/**
 * Who may do what to which service notification: the one place of the service-orders module that
 * decides it, and the first thing every use case calls.
 *
 * - Reading needs `serviceOrders.read`, working (create IW51, change IW52, status moves)
 *   `serviceOrders.work`; configuring work centers needs `policies.manage`.
 * - A `department` user (the field engineers of a service centre, the department that replies) sees
 *   only the notifications of its own work centers: the main or the processing work center belongs
 *   to its department or lists it as staff, or it is the person responsible. To anyone else such a
 *   notification does not exist (404). Desk roles see every notification.
 * - Which user status a role may set is the status profile's rule (domain/service-orders), asked in
 *   the use case after this check.
 *
 * Lock order (docs/architecture.md, Service orders): a ticket a notification is spawned from, then
 * the notification; one notification per transaction.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { can, type Role } from '../../domain/roles.js';
import type { QuoteActor } from '../../domain/service-orders/quotation.js';
import type { UserActor } from '../tickets/service.js';
import { lockNotification, readNotification, type NotificationRow } from './repository.js';

export type ServiceOrderNeed = 'read' | 'work';

/** Whether the caller sees every notification, or only those of its own work centers. */
export function seesAll(actor: UserActor): boolean {
  return actor.role !== 'department';
}

export function requirePermission(actor: UserActor, need: ServiceOrderNeed | 'configure'): void {
  const permission = need === 'read' ? 'serviceOrders.read' : need === 'work' ? 'serviceOrders.work' : 'policies.manage';
  if (!can(actor.role, permission)) throw new AppError('FORBIDDEN');
}

/**
 * The notifications a caller may read, as a filter on `n` (service_notifications): everything for
 * desk roles; for a department user the work-center rule above.
 */
export function readableNotifications(actor: UserActor) {
  return (eb: ExpressionBuilder<DB & { n: DB['service_notifications'] }, 'n'>): Expression<SqlBool> => {
    if (seesAll(actor)) return sql<boolean>`true`;
    const mine = eb
      .selectFrom('service_work_centers as wc')
      .select('wc.id')
      .where((w) =>
        w.or([
          ...(actor.departmentId ? [w('wc.department_id', '=', actor.departmentId)] : []),
          w.exists(w.selectFrom('service_work_center_staff as s').select('s.user_id').whereRef('s.work_center_id', '=', 'wc.id').where('s.user_id', '=', actor.id)),
        ]),
      );
    return eb.or([eb('n.main_work_center_id', 'in', mine), eb('n.processing_work_center_id', 'in', mine), eb('n.responsible_user_id', '=', actor.id)]);
  };
}

/** Whether a work center is one of the caller's (for a department user creating or moving work to it). */
export async function isOwnWorkCenter(db: Kysely<DB>, actor: UserActor, workCenterId: string): Promise<boolean> {
  if (seesAll(actor)) return true;
  const row = await db
    .selectFrom('service_work_centers as wc')
    .select('wc.id')
    .where('wc.id', '=', workCenterId)
    .where((w) =>
      w.or([
        ...(actor.departmentId ? [w('wc.department_id', '=', actor.departmentId)] : []),
        w.exists(w.selectFrom('service_work_center_staff as s').select('s.user_id').whereRef('s.work_center_id', '=', 'wc.id').where('s.user_id', '=', actor.id)),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The notification the caller may `need` (locked when `db` is a transaction) at the `version` they
 * read. Not readable → SERVICE_ORDER_NOT_FOUND; readable but not allowed → FORBIDDEN; stale → 409.
 */
export async function notificationFor(db: Kysely<DB> | Transaction<DB>, actor: UserActor, id: string, need: ServiceOrderNeed, version?: number): Promise<NotificationRow> {
  requirePermission(actor, 'read');
  const row = db.isTransaction ? await lockNotification(db as Transaction<DB>, id, readableNotifications(actor)) : await readNotification(db, id, readableNotifications(actor));
  if (!row) throw new AppError('SERVICE_ORDER_NOT_FOUND');
  if (need === 'work') requirePermission(actor, 'work');
  if (version !== undefined && version !== row.version) throw new AppError('CONFLICT_STALE_VERSION');
  return row;
}

/**
 * Paid service (quotations, acceptance, invoice) follows the notification's access: the caller
 * must be able to read it (else 404), and `work` it to change a quotation. Approving a quotation's
 * headquarters price (主管批准) is for the roles that may set ZGPZ — supervisors and managers — and
 * the pure rule adds that nobody approves their own request (domain/service-orders/quotation.ts).
 */
export const QUOTE_APPROVER_ROLES: readonly Role[] = ['supervisor', 'manager'];

export function quoteActorOf(actor: UserActor): QuoteActor {
  return { kind: 'staff', userId: actor.id, mayApprove: QUOTE_APPROVER_ROLES.includes(actor.role) };
}
