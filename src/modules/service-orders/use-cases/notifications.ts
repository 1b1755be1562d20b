/**
 * The service notification's use cases (docs/product.md "After-sales service orders"): create
 * (IW51), change (IW52), display, move its status, and the IW59 list. Each checks access first
 * (access.ts), then the rules (domain/service-orders), then writes — in one transaction, with a
 * history row for every change.
 */
import type { Transaction } from 'kysely';
import { inTransaction } from '../../../db/transaction.js';
import type { DB } from '../../../db/schema.js';
import { AppError } from '../../../domain/errors.js';
import type { BusinessCalendar } from '../../../domain/sla/calendar.js';
import {
  allowedActions,
  checkNotificationDates,
  defaultExpectedEnd,
  findCode,
  initialState,
  moveNotification,
  NOTIFICATION_TYPE_DEFS,
  notificationNumber,
  type CatalogKind,
  type CodeGroup,
  type CodeRef,
  type NotificationAction,
  type NotificationType,
  type SystemStatus,
} from '../../../domain/service-orders/index.js';
import { fromWallClock, localDateOf } from '../../../domain/time-limits/working-days.js';
import type { Locale } from '../../../http/locale.js';
import { addressValues, insertAddress } from '../../customers/service.js';
import { addEvent, ticketAccess, type UserActor } from '../../tickets/service.js';
import { isOwnWorkCenter, notificationFor, readableNotifications, requirePermission } from '../access.js';
import { syncNotificationClocks } from '../clocks.js';
import type { ServiceOrderDeps } from '../deps.js';
import { presentDetail, presentSummary } from '../presenter.js';
import {
  activeUser,
  addressById,
  codeGroups,
  customerAddress,
  customerNames,
  eventsOf,
  itemsOf,
  notificationNumberOf,
  userNames,
  insertEvent,
  insertNotification,
  listNotifications,
  liveCustomers,
  nextSequence,
  replaceItems,
  updateNotification,
  workCenters,
  type ListFilters,
  type NewItem,
  type NotificationRow,
} from '../repository.js';

export interface ItemInput {
  productType?: string | null | undefined;
  colourCode?: string | null | undefined;
  material?: string | null | undefined;
  quantity: number;
  reason: CodeRef;
  damage?: CodeRef | null | undefined;
  reasonText?: string | undefined;
}

interface NewAddressInput {
  address: string;
  contactName?: string | undefined;
  contactPhone?: string | undefined;
}

interface CommonInput {
  shortText?: string | undefined;
  longText?: string | undefined;
  urgent?: boolean | undefined;
  shipToId?: string | undefined;
  responsibleUserId?: string | null | undefined;
  reporterName?: string | undefined;
  originalDocumentNo?: string | null | undefined;
  originalDocumentDate?: string | null | undefined;
  requiredStart?: string | undefined;
  expectedEnd?: string | undefined;
  mainWorkCenterId?: string | undefined;
  processingWorkCenterId?: string | null | undefined;
  salesOrg?: string | null | undefined;
  distributionChannel?: string | null | undefined;
  division?: string | null | undefined;
  salesOffice?: string | null | undefined;
  salesGroup?: string | null | undefined;
  serviceAddressId?: string | null | undefined;
  newServiceAddress?: NewAddressInput | undefined;
  items?: ItemInput[] | undefined;
}

export interface CreateInput extends CommonInput {
  type: NotificationType;
  referenceNumber?: string | undefined;
  ticketId?: string | undefined;
  shortText: string;
  soldToId: string;
  reporterName: string;
  mainWorkCenterId: string;
  items: ItemInput[];
}

export interface ChangeInput extends CommonInput {
  version: number;
}

const author = (actor: UserActor) => ({ id: actor.id, name: actor.displayName });
const trimOrNull = (text: string | null | undefined) => (text === undefined ? undefined : text?.trim() || null);

