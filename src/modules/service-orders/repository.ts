/** Kysely queries of the service-orders module: no rules, no HTTP. */
import { sql, type Expression, type ExpressionBuilder, type Insertable, type Kysely, type SqlBool, type Transaction, type Updateable } from 'kysely';
import type { DB, ServiceNotificationEventTable, ServiceNotificationItemTable, ServiceNotificationTable } from '../../db/schema.js';
import type { CatalogKind, CodeGroup, NotificationType } from '../../domain/service-orders/index.js';

type Readable = (eb: ExpressionBuilder<DB & { n: DB['service_notifications'] }, 'n'>) => Expression<SqlBool>;

const NOTIFICATION_COLUMNS = [
  'n.id',
  'n.number',
  'n.type',
  'n.reference_id',
  'n.ticket_id',
  'n.short_text',
  'n.long_text',
  'n.urgent',
  'n.user_status',
  'n.system_status',
  'n.sold_to_id',
  'n.ship_to_id',
  'n.responsible_user_id',
  'n.reporter_name',
  'n.original_document_no',
  'n.required_start',
  'n.expected_end',
  'n.main_work_center_id',
  'n.processing_work_center_id',
  'n.sales_org',
  'n.distribution_channel',
  'n.division',
  'n.sales_office',
  'n.sales_group',
  'n.service_address_id',
  'n.cause_group',
  'n.cause_code',
  'n.completed_at',
  'n.completed_by',
  'n.created_by',
  'n.created_at',
  'n.updated_at',
  'n.version',
] as const;

function selectNotification(db: Kysely<DB>) {
  return db
    .selectFrom('service_notifications as n')
    .select(NOTIFICATION_COLUMNS)
    .select(sql<string | null>`n.original_document_date::text`.as('original_document_date'));
}

export type NotificationRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectNotification>['executeTakeFirst']>>>;

export async function readNotification(db: Kysely<DB>, id: string, readable: Readable): Promise<NotificationRow | undefined> {
  return selectNotification(db).where('n.id', '=', id).where(readable).executeTakeFirst();
}

export async function lockNotification(trx: Transaction<DB>, id: string, readable: Readable): Promise<NotificationRow | undefined> {
  return selectNotification(trx).where('n.id', '=', id).where(readable).forUpdate().executeTakeFirst();
}

/** The next number of the type's sequence (never reused; a rolled-back draw leaves a gap). */
export async function nextSequence(trx: Transaction<DB>, type: NotificationType): Promise<number> {
  const sequence = type === 'Z1' ? 'service_notification_no_z1' : 'service_notification_no_z2';
  const { rows } = await sql<{ n: string | number }>`select nextval(${sql.lit(sequence)}) as n`.execute(trx);
  return Number(rows[0]!.n);
}

export async function insertNotification(trx: Transaction<DB>, values: Insertable<ServiceNotificationTable>) {
  return trx.insertInto('service_notifications').values(values).returning(['id', 'number', 'version', 'created_at']).executeTakeFirstOrThrow();
}

export async function updateNotification(trx: Transaction<DB>, id: string, set: Updateable<ServiceNotificationTable>): Promise<number> {
  const row = await trx
    .updateTable('service_notifications')
    .set({ ...set, updated_at: new Date(), version: sql<number>`version + 1` })
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export type NewItem = Omit<Insertable<ServiceNotificationItemTable>, 'notification_id' | 'position'>;

export async function replaceItems(trx: Transaction<DB>, notificationId: string, items: NewItem[]): Promise<void> {
  await trx.deleteFrom('service_notification_items').where('notification_id', '=', notificationId).execute();
  if (items.length === 0) return;
  await trx
    .insertInto('service_notification_items')
    .values(items.map((item, i) => ({ ...item, notification_id: notificationId, position: i + 1 })))
    .execute();
}

export async function itemsOf(db: Kysely<DB>, notificationId: string) {
  return db.selectFrom('service_notification_items').selectAll().where('notification_id', '=', notificationId).orderBy('position').execute();
}

export async function insertEvent(trx: Transaction<DB>, event: Insertable<ServiceNotificationEventTable>): Promise<void> {
  await trx.insertInto('service_notification_events').values(event).execute();
}

export async function eventsOf(db: Kysely<DB>, notificationId: string) {
  return db.selectFrom('service_notification_events').selectAll().where('notification_id', '=', notificationId).orderBy('at').orderBy('id').execute();
}

/** The stored catalogs as the domain reads them: every group with its active codes. */
export async function codeGroups(db: Kysely<DB>): Promise<CodeGroup[]> {
  const [groups, codes] = await Promise.all([
    db.selectFrom('service_code_groups').selectAll().orderBy('catalog').orderBy('code_group').execute(),
    db.selectFrom('service_codes').selectAll().where('active', '=', true).orderBy('code').execute(),
  ]);
  return groups.map((g) => ({
    catalog: g.catalog as CatalogKind,
    group: g.code_group,
    label: { 'zh-CN': g.label_zh, 'en-US': g.label_en },
    codes: codes.filter((c) => c.catalog === g.catalog && c.code_group === g.code_group).map((c) => ({ code: c.code, label: { 'zh-CN': c.label_zh, 'en-US': c.label_en } })),
  }));
}

/** Writes catalogs only while none is stored: an admin's later changes are never overwritten. */
export async function seedCodeGroups(trx: Transaction<DB>, groups: readonly CodeGroup[]): Promise<void> {
  const any = await trx.selectFrom('service_code_groups').select('catalog').limit(1).executeTakeFirst();
  if (any) return;
  await trx
    .insertInto('service_code_groups')
    .values(groups.map((g) => ({ catalog: g.catalog, code_group: g.group, label_zh: g.label['zh-CN'], label_en: g.label['en-US'] })))
    .execute();
  await trx
    .insertInto('service_codes')
    .values(groups.flatMap((g) => g.codes.map((c) => ({ catalog: g.catalog, code_group: g.group, code: c.code, label_zh: c.label['zh-CN'], label_en: c.label['en-US'] }))))
    .execute();
}

export async function workCenters(db: Kysely<DB>, ids?: string[]) {
  let q = db
    .selectFrom('service_work_centers as wc')
    .leftJoin('departments as d', 'd.id', 'wc.department_id')
    .select(['wc.id', 'wc.code', 'wc.name', 'wc.department_id', 'd.name as department_name', 'wc.working_hours', 'wc.active', 'wc.email', 'wc.sales_office', 'wc.version'])
    .orderBy('wc.code');
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('wc.id', 'in', ids);
  }
  return q.execute();
}

