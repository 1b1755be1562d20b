/**
 * The work plan (工作计划表) of one work center for a day or a week (docs/product.md §4): the
 * notifications the work center serves (main or processing work center) whose required start falls
 * on those local days and that are not completed, as the documents code prints them
 * (documents/work-plan.ts: the console's page, the print page, the PDF and the workbook show the
 * same rows). Only notifications the caller reads (access.ts); a week runs Monday to Sunday.
 *
 * The customer is the ship-to party (送达方) with the contact's phone masked, like every page; the
 * service address in full, as the notification's display shows it: the engineer drives there.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { AppError } from '../../../domain/errors.js';
import { maskPhone } from '../../../domain/privacy.js';
import { NOTIFICATION_TYPE_DEFS, type NotificationType } from '../../../domain/service-orders/index.js';
import { fromWallClock, localDateOf, wallClock } from '../../../domain/time-limits/working-days.js';
import type { UserActor } from '../../tickets/service.js';
import { readSetting } from '../../reference/service.js';
import { readableNotifications, requirePermission } from '../access.js';
import type { ServiceOrderDeps } from '../deps.js';
import { workPlanModel, type WorkPlanInput, type WorkPlanModel, type WorkPlanVisit } from '../documents/work-plan.js';
import { renderWorkPlanPdf } from '../documents/work-plan-pdf.js';
import { renderWorkPlanXlsx } from '../documents/work-plan-xlsx.js';
import { codeGroups, workCenters } from '../repository.js';

const DAY_MS = 86_400_000;
/** more than any work center visits in a week; the plan says so rather than print a partial page silently */
export const WORK_PLAN_MAX_VISITS = 2_000;

export interface WorkPlanQuery {
  workCenterId: string;
  /** a local date, 'YYYY-MM-DD' */
  date: string;
  span?: 'day' | 'week' | undefined;
}

/** The local days of the plan: the date, or its Monday-to-Sunday week. */
export function planDays(date: string, span: 'day' | 'week'): string[] {
  const day = Date.parse(`${date}T00:00:00Z`);
  if (span === 'day') return [date];
  const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
  return Array.from({ length: 7 }, (_, i) => new Date(monday + i * DAY_MS).toISOString().slice(0, 10));
}

const hhmm = (instant: Date, timeZone: string) => new Date(wallClock(instant, timeZone)).toISOString().slice(11, 16);

/** The company name documents print: the `report.carrier` setting, else the product's name. */
export async function carrierName(db: Kysely<DB>): Promise<string> {
  const value = await readSetting(db, 'report.carrier');
  return typeof value?.name === 'string' && value.name.trim() ? value.name.trim() : 'ParcelDesk';
}