/** Every code the items name must be in the stored catalog (reason, and damage when given). */
function itemRows(groups: CodeGroup[], items: ItemInput[]): NewItem[] {
  const known = (catalog: CatalogKind, ref: CodeRef) => {
    if (!findCode(groups, catalog, ref)) throw new AppError('SERVICE_ORDER_CODE_UNKNOWN', { catalog, code: `${ref.group}/${ref.code}` });
  };
  return items.map((item) => {
    known('reason', item.reason);
    if (item.damage) known('damage', item.damage);
    return {
      product_type: trimOrNull(item.productType) ?? null,
      colour_code: trimOrNull(item.colourCode) ?? null,
      material: trimOrNull(item.material) ?? null,
      quantity: item.quantity,
      reason_group: item.reason.group,
      reason_code: item.reason.code,
      damage_group: item.damage?.group ?? null,
      damage_code: item.damage?.code ?? null,
      reason_text: item.reasonText?.trim() ?? '',
    };
  });
}

/** The work center's calendar: its own working hours on the company's days. */
function calendarOf(company: BusinessCalendar, wc: { working_hours: { start: string; end: string }[] | null }): BusinessCalendar {
  return wc.working_hours ? { ...company, workingHours: wc.working_hours } : company;
}

async function usableWorkCenter(trx: Transaction<DB>, actor: UserActor, id: string) {
  const [wc] = await workCenters(trx, [id]);
  if (!wc || !wc.active) throw new AppError('SERVICE_WORK_CENTER_UNKNOWN');
  // a department user hands work only to its own work centers; desk roles to any
  if (!(await isOwnWorkCenter(trx, actor, id))) throw new AppError('FORBIDDEN');
  return wc;
}

async function checkPartner(trx: Transaction<DB>, id: string, partner: string) {
  const [customer] = await liveCustomers(trx, [id]);
  if (!customer) throw new AppError('SERVICE_ORDER_PARTNER_UNKNOWN', { partner });
}

/** The service address: one of the ship-to customer's, or a new one added to it (kind `service`). */
async function serviceAddress(trx: Transaction<DB>, actor: UserActor, shipToId: string, input: CommonInput): Promise<string | null | undefined> {
  if (input.newServiceAddress) {
    const values = addressValues({ kind: 'service', address: input.newServiceAddress.address, contactName: input.newServiceAddress.contactName, contactPhone: input.newServiceAddress.contactPhone ?? null });
    return (await insertAddress(trx, shipToId, values, author(actor))).id;
  }
  if (input.serviceAddressId === undefined || input.serviceAddressId === null) return input.serviceAddressId;
  if (!(await customerAddress(trx, shipToId, input.serviceAddressId))) throw new AppError('SERVICE_ORDER_ADDRESS_UNKNOWN');
  return input.serviceAddressId;
}

function checkDates(requiredStart: Date, expectedEnd: Date, documentDate: string | null, timeZone: string) {
  if (Number.isNaN(requiredStart.getTime()) || Number.isNaN(expectedEnd.getTime())) throw new AppError('SERVICE_ORDER_DATES_INVALID', { detail: 'not a date' });
  const check = checkNotificationDates({ requiredStart, expectedEnd, documentDate }, localDateOf(requiredStart, timeZone));
  if (!check.ok) {
    throw new AppError('SERVICE_ORDER_DATES_INVALID', {
      detail: check.problem === 'end_before_start' ? 'expectedEnd < requiredStart' : 'originalDocumentDate > requiredStart',
    });
  }
}

/**
 * IW51: a new notification of the type, numbered from the type's range, at the profile's first
 * status — outstanding in the planning queue, or in process at once when urgent. Spawned from a
 * ticket (which the caller must be able to read), it says so on the ticket's timeline.
 */