export async function staffOf(db: Kysely<DB>, workCenterIds: string[]) {
  if (workCenterIds.length === 0) return [];
  return db
    .selectFrom('service_work_center_staff as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.work_center_id', 'u.id', 'u.display_name', 'u.role'])
    .where('s.work_center_id', 'in', workCenterIds)
    .orderBy('u.display_name')
    .execute();
}

export async function insertWorkCenter(
  trx: Transaction<DB>,
  wc: { code: string; name: string; department_id: string | null; working_hours: { start: string; end: string }[] | null; email: string | null; sales_office: string | null },
  staffIds: string[],
) {
  const row = await trx
    .insertInto('service_work_centers')
    .values({ ...wc, working_hours: wc.working_hours ? JSON.stringify(wc.working_hours) : null })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return undefined;
  if (staffIds.length) await trx.insertInto('service_work_center_staff').values(staffIds.map((user_id) => ({ work_center_id: row.id, user_id }))).execute();
  return row;
}

/** The work center that answers for a sales office, if any (one per office: a unique index). */
export async function salesOfficeHolder(db: Kysely<DB>, office: string, except?: string) {
  return db
    .selectFrom('service_work_centers')
    .select(['id', 'code'])
    .where('sales_office', '=', office)
    .$if(except !== undefined, (q) => q.where('id', '<>', except!))
    .executeTakeFirst();
}

/** Customers that exist and were not merged into another, by id. */
export async function liveCustomers(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('customers').select(['id', 'name']).where('id', 'in', ids).where('merged_into_id', 'is', null).execute();
}

export async function customerNames(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('customers').select(['id', 'name']).where('id', 'in', ids).execute();
}