/** The plan's input: the work center, its days and their visits, as plain data. */
export async function gatherWorkPlan(deps: ServiceOrderDeps, actor: UserActor, query: WorkPlanQuery, now = new Date()): Promise<{ input: WorkPlanInput; workCenter: { id: string; code: string; name: string } }> {
  requirePermission(actor, 'read');
  const [wc] = await workCenters(deps.db, [query.workCenterId]);
  if (!wc) throw new AppError('SERVICE_WORK_CENTER_UNKNOWN');
  const zone = deps.timeZone;
  const days = planDays(query.date, query.span ?? 'day');
  const from = fromWallClock(Date.parse(`${days[0]}T00:00:00Z`), zone);
  const until = fromWallClock(Date.parse(`${days[days.length - 1]}T00:00:00Z`) + DAY_MS, zone);
  const [rows, groups, carrier] = await Promise.all([
    deps.db
      .selectFrom('service_notifications as n')
      .innerJoin('customers as c', 'c.id', 'n.ship_to_id')
      .leftJoin('customer_addresses as a', 'a.id', 'n.service_address_id')
      .leftJoin('users as r', 'r.id', 'n.responsible_user_id')
      .select(['n.id', 'n.number', 'n.type', 'n.urgent', 'n.short_text', 'n.user_status', 'n.required_start', 'n.expected_end', 'c.name as customer_name', 'c.phone as customer_phone'])
      .select(['a.address', 'a.contact_name', 'a.contact_phone', 'r.display_name as engineer'])
      .where((eb) => eb.or([eb('n.main_work_center_id', '=', wc.id), eb('n.processing_work_center_id', '=', wc.id)]))
      .where('n.required_start', '>=', from)
      .where('n.required_start', '<', until)
      .where('n.system_status', '<>', 'completed')
      .where(readableNotifications(actor))
      .orderBy('n.required_start')
      .orderBy('n.number')
      .limit(WORK_PLAN_MAX_VISITS + 1)
      .execute(),
    codeGroups(deps.db),
    carrierName(deps.db),
  ]);
  if (rows.length > WORK_PLAN_MAX_VISITS) throw new AppError('SERVICE_WORK_PLAN_TOO_LARGE', { max: WORK_PLAN_MAX_VISITS });
  const items = rows.length
    ? await deps.db
        .selectFrom('service_notification_items')
        .select(['notification_id', 'position', 'product_type', 'material', 'quantity', 'reason_group', 'reason_code'])
        .where(
          'notification_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('notification_id')
        .orderBy('position')
        .execute()
    : [];
  const reasonLabel = (group: string, code: string) => groups.find((g) => g.catalog === 'reason' && g.group === group)?.codes.find((c) => c.code === code)?.label['zh-CN'] ?? `${group}/${code}`;
  const visitsByDay = new Map(days.map((d) => [d, [] as WorkPlanVisit[]]));
  for (const r of rows) {
    const date = localDateOf(r.required_start, zone);
    const mine = items.filter((i) => i.notification_id === r.id);
    const itemText = mine.map((i) => `${i.material ?? i.product_type ?? '—'} ×${i.quantity}，原因：${reasonLabel(i.reason_group, i.reason_code)}`).join('；');
    const profile = NOTIFICATION_TYPE_DEFS[r.type as NotificationType].profile;
    const status = profile.statuses.find((s) => s.code === r.user_status);
    visitsByDay.get(date)?.push({
      notificationNo: r.number,
      type: r.type as NotificationType,
      urgent: r.urgent,
      startTime: hhmm(r.required_start, zone),
      endTime: localDateOf(r.expected_end, zone) === date ? hhmm(r.expected_end, zone) : null,
      customer: { name: r.contact_name ? `${r.customer_name}（${r.contact_name}）` : r.customer_name, phone: maskPhone(r.contact_phone ?? r.customer_phone) },
      address: r.address ?? '—',
      shortText: r.short_text,
      items: itemText || null,
      status: { code: r.user_status, label: status?.label['zh-CN'] ?? r.user_status },
      engineer: r.engineer,
    });
  }
  return {
    workCenter: { id: wc.id, code: wc.code, name: wc.name },
    input: {
      carrier: { name: carrier },
      workCenter: { code: wc.code, name: wc.name, department: wc.department_name },
      days: days.map((date) => ({ date, visits: visitsByDay.get(date) ?? [] })),
      generatedAt: now,
      timeZone: zone,
    },
  };
}

/** The plan as the console's page reads it: the printed model, with the work center's id. */
export async function workPlan(deps: ServiceOrderDeps, actor: UserActor, query: WorkPlanQuery): Promise<{ workCenterId: string; model: WorkPlanModel }> {
  const { input, workCenter } = await gatherWorkPlan(deps, actor, query);
  return { workCenterId: workCenter.id, model: workPlanModel(input) };
}

/** 工作计划表-S4002-2026-12-07.pdf, or …-2026-12-07至2026-12-13.xlsx for a week. */
function fileStem(model: WorkPlanModel): string {
  const first = model.days[0]?.date ?? '';
  const last = model.days[model.days.length - 1]?.date ?? first;
  return `工作计划表-${model.workCenterCode}-${first === last ? first : `${first}至${last}`}`;
}

export async function workPlanDocument(deps: ServiceOrderDeps, actor: UserActor, query: WorkPlanQuery, format: 'pdf' | 'xlsx') {
  const { model } = await workPlan(deps, actor, query);
  const body = format === 'pdf' ? await renderWorkPlanPdf(model) : await renderWorkPlanXlsx(model);
  return { fileName: `${fileStem(model)}.${format}`, body };
}

export { renderWorkPlanHtml } from '../documents/work-plan.js';