export async function createNotification(deps: ServiceOrderDeps, actor: UserActor, input: CreateInput) {
  requirePermission(actor, 'work');
  const [company, groups] = await Promise.all([deps.reference.calendar(deps.db), codeGroups(deps.db)]);
  const items = itemRows(groups, input.items);
  return inTransaction(deps.db, async (trx) => {
    // lock order: the ticket first, then the notification
    const ticket = input.ticketId ? await ticketAccess(trx, actor, input.ticketId, 'read') : null;
    const shipToId = input.shipToId ?? input.soldToId;
    await checkPartner(trx, input.soldToId, 'soldTo');
    if (shipToId !== input.soldToId) await checkPartner(trx, shipToId, 'shipTo');
    const main = await usableWorkCenter(trx, actor, input.mainWorkCenterId);
    if (input.processingWorkCenterId) await usableWorkCenter(trx, actor, input.processingWorkCenterId);
    if (input.responsibleUserId && !(await activeUser(trx, input.responsibleUserId))) throw new AppError('SERVICE_ORDER_RESPONSIBLE_UNKNOWN');
    let referenceId: string | null = null;
    if (input.referenceNumber) {
      const ref = await trx.selectFrom('service_notifications as n').select('n.id').where('n.number', '=', input.referenceNumber).where(readableNotifications(actor)).executeTakeFirst();
      if (!ref) throw new AppError('SERVICE_ORDER_REFERENCE_UNKNOWN');
      referenceId = ref.id;
    }
    const requiredStart = input.requiredStart ? new Date(input.requiredStart) : new Date();
    const expectedEnd = input.expectedEnd ? new Date(input.expectedEnd) : defaultExpectedEnd(input.type, requiredStart, calendarOf(company, main));
    const documentDate = input.originalDocumentDate ?? null;
    checkDates(requiredStart, expectedEnd, documentDate, company.timeZone);
    const addressId = await serviceAddress(trx, actor, shipToId, input);
    const state = initialState(NOTIFICATION_TYPE_DEFS[input.type].profile, input.urgent ?? false);
    const number = notificationNumber(input.type, await nextSequence(trx, input.type));
    const row = await insertNotification(trx, {
      number,
      type: input.type,
      reference_id: referenceId,
      ticket_id: ticket?.id ?? null,
      short_text: input.shortText.trim(),
      long_text: input.longText ?? '',
      urgent: input.urgent ?? false,
      user_status: state.userStatus,
      system_status: state.systemStatus,
      sold_to_id: input.soldToId,
      ship_to_id: shipToId,
      responsible_user_id: input.responsibleUserId ?? null,
      reporter_name: input.reporterName.trim(),
      original_document_no: trimOrNull(input.originalDocumentNo) ?? null,
      original_document_date: documentDate,
      required_start: requiredStart,
      expected_end: expectedEnd,
      main_work_center_id: main.id,
      processing_work_center_id: input.processingWorkCenterId ?? null,
      sales_org: trimOrNull(input.salesOrg) ?? null,
      distribution_channel: trimOrNull(input.distributionChannel) ?? null,
      division: trimOrNull(input.division) ?? null,
      sales_office: trimOrNull(input.salesOffice) ?? null,
      sales_group: trimOrNull(input.salesGroup) ?? null,
      service_address_id: addressId ?? null,
      created_by: actor.id,
    });
    await replaceItems(trx, row.id, items);
    await syncNotificationClocks(trx, deps, { id: row.id, created_at: row.created_at, required_start: requiredStart, expected_end: expectedEnd, system_status: state.systemStatus }, row.created_at, { created: true });
    await insertEvent(trx, {
      notification_id: row.id,
      kind: 'created',
      to_user_status: state.userStatus,
      to_system_status: state.systemStatus,
      note: input.urgent ? 'urgent' : null,
      actor_id: actor.id,
      actor_name: actor.displayName,
    });
    if (ticket) {
      await addEvent(trx, ticket.id, author(actor), {
        kind: 'service_order_created',
        to: number,
        body: input.shortText.trim(),
        detail: { serviceOrderId: row.id, number, type: input.type },
      });
    }
    return { id: row.id, number: row.number, version: row.version };
  });
}

