/**
 * Every query of the customers module, no rules. Shipments are linked at read time: by the
 * customer's monthly accounts and by its phones (its own, those of records merged into it and its
 * contacts'), each link read newest first through its own index and merged (docs/architecture.md,
 * Customers).
 */
import { type Kysely, sql, type SqlBool, type Transaction } from 'kysely';
import type { CallbackWindow, DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

const CUSTOMER_COLUMNS = [
  'c.id',
  'c.name',
  'c.phone',
  'c.kind',
  'c.tier',
  'c.account_manager_id',
  'c.merged_into_id',
  'c.credit_code',
  'c.industry',
  'c.company_nature',
  'c.headcount',
  'c.coverage_area',
  'c.packaging_requirements',
  'c.choice_factors',
  'c.business_status',
  'c.credit_rating',
  'c.credit_limit_fen',
  'c.note',
  'c.version',
  'c.created_at',
  'c.updated_at',
  'c.created_by',
] as const;

export async function readCustomer(db: Db, id: string) {
  return db
    .selectFrom('customers as c')
    .leftJoin('users as m', 'm.id', 'c.account_manager_id')
    .select([...CUSTOMER_COLUMNS, 'm.display_name as account_manager_name'])
    .select(sql<boolean>`exists (select 1 from monthly_accounts a where a.customer_id = c.id)`.as('monthly_settled'))
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type CustomerRow = NonNullable<Awaited<ReturnType<typeof readCustomer>>>;

export async function lockCustomer(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('customers as c').select(CUSTOMER_COLUMNS).where('c.id', '=', id).forUpdate().executeTakeFirst();
}
export type LockedCustomer = NonNullable<Awaited<ReturnType<typeof lockCustomer>>>;

/** Two customers locked in id order (the lock order of docs/architecture.md). */
export async function lockCustomers(trx: Transaction<DB>, ids: string[]) {
  return trx.selectFrom('customers as c').select(CUSTOMER_COLUMNS).where('c.id', 'in', ids).orderBy('c.id').forUpdate().execute();
}

export interface ProfileValues {
  name?: string;
  kind?: string;
  phone?: string | null;
  credit_code?: string | null;
  industry?: string | null;
  company_nature?: string | null;
  headcount?: number | null;
  coverage_area?: string | null;
  business_status?: string | null;
  credit_rating?: string | null;
  credit_limit_fen?: number | null;
  note?: string;
  account_manager_id?: string | null;
  /** only a merge sets it (the key tier of either record wins); the tier rules own it otherwise */
  tier?: string;
}

export async function insertCustomer(trx: Transaction<DB>, values: ProfileValues & { name: string; created_by: string }, searchWords: string) {
  return trx
    .insertInto('customers')
    .values({ ...values, search: undefined } as never)
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow()
    .then(async (row) => {
      await setSearchWords(trx, row.id, searchWords);
      return row;
    });
}

export async function setSearchWords(trx: Transaction<DB>, id: string, words: string) {
  await sql`update customers set search = to_tsvector('simple', ${words}) where id = ${id}`.execute(trx);
}

export async function updateCustomer(trx: Transaction<DB>, id: string, values: ProfileValues) {
  return trx
    .updateTable('customers')
    .set({ ...values, updated_at: new Date(), version: sql`version + 1` } as never)
    .where('id', '=', id)
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

/** Bumps the version after a change to a part of the record (a contact, an address, an account). */
export async function touchCustomer(trx: Transaction<DB>, id: string) {
  return trx
    .updateTable('customers')
    .set({ updated_at: new Date(), version: sql`version + 1` } as never)
    .where('id', '=', id)
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

export async function customerWithPhone(db: Db, phone: string) {
  return db.selectFrom('customers').select(['id', 'merged_into_id']).where('phone', '=', phone).executeTakeFirst();
}

export async function customerWithCreditCode(db: Db, code: string) {
  return db.selectFrom('customers').select('id').where('credit_code', '=', code).executeTakeFirst();
}

export async function activeAccountManager(db: Db, id: string) {
  return db.selectFrom('users').select('id').where('id', '=', id).where('role', '=', 'account_manager').where('active', '=', true).executeTakeFirst();
}

/** Active account managers, for choosing one. */
export async function accountManagers(db: Db) {
  return db.selectFrom('users').select(['id', 'display_name']).where('role', '=', 'account_manager').where('active', '=', true).orderBy('display_name').execute();
}

// Contacts -------------------------------------------------------------------------------------

export interface ContactValues {
  name: string;
  role: string;
  phones: string[];
  email: string | null;
  wechat: string | null;
  callback_windows: CallbackWindow[];
  note: string;
}

export async function insertContact(trx: Transaction<DB>, customerId: string, c: ContactValues) {
  return trx
    .insertInto('customer_contacts')
    .values({ customer_id: customerId, ...c, callback_windows: JSON.stringify(c.callback_windows) })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateContact(trx: Transaction<DB>, customerId: string, contactId: string, c: ContactValues) {
  return trx
    .updateTable('customer_contacts')
    .set({ ...c, callback_windows: JSON.stringify(c.callback_windows), updated_at: new Date() })
    .where('id', '=', contactId)
    .where('customer_id', '=', customerId)
    .returning('id')
    .executeTakeFirst();
}

export async function deleteContact(trx: Transaction<DB>, customerId: string, contactId: string) {
  return trx.deleteFrom('customer_contacts').where('id', '=', contactId).where('customer_id', '=', customerId).returning(['id', 'name']).executeTakeFirst();
}

export async function contactsOf(db: Db, customerId: string) {
  return db.selectFrom('customer_contacts').selectAll().where('customer_id', '=', customerId).orderBy('created_at').execute();
}

/** A customer's planned callbacks (回访): the open one first, then the last ones done (index account_callbacks_customer). */
export async function plannedCallbacksOf(db: Db, customerId: string) {
  return db
    .selectFrom('account_callbacks')
    .select(['id', 'due_at', 'cadence', 'status', 'outcome', 'satisfaction', 'note', 'done_at'])
    .select(sql<string>`due_date::text`.as('due_date'))
    .where('customer_id', '=', customerId)
    .orderBy('done_at', (o) => o.desc().nullsFirst())
    .limit(12)
    .execute();
}

// Addresses ------------------------------------------------------------------------------------

export interface AddressValues {
  kind: string;
  address: string;
  province: string;
  city: string | null;
  district: string | null;
  contact_name: string | null;
  contact_phone: string | null;
}

type Author = { id: string | null; name: string };

async function insertAddressVersion(trx: Transaction<DB>, addressId: string, version: number, change: 'added' | 'changed' | 'removed', a: AddressValues, by: Author) {
  // Only the address's own fields: `a` may be a whole row (a removal records the address as it was).
  const { kind, address, province, city, district, contact_name, contact_phone } = a;
  await trx
    .insertInto('customer_address_versions')
    .values({ address_id: addressId, version, change, kind, address, province, city, district, contact_name, contact_phone, actor_id: by.id, actor_name: by.name })
    .execute();
}

export async function insertAddress(trx: Transaction<DB>, customerId: string, a: AddressValues, by: Author) {
  const row = await trx.insertInto('customer_addresses').values({ customer_id: customerId, ...a }).returning(['id', 'version']).executeTakeFirstOrThrow();
  await insertAddressVersion(trx, row.id, row.version, 'added', a, by);
  return row;
}

export async function addressOf(trx: Transaction<DB>, customerId: string, addressId: string) {
  return trx
    .selectFrom('customer_addresses')
    .selectAll()
    .where('id', '=', addressId)
    .where('customer_id', '=', customerId)
    .where('removed_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export async function changeAddress(trx: Transaction<DB>, addressId: string, a: AddressValues, by: Author) {
  const row = await trx
    .updateTable('customer_addresses')
    .set({ ...a, version: sql`version + 1`, updated_at: new Date() } as never)
    .where('id', '=', addressId)
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  await insertAddressVersion(trx, addressId, row.version, 'changed', a, by);
  return row;
}

export async function removeAddress(trx: Transaction<DB>, addressId: string, a: AddressValues, by: Author) {
  const row = await trx
    .updateTable('customer_addresses')
    .set({ removed_at: new Date(), version: sql`version + 1`, updated_at: new Date() } as never)
    .where('id', '=', addressId)
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  await insertAddressVersion(trx, addressId, row.version, 'removed', a, by);
  return row;
}

/** The customer's addresses and every version of them, read side by side (one round trip's wait, not two). */
export async function addressesOf(db: Db, customerId: string) {
  const [addresses, versions] = await Promise.all([
    db.selectFrom('customer_addresses').selectAll().where('customer_id', '=', customerId).orderBy('created_at').execute(),
    db
      .selectFrom('customer_address_versions as v')
      .selectAll('v')
      .where('v.address_id', 'in', (eb) => eb.selectFrom('customer_addresses').select('id').where('customer_id', '=', customerId))
      .orderBy('v.address_id')
      .orderBy('v.version', 'desc')
      .execute(),
  ]);
  return { addresses, versions };
}

// Monthly accounts -----------------------------------------------------------------------------

/** Adds the account unless it exists; the owner of an existing one is returned. */
export async function insertMonthlyAccount(trx: Transaction<DB>, customerId: string, accountNo: string, createdBy: string) {
  const inserted = await trx
    .insertInto('monthly_accounts')
    .values({ account_no: accountNo, customer_id: customerId, created_by: createdBy })
    .onConflict((oc) => oc.column('account_no').doNothing())
    .returning('account_no')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function monthlyAccountsOf(db: Db, customerId: string) {
  return db.selectFrom('monthly_accounts').select(['account_no', 'opened_at']).where('customer_id', '=', customerId).orderBy('opened_at').execute();
}

// Tasks ----------------------------------------------------------------------------------------

export async function insertTask(
  trx: Transaction<DB>,
  task: { customerId: string; kind: 'settle_account'; assigneeId: string | null; assigneeRole: string | null; detail: Record<string, unknown> },
) {
  return trx
    .insertInto('customer_tasks')
    .values({ customer_id: task.customerId, kind: task.kind, assignee_id: task.assigneeId, assignee_role: task.assigneeRole, detail: JSON.stringify(task.detail) })
    .returning('id')
    .executeTakeFirstOrThrow();
}

function tasks(db: Db) {
  return db
    .selectFrom('customer_tasks as k')
    .innerJoin('customers as c', 'c.id', 'k.customer_id')
    .leftJoin('users as u', 'u.id', 'k.assignee_id')
    .select(['k.id', 'k.customer_id', 'c.name as customer_name', 'c.kind as customer_kind', 'k.kind', 'k.status', 'k.assignee_id', 'u.display_name as assignee_name', 'k.assignee_role', 'k.detail', 'k.created_at', 'k.done_at', 'k.done_note']);
}
export type TaskRow = Awaited<ReturnType<typeof tasksOfCustomer>>[number];

export async function tasksOfCustomer(db: Db, customerId: string) {
  return tasks(db).where('k.customer_id', '=', customerId).orderBy('k.created_at', 'desc').limit(50).execute();
}

/** Tasks by status; `assigneeId` narrows to one person's (null: everyone's). */
export async function taskList(db: Db, status: 'open' | 'done', assigneeId: string | null) {
  let q = tasks(db).where('k.status', '=', status);
  if (assigneeId) q = q.where('k.assignee_id', '=', assigneeId);
  return q.orderBy('k.created_at', 'desc').limit(200).execute();
}

export async function lockTask(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('customer_tasks').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function taskCustomerId(db: Db, id: string) {
  return (await db.selectFrom('customer_tasks').select('customer_id').where('id', '=', id).executeTakeFirst())?.customer_id;
}

export async function completeTask(trx: Transaction<DB>, id: string, by: string, note: string) {
  await trx.updateTable('customer_tasks').set({ status: 'done', done_at: new Date(), done_by: by, done_note: note }).where('id', '=', id).execute();
}

// Timeline -------------------------------------------------------------------------------------

export async function addCustomerEvent(db: Db, customerId: string, by: Author, kind: string, detail: Record<string, unknown> = {}) {
  await db
    .insertInto('customer_events')
    .values({ customer_id: customerId, actor_id: by.id, actor_name: by.name, kind, detail: JSON.stringify(detail) })
    .execute();
}

/**
 * The customer's timeline with the entries of the records merged into it, newest first. The ids
 * (the customer and its merged records) are found first and the entries read through the
 * `(customer_id, at)` index: an `or` with the merged records' subquery made PostgreSQL walk the
 * whole table newest first instead.
 */
export async function timelineOf(db: Db, customerId: string, limit = 200) {
  return db
    .selectFrom('customer_events as e')
    .select([sql<string>`e.id::text`.as('id'), 'e.customer_id', 'e.at', 'e.actor_name', 'e.kind', 'e.detail'])
    .where(sql<SqlBool>`e.customer_id = any(array(select ${customerId}::uuid union all select id from customers where merged_into_id = ${customerId}))`)
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
}

// Merge ----------------------------------------------------------------------------------------

/**
 * Moves everything of `fromId` to `intoId`: tickets, contact records, contacts, addresses, monthly
 * accounts, tasks, and the records merged into `fromId` earlier (one hop to the survivor). The
 * shipments follow, being linked by accounts and phones. Returns what moved, for the audit.
 */
export async function relink(trx: Transaction<DB>, fromId: string, intoId: string) {
  const count = async (q: Promise<{ numUpdatedRows: bigint }[]>) => Number((await q)[0]?.numUpdatedRows ?? 0n);
  const [tickets, contactRecords, contacts, addresses, accounts, tasks, merged] = await Promise.all([
    count(trx.updateTable('tickets').set({ customer_id: intoId }).where('customer_id', '=', fromId).execute()),
    count(trx.updateTable('contacts').set({ customer_id: intoId }).where('customer_id', '=', fromId).execute()),
    count(trx.updateTable('customer_contacts').set({ customer_id: intoId }).where('customer_id', '=', fromId).execute()),
    count(trx.updateTable('customer_addresses').set({ customer_id: intoId }).where('customer_id', '=', fromId).execute()),
    count(trx.updateTable('monthly_accounts').set({ customer_id: intoId }).where('customer_id', '=', fromId).execute()),
    count(trx.updateTable('customer_tasks').set({ customer_id: intoId }).where('customer_id', '=', fromId).execute()),
    count(trx.updateTable('customers').set({ merged_into_id: intoId }).where('merged_into_id', '=', fromId).execute()),
  ]);
  return { tickets, contactRecords, contacts, addresses, accounts, tasks, mergedEarlier: merged };
}

export async function markMerged(trx: Transaction<DB>, fromId: string, intoId: string) {
  await trx
    .updateTable('customers')
    .set({ merged_into_id: intoId, credit_code: null, account_manager_id: null, updated_at: new Date(), version: sql`version + 1` } as never)
    .where('id', '=', fromId)
    .execute();
}

// Customer view: the phones and accounts shipments are linked by --------------------------------

/** The phones that link shipments to the customer: its own, the merged records', its contacts'. */
export async function linkPhones(db: Db, customerId: string): Promise<string[]> {
  const { rows } = await sql<{ phone: string }>`
    select phone from customers where (id = ${customerId} or merged_into_id = ${customerId}) and phone is not null
    union
    select unnest(phones) from customer_contacts where customer_id = ${customerId}
    limit 50`.execute(db);
  return rows.map((r) => r.phone);
}

const FAR_FUTURE = '9999-12-31T00:00:00Z';
const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/**
 * A page of the customer's shipments, newest first: each link (an account, a sender phone, a
 * recipient phone) reads at most `limit + 1` rows before the cursor through its own index, and the
 * union is cut to the page. A shipment linked twice counts once (by its first link).
 */
export async function linkedShipments(db: Db, accounts: string[], phones: string[], before: { at: string; id: string } | null, limit: number) {
  const at = before?.at ?? FAR_FUTURE;
  const id = before?.id ?? MAX_UUID;
  const n = limit + 1;
  const { rows } = await sql<{
    id: string;
    waybill_no: string;
    status: string;
    sub_status: string;
    monthly_account: string | null;
    payment_term: string | null;
    freight_fen: number | null;
    sender_name: string | null;
    sender_province: string | null;
    sender_city: string | null;
    sender_district: string | null;
    recipient_name: string | null;
    recipient_province: string | null;
    recipient_city: string | null;
    recipient_district: string | null;
    picked_up_at: Date | null;
    delivered_at: Date | null;
    created_at: Date;
    /** created_at to the microsecond, for the next page's cursor */
    cursor_at: string;
    linked_by: string;
  }>`
    with links as (
      select l.id, l.created_at, 1 as rank, 'account' as linked_by
      from unnest(${accounts}::text[]) a(no) cross join lateral (
        select s.id, s.created_at from shipments s
        where s.monthly_account = a.no and (s.created_at, s.id) < (${at}::timestamptz, ${id}::uuid)
        order by s.created_at desc, s.id desc limit ${n}) l
      union all
      select l.id, l.created_at, 2, 'sender_phone'
      from unnest(${phones}::text[]) p(phone) cross join lateral (
        select s.id, s.created_at from shipments s
        where s.sender_phone = p.phone and (s.created_at, s.id) < (${at}::timestamptz, ${id}::uuid)
        order by s.created_at desc, s.id desc limit ${n}) l
      union all
      select l.id, l.created_at, 3, 'recipient_phone'
      from unnest(${phones}::text[]) p(phone) cross join lateral (
        select s.id, s.created_at from shipments s
        where s.recipient_phone = p.phone and (s.created_at, s.id) < (${at}::timestamptz, ${id}::uuid)
        order by s.created_at desc, s.id desc limit ${n}) l
    ), page as (
      select distinct on (id) id, created_at, linked_by from links order by id, rank
    ), cut as (
      select * from page order by created_at desc, id desc limit ${n}
    )
    select s.id, s.waybill_no, s.status, s.sub_status, s.monthly_account, s.payment_term, s.freight_fen,
      s.sender_name, s.sender_province, s.sender_city, s.sender_district,
      s.recipient_name, s.recipient_province, s.recipient_city, s.recipient_district,
      s.picked_up_at, s.delivered_at, s.created_at, cut.linked_by,
      to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at
    from cut join shipments s on s.id = cut.id
    order by s.created_at desc, s.id desc`.execute(db);
  return rows;
}

// Search ---------------------------------------------------------------------------------------

export interface SearchMatch {
  id: string;
  matched_by: string;
}

/** Customers matching each way of finding them, each its own limited, indexed query; survivors of merged records. */
export async function findCustomerIds(
  db: Db,
  query: { phone: string | null; accountNo: string | null; creditCode: string | null; name: string; words: string[]; prefix: string },
  limit: number,
): Promise<SearchMatch[]> {
  const ways: ReturnType<typeof sql<SearchMatch>>[] = [];
  if (query.phone) {
    ways.push(sql<SearchMatch>`(select coalesce(merged_into_id, id) as id, 'phone' as matched_by, 1 as rank from customers where phone = ${query.phone})`);
    ways.push(sql<SearchMatch>`(select customer_id, 'contact_phone', 2 from customer_contacts where phones @> array[${query.phone}::text] limit ${limit})`);
  }
  if (query.accountNo) ways.push(sql<SearchMatch>`(select customer_id, 'account', 1 from monthly_accounts where account_no = ${query.accountNo})`);
  if (query.creditCode) ways.push(sql<SearchMatch>`(select id, 'credit_code', 1 from customers where credit_code = ${query.creditCode})`);
  ways.push(sql<SearchMatch>`(select id, 'name', 3 from customers where name = ${query.name} and merged_into_id is null limit ${limit})`);
  if (query.prefix) {
    ways.push(
      // In the prefix index's own order (byte order, `~<~`), so the limit stops inside the prefix's
      // range: `order by name` let PostgreSQL walk the plain name index from the first name and
      // filter (0.65 s for 客户7% at 600,000 customers).
      sql<SearchMatch>`(select id, 'name', 4 from customers where name like ${query.prefix} escape '\\' and merged_into_id is null order by name using ~<~ limit ${limit})`,
    );
  }
  if (query.words.length > 0) {
    // Sorted by an expression no index holds, so the matches come from the GIN index and only they
    // are sorted: with a plain `order by created_at desc limit`, PostgreSQL walked the creation
    // index testing every record when a common word (客户) met a rare one (a number) — 3.5 s at
    // 600,000 customers for a single match; a capped `limit` without order let it scan the table
    // hoping to fill the cap early (0.5 s). A single word on nearly every record costs one scan.
    const tsquery = query.words.map((w) => `'${w.replace(/'/g, "''")}'`).join(' & ');
    ways.push(
      sql<SearchMatch>`(select id, 'name', 5 from customers where search @@ to_tsquery('simple', ${tsquery}) and merged_into_id is null order by created_at + interval '0' desc limit ${limit})`,
    );
  }
  const { rows } = await sql<SearchMatch & { rank: number }>`
    select distinct on (id) id, matched_by, rank from (${sql.join(ways, sql` union all `)}) m(id, matched_by, rank)
    order by id, rank`.execute(db);
  return rows.sort((a, b) => a.rank - b.rank).map(({ id, matched_by }) => ({ id, matched_by }));
}

/** The newest customers (optionally one account manager's), for the list without a query. */
export async function newestCustomerIds(db: Db, accountManagerId: string | null, limit: number, offset: number) {
  let q = db.selectFrom('customers').select('id').where('merged_into_id', 'is', null);
  if (accountManagerId) q = q.where('account_manager_id', '=', accountManagerId);
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute()).map((r) => r.id);
}

export async function summariesOf(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('customers as c')
    .leftJoin('users as m', 'm.id', 'c.account_manager_id')
    .select(['c.id', 'c.name', 'c.kind', 'c.tier', 'c.phone', 'c.credit_code', 'c.account_manager_id', 'm.display_name as account_manager_name', 'c.created_at'])
    .select(sql<string[]>`coalesce((select array_agg(a.account_no order by a.opened_at) from monthly_accounts a where a.customer_id = c.id), '{}')`.as('accounts'))
    .where('c.id', 'in', ids)
    .where(sql<SqlBool>`c.merged_into_id is null`)
    .execute();
}

/** Several timeline entries in one statement (a scheduled job's tier changes), in the caller's transaction. */
export async function addCustomerEvents(db: Db, entries: readonly { customerId: string; kind: string; detail: Record<string, unknown> }[], by: { id: string | null; name: string }) {
  if (entries.length === 0) return;
  await sql`
    insert into customer_events (customer_id, actor_id, actor_name, kind, detail)
    select x.customer_id, ${by.id}::uuid, ${by.name}, x.kind, x.detail
    from jsonb_to_recordset(${JSON.stringify(entries.map((e) => ({ customer_id: e.customerId, kind: e.kind, detail: e.detail })))}::jsonb)
      as x(customer_id uuid, kind text, detail jsonb)`.execute(db);
}
