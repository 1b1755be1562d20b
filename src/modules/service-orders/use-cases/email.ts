/**
 * E-mailing a notification to a department (售后服务流程: Email 服务通知单至相应服务部门;
 * docs/product.md §4): to the mailbox of the work center chosen, with the sender's note and, when
 * asked, the main work center's plan of the notification's day as a PDF. Queued in the outbox in
 * the transaction that records it on the notification's history (`emailed`); the dispatcher sends
 * it after the commit (SMTP when configured, else recorded only, as the console says).
 */
import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { maskPhone } from '../../../domain/privacy.js';
import { NOTIFICATION_TYPE_DEFS, type NotificationType } from '../../../domain/service-orders/index.js';
import { localDateOf } from '../../../domain/time-limits/working-days.js';
import { queueEmail } from '../../notifications/outbox.js';
import type { UserActor } from '../../tickets/service.js';
import { notificationFor, requirePermission } from '../access.js';
import type { ServiceOrderDeps } from '../deps.js';
import { notificationEmail } from '../documents/notification-email.js';
import { workPlanModel } from '../documents/work-plan.js';
import { renderWorkPlanPdf } from '../documents/work-plan-pdf.js';
import { addressById, codeGroups, insertEvent, itemsOf, workCenters } from '../repository.js';
import { carrierName, gatherWorkPlan } from './work-plan.js';

export interface EmailInput {
  workCenterId: string;
  note?: string | undefined;
  attachWorkPlan?: boolean | undefined;
}

/** Queues the notification's e-mail to the work center's mailbox; returns the outbox id and the address. */
export async function emailNotification(deps: ServiceOrderDeps, actor: UserActor, id: string, input: EmailInput) {
  requirePermission(actor, 'work');
  // read first (a stranger gets 404 before anything is gathered), render outside the transaction
  const n = await notificationFor(deps.db, actor, id, 'work');
  const [to] = await workCenters(deps.db, [input.workCenterId]);
  if (!to || !to.active) throw new AppError('SERVICE_WORK_CENTER_UNKNOWN');
  if (!to.email) throw new AppError('SERVICE_WORK_CENTER_NO_EMAIL', { code: to.code });
  const [groups, items, parties, main, address] = await Promise.all([
    codeGroups(deps.db),
    itemsOf(deps.db, n.id),
    deps.db.selectFrom('customers').select(['id', 'name', 'phone']).where('id', 'in', [n.sold_to_id, n.ship_to_id]).execute(),
    workCenters(deps.db, [n.main_work_center_id]),
    n.service_address_id ? addressById(deps.db, n.service_address_id) : undefined,
  ]);
  const responsible = n.responsible_user_id ? await deps.db.selectFrom('users').select('display_name').where('id', '=', n.responsible_user_id).executeTakeFirst() : undefined;
  const party = (pid: string) => {
    const p = parties.find((x) => x.id === pid);
    return { name: p?.name ?? '', phone: maskPhone(p?.phone ?? null) };
  };
  const reason = (group: string, code: string) => ({ code, label: groups.find((g) => g.catalog === 'reason' && g.group === group)?.codes.find((c) => c.code === code)?.label['zh-CN'] ?? `${group}/${code}` });
  const status = NOTIFICATION_TYPE_DEFS[n.type as NotificationType].profile.statuses.find((s) => s.code === n.user_status);
  let workPlan = null;
  if (input.attachWorkPlan) {
    const { input: planInput } = await gatherWorkPlan(deps, actor, { workCenterId: n.main_work_center_id, date: localDateOf(n.required_start, deps.timeZone), span: 'day' });
    const model = workPlanModel(planInput);
    workPlan = { model, pdf: await renderWorkPlanPdf(model), xlsx: null };
  }
  const email = notificationEmail({
    notification: {
      number: n.number,
      type: n.type as NotificationType,
      urgent: n.urgent,
      shortText: n.short_text,
      longText: n.long_text,
      status: { code: n.user_status, label: status?.label['zh-CN'] ?? n.user_status },
      soldTo: party(n.sold_to_id),
      shipTo: n.ship_to_id !== n.sold_to_id ? party(n.ship_to_id) : null,
      serviceAddress: address ? (address.contact_name ? `${address.address}（${address.contact_name} ${maskPhone(address.contact_phone) ?? ''}）`.replace(' ）', '）') : address.address) : null,
      originalOrder: n.original_document_no ? { number: n.original_document_no, date: n.original_document_date } : null,
      requiredStart: n.required_start,
      expectedEnd: n.expected_end,
      mainWorkCenter: main[0] ? { code: main[0].code, name: main[0].name } : null,
      responsiblePerson: responsible?.display_name ?? null,
      items: items.map((i) => ({ productType: i.product_type, colourCode: i.colour_code, material: i.material, quantity: i.quantity, reason: reason(i.reason_group, i.reason_code), reasonText: i.reason_text || null })),
    },
    department: { name: to.department_name ? `${to.code} ${to.name}（${to.department_name}）` : `${to.code} ${to.name}`, email: to.email },
    sender: { name: actor.displayName },
    note: input.note?.trim() || null,
    carrier: { name: await carrierName(deps.db) },
    timeZone: deps.timeZone,
    workPlan,
  });
  return inTransaction(deps.db, async (trx) => {
    // the notification may have become unreadable meanwhile (work moved away): checked again under its lock
    await notificationFor(trx, actor, id, 'work');
    const outboxId = await queueEmail(trx, email);
    await insertEvent(trx, { notification_id: n.id, kind: 'emailed', note: [to.code, to.email, input.note?.trim()].filter(Boolean).join(' · '), actor_id: actor.id, actor_name: actor.displayName });
    return { outboxId, recipient: to.email!, subject: email.subject, attachments: email.attachments.map((a) => a.fileName) };
  });
}