/** IW52: change the fields of a notification that is not completed; items, when given, replace the list. */
export async function changeNotification(deps: ServiceOrderDeps, actor: UserActor, id: string, input: ChangeInput) {
  requirePermission(actor, 'work');
  const [company, groups] = await Promise.all([deps.reference.calendar(deps.db), codeGroups(deps.db)]);
  const items = input.items ? itemRows(groups, input.items) : undefined;
  return inTransaction(deps.db, async (trx) => {
    const n = await notificationFor(trx, actor, id, 'work', input.version);
    if (n.system_status === 'completed') throw new AppError('SERVICE_ORDER_COMPLETED', { allowed: '' });
    const shipToId = input.shipToId ?? n.ship_to_id;
    if (input.shipToId && input.shipToId !== n.ship_to_id) await checkPartner(trx, input.shipToId, 'shipTo');
    if (input.mainWorkCenterId && input.mainWorkCenterId !== n.main_work_center_id) await usableWorkCenter(trx, actor, input.mainWorkCenterId);
    if (input.processingWorkCenterId && input.processingWorkCenterId !== n.processing_work_center_id) await usableWorkCenter(trx, actor, input.processingWorkCenterId);
    if (input.responsibleUserId && input.responsibleUserId !== n.responsible_user_id && !(await activeUser(trx, input.responsibleUserId))) throw new AppError('SERVICE_ORDER_RESPONSIBLE_UNKNOWN');
    const requiredStart = input.requiredStart ? new Date(input.requiredStart) : n.required_start;
    const expectedEnd = input.expectedEnd ? new Date(input.expectedEnd) : n.expected_end;
    const documentDate = input.originalDocumentDate === undefined ? n.original_document_date : input.originalDocumentDate;
    checkDates(requiredStart, expectedEnd, documentDate, company.timeZone);
    let addressId = await serviceAddress(trx, actor, shipToId, input);
    // a new ship-to keeps the old service address only if it is the new customer's too
    if (addressId === undefined && input.shipToId && n.service_address_id && !(await customerAddress(trx, shipToId, n.service_address_id))) addressId = null;
    const set = {
      ...(input.shortText !== undefined && { short_text: input.shortText.trim() }),
      ...(input.longText !== undefined && { long_text: input.longText }),
      ...(input.urgent !== undefined && { urgent: input.urgent }),
      ...(input.shipToId !== undefined && { ship_to_id: input.shipToId }),
      ...(input.responsibleUserId !== undefined && { responsible_user_id: input.responsibleUserId }),
      ...(input.reporterName !== undefined && { reporter_name: input.reporterName.trim() }),
      ...(input.originalDocumentNo !== undefined && { original_document_no: trimOrNull(input.originalDocumentNo) ?? null }),
      ...(input.originalDocumentDate !== undefined && { original_document_date: input.originalDocumentDate }),
      ...(input.requiredStart !== undefined && { required_start: requiredStart }),
      ...(input.expectedEnd !== undefined && { expected_end: expectedEnd }),
      ...(input.mainWorkCenterId !== undefined && { main_work_center_id: input.mainWorkCenterId }),
      ...(input.processingWorkCenterId !== undefined && { processing_work_center_id: input.processingWorkCenterId }),
      ...(input.salesOrg !== undefined && { sales_org: trimOrNull(input.salesOrg) ?? null }),
      ...(input.distributionChannel !== undefined && { distribution_channel: trimOrNull(input.distributionChannel) ?? null }),
      ...(input.division !== undefined && { division: trimOrNull(input.division) ?? null }),
      ...(input.salesOffice !== undefined && { sales_office: trimOrNull(input.salesOffice) ?? null }),
      ...(input.salesGroup !== undefined && { sales_group: trimOrNull(input.salesGroup) ?? null }),
      ...(addressId !== undefined && { service_address_id: addressId }),
    };
    const fields = [...Object.keys(set), ...(items ? ['items'] : [])];
    const version = await updateNotification(trx, n.id, set);
    if (items) await replaceItems(trx, n.id, items);
    if (input.requiredStart !== undefined || input.expectedEnd !== undefined) {
      await syncNotificationClocks(trx, deps, { id: n.id, created_at: n.created_at, required_start: requiredStart, expected_end: expectedEnd, system_status: n.system_status }, new Date());
    }
    await insertEvent(trx, { notification_id: n.id, kind: 'changed', note: fields.join(', ') || null, actor_id: actor.id, actor_name: actor.displayName });
    return { version };
  });
}