export async function customerAddress(db: Kysely<DB>, customerId: string, addressId: string) {
  return db
    .selectFrom('customer_addresses')
    .select(['id', 'kind', 'address', 'contact_name', 'contact_phone'])
    .where('id', '=', addressId)
    .where('customer_id', '=', customerId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

export async function addressById(db: Kysely<DB>, id: string) {
  return db.selectFrom('customer_addresses').select(['id', 'kind', 'address', 'contact_name', 'contact_phone']).where('id', '=', id).executeTakeFirst();
}

export async function activeUser(db: Kysely<DB>, id: string) {
  return db.selectFrom('users').select(['id', 'display_name']).where('id', '=', id).where('active', '=', true).executeTakeFirst();
}

export async function userNames(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
}

export async function notificationNumberOf(db: Kysely<DB>, id: string) {
  return db.selectFrom('service_notifications').select(['id', 'number']).where('id', '=', id).executeTakeFirst();
}

export async function notificationsOfTicket(db: Kysely<DB>, ticketId: string, readable: Readable) {
  return selectNotification(db).where('n.ticket_id', '=', ticketId).where(readable).orderBy('n.created_at').execute();
}

export interface ListFilters {
  systemStatuses?: string[];
  userStatus?: string;
  type?: NotificationType;
  number?: string;
  urgent?: boolean;
  /** local dates, inclusive, on the required start */
  startFrom?: Date;
  startBefore?: Date;
  createdFrom?: Date;
  createdBefore?: Date;
  workCenterId?: string;
  partnerId?: string;
  reason?: { group: string; code?: string };
  ticketId?: string;
}

/** The IW59 list: one page in required-start order, and how many match. */
/**
 * How many matches the list counts at most, as IW59's "maximum number of hits": beyond it the page
 * says "more than" and asks for a narrower selection. Counting a month of one status (20,000
 * notifications at the benchmark's scale) cost 5 ms for every page turned.
 */
export const LIST_COUNT_CAP = 1000;

export async function listNotifications(db: Kysely<DB>, readable: Readable, f: ListFilters, page: { limit: number; offset: number }, countCap = LIST_COUNT_CAP) {
  let q = db.selectFrom('service_notifications as n').where(readable);
  if (f.systemStatuses?.length) q = q.where('n.system_status', 'in', f.systemStatuses);
  if (f.userStatus) q = q.where('n.user_status', '=', f.userStatus);
  if (f.type) q = q.where('n.type', '=', f.type);
  if (f.number) q = q.where('n.number', '=', f.number);
  if (f.urgent !== undefined) q = q.where('n.urgent', '=', f.urgent);
  if (f.startFrom) q = q.where('n.required_start', '>=', f.startFrom);
  if (f.startBefore) q = q.where('n.required_start', '<', f.startBefore);
  if (f.createdFrom) q = q.where('n.created_at', '>=', f.createdFrom);
  if (f.createdBefore) q = q.where('n.created_at', '<', f.createdBefore);
  if (f.ticketId) q = q.where('n.ticket_id', '=', f.ticketId);
  if (f.workCenterId) {
    const wc = f.workCenterId;
    q = q.where((eb) => eb.or([eb('n.main_work_center_id', '=', wc), eb('n.processing_work_center_id', '=', wc)]));
  }
  if (f.partnerId) {
    const p = f.partnerId;
    q = q.where((eb) => eb.or([eb('n.sold_to_id', '=', p), eb('n.ship_to_id', '=', p)]));
  }
  if (f.reason) {
    const r = f.reason;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('service_notification_items as i')
          .select('i.id')
          .whereRef('i.notification_id', '=', 'n.id')
          .where('i.reason_group', '=', r.group)
          .$if(r.code !== undefined, (s) => s.where('i.reason_code', '=', r.code!)),
      ),
    );
  }
  // The page is chosen on the notifications alone (their indexes, sort, limit), then named: joining
  // the customers first hashed all 20,000 of them for every page (10 ms at the benchmark's scale).
  const chosen = q
    .select([
      'n.id',
      'n.number',
      'n.type',
      'n.short_text',
      'n.urgent',
      'n.user_status',
      'n.system_status',
      'n.sold_to_id',
      'n.ship_to_id',
      'n.main_work_center_id',
      'n.responsible_user_id',
      'n.required_start',
      'n.expected_end',
      'n.created_at',
      'n.version',
    ])
    .orderBy('n.required_start')
    .orderBy('n.number')
    .limit(page.limit)
    .offset(page.offset)
    .as('p');
  const [rows, total] = await Promise.all([
    db
      .selectFrom(chosen)
      .innerJoin('customers as sold', 'sold.id', 'p.sold_to_id')
      .innerJoin('customers as ship', 'ship.id', 'p.ship_to_id')
      .innerJoin('service_work_centers as wc', 'wc.id', 'p.main_work_center_id')
      .leftJoin('users as r', 'r.id', 'p.responsible_user_id')
      .selectAll('p')
      .select(['sold.name as sold_to_name', 'ship.name as ship_to_name', 'wc.code as main_work_center_code', 'r.display_name as responsible_name'])
      .orderBy('p.required_start')
      .orderBy('p.number')
      .execute(),
    db.selectFrom(q.select('n.id').limit(countCap + 1).as('c')).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const counted = Number(total.n);
  return { rows, total: Math.min(counted, countCap), totalCapped: counted > countCap };
}

export async function viewsOf(db: Kysely<DB>, userId: string) {
  return db.selectFrom('service_notification_views').select(['id', 'name', 'filters', 'columns', 'created_at']).where('user_id', '=', userId).orderBy('name').execute();
}

export async function insertView(db: Kysely<DB>, view: { user_id: string; name: string; filters: Record<string, unknown>; columns: string[] }) {
  return db
    .insertInto('service_notification_views')
    .values({ ...view, filters: JSON.stringify(view.filters), columns: JSON.stringify(view.columns) })
    .onConflict((oc) => oc.columns(['user_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Replaces a user's view; 'name_taken' when another of theirs has the name. */
export async function replaceView(db: Kysely<DB>, userId: string, id: string, view: { name: string; filters: Record<string, unknown>; columns: string[] }): Promise<'updated' | 'not_found' | 'name_taken'> {
  const own = await db.selectFrom('service_notification_views').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!own) return 'not_found';
  const clash = await db.selectFrom('service_notification_views').select('id').where('user_id', '=', userId).where('name', '=', view.name).where('id', '<>', id).executeTakeFirst();
  if (clash) return 'name_taken';
  const result = await db
    .updateTable('service_notification_views')
    .set({ name: view.name, filters: JSON.stringify(view.filters), columns: JSON.stringify(view.columns) })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? 'updated' : 'not_found';
}

export async function deleteView(db: Kysely<DB>, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('service_notification_views').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