export interface MoveInput {
  version: number;
  action: 'set_status' | 'put_in_process' | 'postpone' | 'complete' | 'reopen';
  status?: string | undefined;
  cause?: CodeRef | undefined;
  note?: string | undefined;
}

/**
 * A status move: the profile decides (domain/service-orders/status-profile.ts). A refusal names
 * what the caller may do instead (`allowed`); completing needs a cause from the cause catalog.
 */
export async function moveStatus(deps: ServiceOrderDeps, actor: UserActor, id: string, input: MoveInput) {
  requirePermission(actor, 'work');
  const groups = input.cause ? await codeGroups(deps.db) : [];
  return inTransaction(deps.db, async (trx) => {
    const n = await notificationFor(trx, actor, id, 'work', input.version);
    const profile = NOTIFICATION_TYPE_DEFS[n.type as NotificationType].profile;
    const action: NotificationAction =
      input.action === 'set_status' ? { kind: 'set_status', status: input.status ?? '' } : input.action === 'complete' ? { kind: 'complete', cause: input.cause ? `${input.cause.group}/${input.cause.code}` : null } : { kind: input.action };
    const from = { userStatus: n.user_status, systemStatus: n.system_status as SystemStatus };
    const move = moveNotification(profile, from, action, actor.role);
    if (move.kind === 'refused') throw new AppError(move.code, { allowed: move.allowed.join('、') || '—', status: input.status ?? input.action }, { allowed: move.allowed });
    if (input.action === 'complete' && input.cause && !findCode(groups, 'cause', input.cause)) {
      throw new AppError('SERVICE_ORDER_CODE_UNKNOWN', { catalog: 'cause', code: `${input.cause.group}/${input.cause.code}` });
    }
    const completing = move.state.systemStatus === 'completed';
    const reopening = input.action === 'reopen';
    const version = await updateNotification(trx, n.id, {
      user_status: move.state.userStatus,
      system_status: move.state.systemStatus,
      ...(completing && { completed_at: new Date(), completed_by: actor.id, cause_group: input.cause!.group, cause_code: input.cause!.code }),
      ...(reopening && { completed_at: null, completed_by: null }),
    });
    // work begun stops the start clock; completing stops the end clock, reopening runs it again
    if (move.state.systemStatus !== from.systemStatus) {
      await syncNotificationClocks(trx, deps, { id: n.id, created_at: n.created_at, required_start: n.required_start, expected_end: n.expected_end, system_status: move.state.systemStatus }, new Date());
    }
    await insertEvent(trx, {
      notification_id: n.id,
      kind: input.action === 'set_status' ? 'status' : 'system',
      from_user_status: from.userStatus,
      to_user_status: move.state.userStatus,
      from_system_status: from.systemStatus,
      to_system_status: move.state.systemStatus,
      cause_group: completing ? input.cause!.group : null,
      cause_code: completing ? input.cause!.code : null,
      note: input.note?.trim() || null,
      actor_id: actor.id,
      actor_name: actor.displayName,
    });
    return { userStatus: move.state.userStatus, systemStatus: move.state.systemStatus, version };
  });
}

/** Display: the notification with its items, history and what the caller may do now. */
export async function notificationDetail(deps: ServiceOrderDeps, actor: UserActor, id: string, locale: Locale) {
  const n = await notificationFor(deps.db, actor, id, 'read');
  const wcIds = [n.main_work_center_id, ...(n.processing_work_center_id ? [n.processing_work_center_id] : [])];
  const [groups, items, events, customers, users, centers, address, reference] = await Promise.all([
    codeGroups(deps.db),
    itemsOf(deps.db, n.id),
    eventsOf(deps.db, n.id),
    customerNames(deps.db, [n.sold_to_id, n.ship_to_id]),
    userNames(deps.db, n.responsible_user_id ? [n.responsible_user_id] : []),
    workCenters(deps.db, wcIds),
    n.service_address_id ? addressById(deps.db, n.service_address_id) : undefined,
    n.reference_id ? notificationNumberOf(deps.db, n.reference_id) : undefined,
  ]);
  const names = new Map([...customers.map((c) => [c.id, c.name] as const), ...users.map((u) => [u.id, u.display_name] as const)]);
  return presentDetail(
    n,
    {
      names,
      workCenters: new Map(centers.map((c) => [c.id, { id: c.id, code: c.code, name: c.name }])),
      address: address ?? null,
      reference: reference ?? null,
      items,
      events,
      groups,
      allowed: allowedFor(actor, n),
    },
    locale,
  );
}

function allowedFor(actor: UserActor, n: NotificationRow) {
  try {
    requirePermission(actor, 'work');
  } catch {
    return { statuses: [], system: [], change: false };
  }
  const profile = NOTIFICATION_TYPE_DEFS[n.type as NotificationType].profile;
  const allowed = allowedActions(profile, { userStatus: n.user_status, systemStatus: n.system_status as SystemStatus }, actor.role);
  return { ...allowed, change: n.system_status !== 'completed' };
}

export interface ListQuery {
  systemStatus?: SystemStatus[] | undefined;
  userStatus?: string | undefined;
  type?: NotificationType | undefined;
  number?: string | undefined;
  urgent?: boolean | undefined;
  startFrom?: string | undefined;
  startTo?: string | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  workCenterId?: string | undefined;
  partnerId?: string | undefined;
  reasonGroup?: string | undefined;
  reasonCode?: string | undefined;
  ticketId?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

const DAY_MS = 86_400_000;

/** IW59: the notifications the caller may read, filtered, one page at a time in required-start order. */
export async function listServiceOrders(deps: ServiceOrderDeps, actor: UserActor, query: ListQuery, locale: Locale) {
  requirePermission(actor, 'read');
  const zone = deps.timeZone;
  const dayStart = (date: string, plusDays = 0) => fromWallClock(Date.parse(`${date}T00:00:00Z`) + plusDays * DAY_MS, zone);
  const filters: ListFilters = {
    ...(query.systemStatus && { systemStatuses: query.systemStatus }),
    ...(query.userStatus && { userStatus: query.userStatus }),
    ...(query.type && { type: query.type }),
    ...(query.number && { number: query.number }),
    ...(query.urgent !== undefined && { urgent: query.urgent }),
    ...(query.startFrom && { startFrom: dayStart(query.startFrom) }),
    ...(query.startTo && { startBefore: dayStart(query.startTo, 1) }),
    ...(query.createdFrom && { createdFrom: dayStart(query.createdFrom) }),
    ...(query.createdTo && { createdBefore: dayStart(query.createdTo, 1) }),
    ...(query.workCenterId && { workCenterId: query.workCenterId }),
    ...(query.partnerId && { partnerId: query.partnerId }),
    ...(query.reasonGroup && { reason: { group: query.reasonGroup, ...(query.reasonCode && { code: query.reasonCode }) } }),
    ...(query.ticketId && { ticketId: query.ticketId }),
  };
  const pageSize = query.pageSize ?? 20;
  const { rows, total, totalCapped } = await listNotifications(deps.db, readableNotifications(actor), filters, { limit: pageSize, offset: ((query.page ?? 1) - 1) * pageSize });
  return { total, totalCapped, items: rows.map((r) => presentSummary(r, locale)) };
}
