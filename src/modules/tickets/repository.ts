/**
 * Kysely queries for tickets: the queues (keyset-paged in clock-urgency order, each on its own
 * partial index), search, and the pieces of a ticket's page. No rules here.
 */
import { type Expression, type Insertable, type Kysely, type SqlBool, sql, type Transaction, type Updateable } from 'kysely';
import type { DB, TicketCallbackTable, TicketEventTable, TicketTable } from '../../db/schema.js';
import { OPEN_STATUSES } from '../../domain/tickets/lifecycle.js';
import { searchRank, type SearchMatch, type SearchTerms } from '../../domain/tickets/search.js';

type Db = Kysely<DB> | Transaction<DB>;

const OPEN = sql.raw(`('${OPEN_STATUSES.join("','")}')`);

export interface SummaryRow {
  id: string;
  number: string;
  kind: string;
  status: string;
  priority: string;
  subject: string;
  channel: string;
  customer_name: string | null;
  customer_phone: string | null;
  team_id: string | null;
  team_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  confidential: boolean;
  due_at: Date | null;
  created_at: Date;
  updated_at: Date;
  follow_up_at: Date | null;
  version: number;
  waybill_nos: string[];
}

function summaries(db: Db) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('departments as d', 'd.id', 't.team_id')
    .leftJoin('users as u', 'u.id', 't.owner_id')
    .select([
      't.id',
      sql<string>`t.number::text`.as('number'),
      't.kind',
      't.status',
      't.priority',
      't.subject',
      't.channel',
      't.customer_name',
      't.customer_phone',
      't.team_id',
      'd.name as team_name',
      't.owner_id',
      'u.display_name as owner_name',
      't.confidential',
      't.due_at',
      't.created_at',
      't.updated_at',
      't.follow_up_at',
      't.version',
      sql<string[]>`coalesce((select array_agg(w.waybill_no order by w.waybill_no) from ticket_waybills w where w.ticket_id = t.id), '{}')`.as(
        'waybill_nos',
      ),
    ]);
}

/** Who is looking, for the visibility filter. */
export interface Viewer {
  id: string;
  departmentId: string | null;
  readsConfidential: boolean;
  /** works tickets: reads every ticket that is not confidential */
  works: boolean;
}

/**
 * The tickets (alias `t`) the viewer may read: allowedActions' "read" (domain/tickets/lifecycle.ts)
 * in SQL, without its departments-asked ground — a list may show less than the ticket's page, never
 * more. Every list that shows tickets, or things naming a ticket, filters through this (the board's
 * counts and the duty roster's loads are numbers only).
 */
function visibleTo(viewer: Viewer): Expression<SqlBool> {
  if (viewer.readsConfidential) return sql<SqlBool>`true`;
  // Department staff read only what they were asked about, which the lists leave out.
  if (!viewer.works) return sql<SqlBool>`(t.owner_id = ${viewer.id} or t.team_id = ${viewer.departmentId})`;
  return sql<SqlBool>`(not t.confidential or t.owner_id = ${viewer.id} or t.team_id = ${viewer.departmentId})`;
}

export interface QueueQuery {
  scope: { ownerId: string } | { teamId: string } | { unassigned: true } | { all: true } | { breachedBefore: Date };
  kind?: string | undefined;
  status?: string | undefined;
  limit: number;
  /** keyset: the last row's due_at and number */
  after?: { dueAt: Date | null; number: string } | undefined;
}

/** Open tickets in urgency order: earliest due first, tickets without a running clock last. */
export async function openQueue(db: Db, viewer: Viewer, query: QueueQuery): Promise<SummaryRow[]> {
  let q = summaries(db).where(sql<SqlBool>`t.status in ${OPEN}`).where(visibleTo(viewer));
  const scope = query.scope;
  if ('ownerId' in scope) q = q.where('t.owner_id', '=', scope.ownerId);
  else if ('teamId' in scope) q = q.where('t.team_id', '=', scope.teamId);
  else if ('unassigned' in scope) q = q.where('t.owner_id', 'is', null);
  else if ('breachedBefore' in scope) q = q.where('t.due_at', '<', scope.breachedBefore);
  if (query.kind) q = q.where('t.kind', '=', query.kind);
  if (query.status) q = q.where('t.status', '=', query.status);
  const after = query.after;
  if (after) {
    q =
      after.dueAt === null
        ? q.where(sql<SqlBool>`(t.due_at is null and t.number > ${after.number}::bigint)`)
        : q.where(
            sql<SqlBool>`(t.due_at > ${after.dueAt} or (t.due_at = ${after.dueAt} and t.number > ${after.number}::bigint) or t.due_at is null)`,
          );
  }
  return (await q
    .orderBy(sql`t.due_at asc nulls last`)
    .orderBy('t.number', 'asc')
    .limit(query.limit)
    .execute()) as SummaryRow[];
}

/** Tickets whose clock passed its warning and has not breached yet, soonest due first. */
export async function atRiskTickets(db: Db, viewer: Viewer, limit: number): Promise<SummaryRow[]> {
  return (await summaries(db)
    .where(sql<SqlBool>`t.status in ${OPEN}`)
    .where(visibleTo(viewer))
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('ticket_clocks as c')
          .select('c.kind')
          .whereRef('c.ticket_id', '=', 't.id')
          .where(sql<SqlBool>`c.warned_at is not null and c.breached_at is null and c.stopped_at is null`),
      ),
    )
    .orderBy(sql`t.due_at asc nulls last`)
    .orderBy('t.number', 'asc')
    .limit(limit)
    .execute()) as SummaryRow[];
}

export interface SearchQuery {
  terms: SearchTerms;
  /** the query's words, every one required (words.ts queryWords); none: the text is not searched */
  words: string[];
  limit: number;
  /** keyset: the last row's rank, created_at and number */
  after?: { rank: number; createdAt: Date; number: string } | undefined;
}

export type SearchRow = SummaryRow & { rank: number };

/** The pattern order's end of every text that starts with `prefix` (text_pattern_ops compares bytes). */
const PATTERN_END = '\u{10FFFF}';

/** Each way the terms name tickets, with its rank (domain/tickets/search.ts), best first. */
function searchWays(terms: SearchTerms, words: string[]): { rank: number; match: Expression<SqlBool> }[] {
  const ways: { rank: number; match: Expression<SqlBool> }[] = [];
  const add = (match: SearchMatch, expression: Expression<SqlBool>) => ways.push({ rank: searchRank(match), match: expression });
  if (terms.ticketNumber) add('exact', sql<SqlBool>`t.number = ${terms.ticketNumber}::bigint`);
  if (terms.waybillNo) add('exact', sql<SqlBool>`t.id in (select w.ticket_id from ticket_waybills w where w.waybill_no = ${terms.waybillNo})`);
  if (terms.phone) add('exact', sql<SqlBool>`t.customer_phone = ${terms.phone}`);
  if (terms.fullName) add('name', sql<SqlBool>`t.customer_name = ${terms.fullName}`);
  const suffix = terms.phoneSuffix;
  if (suffix) {
    add(
      'phone_suffix',
      suffix.startsWith
        ? sql<SqlBool>`(right(t.customer_phone, 4) = ${suffix.last4} and starts_with(t.customer_phone, ${suffix.startsWith}))`
        : sql<SqlBool>`right(t.customer_phone, 4) = ${suffix.last4}`,
    );
  }
  if (terms.surname) add('name_part', sql<SqlBool>`left(t.customer_name, 1) = ${terms.surname}`);
  if (terms.namePrefix) {
    // A range of the pattern index (a LIKE with a parameter could not use it in a prepared plan).
    add(
      'name_part',
      sql<SqlBool>`(t.customer_name ~>=~ ${terms.namePrefix} and t.customer_name ~<~ ${terms.namePrefix + PATTERN_END} and starts_with(t.customer_name, ${terms.namePrefix}))`,
    );
  }
  if (terms.givenName) add('name_part', sql<SqlBool>`right(t.customer_name, 2) = ${terms.givenName}`);
  if (words.length) add('text', sql<SqlBool>`t.search @@ plainto_tsquery('simple', ${words.join(' ')})`);
  return ways;
}

/**
 * Search, ranked (domain/tickets/search.ts): exact numbers, the full name, the phone's last four
 * digits, parts of the name, words of the text; newest first within a rank. Each way of matching
 * is its own query on its own index, newest first with a limit, and the results are merged: an OR
 * over all of them would make the planner collect every ticket that mentions a common word (破损:
 * tens of thousands) before sorting. A ticket is listed once, at its best rank: each way leaves out
 * the tickets a better one finds (a check of the row in hand, no extra scan).
 */
export async function searchTickets(db: Db, viewer: Viewer, query: SearchQuery): Promise<SearchRow[]> {
  const ways = searchWays(query.terms, query.words);
  const after = query.after;
  const parts = ways.flatMap(({ rank, match }) => {
    if (after && rank < after.rank) return [];
    const better = ways.filter((w) => w.rank < rank).map((w) => w.match);
    const notBetter = better.length ? sql<SqlBool>`not coalesce(${sql.join(better, sql` or `)}, false)` : sql<SqlBool>`true`;
    const page =
      after && rank === after.rank
        ? sql<SqlBool>`(t.created_at, t.number) < (${after.createdAt}, ${after.number}::bigint)`
        : sql<SqlBool>`true`;
    return [
      sql`(
        select t.id, t.created_at, t.number, ${sql.lit(rank)} as rank from tickets t
        where ${match} and ${notBetter} and ${visibleTo(viewer)} and t.merged_into_id is null and ${page}
        order by t.created_at desc, t.number desc limit ${query.limit})`,
    ];
  });
  if (parts.length === 0) return [];
  // One statement: the matching ids by rank, newest first, then their rows.
  const matched = sql<{ id: string; rank: number }>`(
    select m.id, m.rank, m.created_at, m.number from (${sql.join(parts, sql` union `)}) m
    order by m.rank, m.created_at desc, m.number desc limit ${query.limit})`;
  return (await summaries(db)
    .innerJoin(matched.as('m'), (join) => join.onRef('m.id', '=', 't.id'))
    .select('m.rank')
    .orderBy('m.rank')
    .orderBy('t.created_at', 'desc')
    .orderBy('t.number', 'desc')
    .execute()) as SearchRow[];
}

export async function ticketRow(db: Db, id: string) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('departments as d', 'd.id', 't.team_id')
    .leftJoin('users as u', 'u.id', 't.owner_id')
    .selectAll('t')
    .select(['d.name as team_name', 'u.display_name as owner_name', sql<string>`t.number::text`.as('number_text')])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export async function lockTicket(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Forbidden-phrase hits, for quality checks (质检). */
export async function insertPhraseHits(
  trx: Transaction<DB>,
  hits: { ticket_id: string | null; user_id: string; phrase: string; category: string; excerpt: string; blocked: boolean }[],
): Promise<void> {
  await trx.insertInto('phrase_hits').values(hits).execute();
}

/** The ticket a callback belongs to (never changes), read before the ticket is locked. */
export async function callbackTicketId(db: Db, callbackId: string): Promise<string | undefined> {
  return (await db.selectFrom('ticket_callbacks').select('ticket_id').where('id', '=', callbackId).executeTakeFirst())?.ticket_id;
}

/** Lock order: only after its ticket. */
export async function lockCallback(trx: Transaction<DB>, callbackId: string) {
  return trx.selectFrom('ticket_callbacks').selectAll().where('id', '=', callbackId).forUpdate().executeTakeFirst();
}

/** The ticket a department request belongs to (never changes), read before the ticket is locked. */
export async function departmentRequestTicketId(db: Db, requestId: string): Promise<string | undefined> {
  return (await db.selectFrom('ticket_department_requests').select('ticket_id').where('id', '=', requestId).executeTakeFirst())?.ticket_id;
}

/** Lock order: only after its ticket. */
export async function lockDepartmentRequest(trx: Transaction<DB>, requestId: string) {
  return trx.selectFrom('ticket_department_requests').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirst();
}

/** A ticket's clocks, oldest first, for its page. */
export async function clockRowsOf(db: Db, ticketId: string) {
  return db.selectFrom('ticket_clocks').selectAll().where('ticket_id', '=', ticketId).orderBy('started_at').execute();
}

/** A ticket, read without a lock (for access checks outside a transaction). */
export async function readTicket(db: Db, id: string) {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The ticket with the departments asked something on it (what its access rules read), in one
 * statement: locked when `lock` (inside a transaction), only read otherwise.
 */
export async function ticketWithAsked(db: Db, id: string, lock: boolean) {
  const query = db
    .selectFrom('tickets as t')
    .selectAll('t')
    .select(sql<string[]>`array(select distinct r.department_id::text from ticket_department_requests r where r.ticket_id = t.id)`.as('asked_department_ids'))
    .where('t.id', '=', id);
  const found = await (lock ? query.forUpdate('t') : query).executeTakeFirst();
  if (!found) return undefined;
  const { asked_department_ids: asked, ...row } = found;
  return { row, asked };
}

export async function waybillsOf(db: Db, ticketId: string): Promise<string[]> {
  const rows = await db.selectFrom('ticket_waybills').select('waybill_no').where('ticket_id', '=', ticketId).orderBy('waybill_no').execute();
  return rows.map((r) => r.waybill_no);
}

export async function askedDepartments(db: Db, ticketId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('ticket_department_requests')
    .select('department_id')
    .distinct()
    .where('ticket_id', '=', ticketId)
    .execute();
  return rows.map((r) => r.department_id);
}

/** The departments asked something on each of these tickets. */
export async function askedDepartmentsOf(db: Db, ticketIds: readonly string[]): Promise<Map<string, string[]>> {
  const asked = new Map<string, string[]>();
  if (ticketIds.length === 0) return asked;
  const rows = await db
    .selectFrom('ticket_department_requests')
    .select(['ticket_id', 'department_id'])
    .distinct()
    .where('ticket_id', 'in', [...new Set(ticketIds)])
    .execute();
  for (const r of rows) asked.set(r.ticket_id, [...(asked.get(r.ticket_id) ?? []), r.department_id]);
  return asked;
}

export async function timelineOf(db: Db, ticketId: string) {
  return db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
}

export async function shipmentsFor(db: Db, waybillNos: string[]) {
  if (waybillNos.length === 0) return [];
  return db
    .selectFrom('shipments')
    .select(['waybill_no', 'status', 'sub_status', 'promised_at', 'last_event_text', 'last_event_time'])
    .where('waybill_no', 'in', waybillNos)
    .execute();
}

export async function departmentRequestsOf(db: Db, where: { ticketId: string } | { departmentId: string; open: boolean }) {
  let q = db
    .selectFrom('ticket_department_requests as r')
    .innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .innerJoin('departments as d', 'd.id', 'r.department_id')
    .leftJoin('users as a', 'a.id', 'r.asked_by')
    .leftJoin('users as p', 'p.id', 'r.replied_by')
    .selectAll('r')
    .select([sql<string>`t.number::text`.as('ticket_number'), 'd.name as department_name', 'a.display_name as asked_by_name', 'p.display_name as replied_by_name']);
  if ('ticketId' in where) q = q.where('r.ticket_id', '=', where.ticketId);
  else {
    q = q.where('r.department_id', '=', where.departmentId);
    if (where.open) q = q.where('r.replied_at', 'is', null);
  }
  return q.orderBy('r.asked_at', 'desc').limit(200).execute();
}

function callbackRows(db: Db) {
  return db
    .selectFrom('ticket_callbacks as c')
    .innerJoin('tickets as t', 't.id', 'c.ticket_id')
    .leftJoin('users as u', 'u.id', 'c.assignee_id')
    .leftJoin('users as la', 'la.id', 'c.last_attempt_by')
    .selectAll('c')
    .select([
      sql<string>`t.number::text`.as('ticket_number'),
      't.subject',
      't.customer_name',
      't.customer_phone',
      'u.display_name as assignee_name',
      'la.display_name as last_attempt_by_name',
      // the ticket's facts, for who may see its customer unmasked
      't.status as ticket_status',
      't.owner_id as ticket_owner_id',
      't.team_id as ticket_team_id',
      't.confidential as ticket_confidential',
      't.merged_into_id as ticket_merged_into_id',
    ]);
}

/** One ticket's callbacks, for its page (whose reader was already checked). */
export async function callbacksOf(db: Db, ticketId: string) {
  return callbackRows(db).where('c.ticket_id', '=', ticketId).orderBy('c.scheduled_for').execute();
}

/** Callbacks by scheduled time (only those not made yet with `due`), of tickets the viewer may read. */
export async function callbackList(db: Db, viewer: Viewer, query: { due: boolean; limit: number }) {
  let q = callbackRows(db).where(visibleTo(viewer));
  if (query.due) q = q.where('c.done_at', 'is', null);
  return q.orderBy('c.scheduled_for').limit(query.limit).execute();
}

export async function attachmentsOf(db: Db, ticketId: string) {
  return db.selectFrom('ticket_attachments').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').execute();
}

export async function notificationsOf(db: Db, ticketId: string) {
  return db
    .selectFrom('notifications as n')
    .innerJoin('shipment_exceptions as e', 'e.id', 'n.exception_id')
    .select(['n.id', 'n.channel', 'n.recipient', 'n.body', 'n.status', 'n.created_at', 'n.sent_at'])
    .where('e.ticket_id', '=', ticketId)
    .orderBy('n.created_at')
    .execute();
}

/** Earlier tickets and contacts about the same waybills or the same customer phone. */
export async function relatedTo(db: Db, viewer: Viewer, ticket: { id: string; customer_phone: string | null }, waybillNos: string[]) {
  const matches: Expression<SqlBool>[] = [];
  if (waybillNos.length) matches.push(sql<SqlBool>`t.id in (select w.ticket_id from ticket_waybills w where w.waybill_no = any(${waybillNos}::text[]))`);
  if (ticket.customer_phone) matches.push(sql<SqlBool>`t.customer_phone = ${ticket.customer_phone}`);
  const tickets = matches.length
    ? ((await summaries(db)
        .where(({ or }) => or(matches))
        .where('t.id', '!=', ticket.id)
        .where(visibleTo(viewer))
        .orderBy('t.created_at', 'desc')
        .limit(20)
        .execute()) as SummaryRow[])
    : [];
  const contactMatches: Expression<SqlBool>[] = [];
  if (waybillNos.length) contactMatches.push(sql<SqlBool>`c.waybill_nos && ${waybillNos}::text[]`);
  if (ticket.customer_phone) contactMatches.push(sql<SqlBool>`c.customer_phone = ${ticket.customer_phone}`);
  contactMatches.push(sql<SqlBool>`c.ticket_id = ${ticket.id}`);
  const contacts = await db
    .selectFrom('contacts as c')
    .leftJoin('users as u', 'u.id', 'c.agent_id')
    .leftJoin('tickets as t', 't.id', 'c.ticket_id')
    .selectAll('c')
    .select(['u.display_name as agent_name', sql<string | null>`t.number::text`.as('ticket_number')])
    .where(({ or }) => or(contactMatches))
    // A contact that opened or joined another ticket carries what the customer said and that
    // ticket's number: shown only to whoever may read that ticket.
    .where(sql<SqlBool>`(c.ticket_id is null or c.ticket_id = ${ticket.id} or ${visibleTo(viewer)})`)
    .orderBy('c.created_at', 'desc')
    .limit(20)
    .execute();
  return { tickets, contacts };
}

/** The advisory-lock class of a waybill's cases: the exception job and every follow-up take it (any constant unique to it). */
const WAYBILL_CASES_LOCK = 14_101;

/**
 * Locks the waybills' cases for this transaction (advisory locks, in waybill order, so two takers
 * never wait for each other in a cycle): whoever looks for a waybill's open case next sees the
 * ticket this transaction opens or joins.
 */
export async function lockWaybillCases(trx: Transaction<DB>, waybillNos: readonly string[]): Promise<void> {
  if (waybillNos.length === 0) return;
  const sorted = [...new Set(waybillNos)].sort();
  await sql`select pg_advisory_xact_lock(${WAYBILL_CASES_LOCK}, hashtext(w)) from unnest(${sorted}::text[]) as w`.execute(trx);
}

/**
 * The cases a new contact may concern (use-cases/follow-up.ts): tickets not closed about one of
 * these waybills or, when it names none, of this phone; oldest first. A person sees only what they
 * may read (`visibleTo`); the customer's own contact is matched against every case (`viewer` null).
 */
export async function casesAbout(db: Db, about: { waybillNos: string[]; phone: string | null }, viewer: Viewer | null) {
  if (about.waybillNos.length === 0 && !about.phone) return [];
  const match =
    about.waybillNos.length > 0
      ? sql<SqlBool>`t.id in (select w.ticket_id from ticket_waybills w where w.waybill_no = any(${about.waybillNos}::text[]))`
      : sql<SqlBool>`t.customer_phone = ${about.phone}`;
  return summaries(db)
    .select(['t.merged_into_id'])
    .where(match)
    .where('t.status', '!=', 'closed')
    .where('t.merged_into_id', 'is', null)
    .where(viewer ? visibleTo(viewer) : sql<SqlBool>`true`)
    .orderBy('t.created_at')
    .orderBy('t.number')
    .limit(20)
    .execute();
}

/** A follow-up arrived for the ticket's owner (or its queue): the workstation marks it until the owner opens it. */
export async function markFollowUp(trx: Transaction<DB>, ticketId: string, at: Date): Promise<void> {
  await trx.updateTable('tickets').set({ follow_up_at: at }).where('id', '=', ticketId).execute();
}

/** The owner opened the ticket: nothing new for them any more. */
export async function clearFollowUp(db: Db, ticketId: string, ownerId: string): Promise<void> {
  await db.updateTable('tickets').set({ follow_up_at: null }).where('id', '=', ticketId).where('owner_id', '=', ownerId).where('follow_up_at', 'is not', null).execute();
}

export async function boardCounts(db: Db, now: Date) {
  const row = await sql<{ open: string; unassigned: string; breached: string; pending_department: string }>`
    select count(*) as open,
           count(*) filter (where owner_id is null) as unassigned,
           count(*) filter (where due_at < ${now}) as breached,
           count(*) filter (where status = 'pending_department') as pending_department
    from tickets t where t.status in ${OPEN}`.execute(db);
  const atRisk = await sql<{ n: string }>`
    select count(*) as n from ticket_clocks c
    where c.warned_at is not null and c.breached_at is null and c.stopped_at is null and c.due_at >= ${now}`.execute(db);
  // Callbacks not made yet, as /callbacks lists them, and those of them whose time has come.
  const callbacks = await sql<{ pending: string; due: string }>`
    select count(*) as pending, count(*) filter (where scheduled_for <= ${now}) as due
    from ticket_callbacks where done_at is null`.execute(db);
  const byTeam = await sql<{ team_id: string | null; team_name: string | null; open: string; breached: string }>`
    select t.team_id, d.name as team_name, count(*) as open, count(*) filter (where t.due_at < ${now}) as breached
    from tickets t left join departments d on d.id = t.team_id
    where t.status in ${OPEN} group by t.team_id, d.name order by count(*) desc limit 50`.execute(db);
  const r = row.rows[0]!;
  return {
    counts: {
      open: Number(r.open),
      unassigned: Number(r.unassigned),
      breached: Number(r.breached),
      atRisk: Number(atRisk.rows[0]!.n),
      pendingDepartment: Number(r.pending_department),
      callbacksPending: Number(callbacks.rows[0]!.pending),
      callbacksDue: Number(callbacks.rows[0]!.due),
    },
    byTeam: byTeam.rows.map((b) => ({ teamId: b.team_id, teamName: b.team_name, open: Number(b.open), breached: Number(b.breached) })),
  };
}

export async function dutyRoster(db: Db, departmentId: string | null) {
  let q = db
    .selectFrom('users as u')
    .leftJoin('agent_duty as a', 'a.user_id', 'u.id')
    .select([
      'u.id',
      'u.display_name',
      'u.department_id',
      sql<boolean>`coalesce(a.on_duty, false)`.as('on_duty'),
      sql<number>`coalesce(a.capacity, ${DEFAULT_CAPACITY})`.as('capacity'),
      sql<string>`(select count(*) from tickets t where t.owner_id = u.id and t.status in ${OPEN})`.as('open_tickets'),
    ])
    .where('u.active', '=', true)
    .where('u.role', 'in', ['agent', 'supervisor', 'account_manager']);
  if (departmentId) q = q.where('u.department_id', '=', departmentId);
  return q.orderBy('u.display_name').execute();
}

/**
 * Least-loaded routing: among the team's agents on duty with room under their capacity, the one
 * with the fewest open tickets; ties go to whoever was given work longest ago (round-robin).
 */
export async function pickAssignee(trx: Transaction<DB>, teamId: string): Promise<{ id: string; display_name: string } | undefined> {
  const rows = await sql<{ id: string; display_name: string }>`
    select u.id, u.display_name from agent_duty a
    join users u on u.id = a.user_id
    cross join lateral (select count(*) as load from tickets t where t.owner_id = u.id and t.status in ${OPEN}) l
    where a.on_duty and u.active and u.department_id = ${teamId} and u.role = 'agent' and l.load < a.capacity
    order by l.load::float / greatest(a.capacity, 1), a.last_assigned_at asc nulls first, u.id
    limit 1
    for update of a skip locked`.execute(trx);
  return rows.rows[0];
}

// --- The writes of the ticket commands (modules/tickets/use-cases). Rows only, no rules. ---------

export interface NewEvent {
  /** when it happened, if not now (a job's run instant) */
  at?: Date | undefined;
  kind: string;
  visibility?: 'public' | 'internal';
  from?: string | null;
  to?: string | null;
  body?: string | null;
  detail?: Record<string, unknown>;
}

/** One timeline entry; the timeline is append-only (a trigger refuses anything else). */
export async function insertTicketEvent(trx: Transaction<DB>, ticketId: string, actor: { id: string | null; name: string }, event: NewEvent): Promise<void> {
  await trx.insertInto('ticket_events').values(ticketEventRow(ticketId, actor, event)).execute();
}

/** The row of one timeline entry, for a command that writes it within a statement of its own (claims/use-cases/open.ts). */
export function ticketEventRow(ticketId: string, actor: { id: string | null; name: string }, event: NewEvent): Insertable<TicketEventTable> {
  return {
    ticket_id: ticketId,
    ...(event.at ? { at: event.at } : {}),
    actor_id: actor.id,
    actor_name: actor.name,
    kind: event.kind,
    visibility: event.visibility ?? 'internal',
    from_value: event.from ?? null,
    to_value: event.to ?? null,
    body: event.body ?? null,
    detail: JSON.stringify(event.detail ?? {}),
  };
}

export type TicketPatch = Omit<Updateable<TicketTable>, 'id' | 'version' | 'search'>;

/** Changes the ticket's columns without counting a new version (a step of a command). */
export async function updateTicket(trx: Transaction<DB>, id: string, patch: TicketPatch): Promise<void> {
  await trx.updateTable('tickets').set(patch).where('id', '=', id).execute();
}

/**
 * The end of a command: the ticket's new version (what the next command must name), with the last
 * changes; `words` are added to what search finds it by.
 */
export async function touchTicket(trx: Transaction<DB>, id: string, patch: TicketPatch = {}, words?: string): Promise<number> {
  const row = await trx
    .updateTable('tickets')
    .set({
      ...patch,
      ...(words !== undefined ? { search: sql`search || to_tsvector('simple', ${words})` } : {}),
      version: sql`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export async function activeCodeExists(db: Db, code: string, kind: 'category' | 'cause'): Promise<boolean> {
  const row = await db.selectFrom('ticket_codes').select('code').where('code', '=', code).where('kind', '=', kind).where('active', '=', true).executeTakeFirst();
  return row !== undefined;
}

export interface TicketInsert {
  kind: string;
  status: 'new' | 'open';
  priority: string;
  subject: string;
  description: string;
  channel: string;
  categoryCode: string | null;
  customerName: string | null;
  customerPhone: string | null;
  teamId: string | null;
  ownerId: string | null;
  confidential: boolean;
  firstResponseAt: Date | null;
  createdBy: string | null;
  searchWords: string;
  waybillNos: string[];
  /** the waybill the exception job opened it for (one open such ticket per waybill) */
  exceptionWaybillNo: string | null;
  at: Date;
  policyVersion: number;
  /** the earliest due instant per customer tier */
  dueByTier: { tier: string; dueAt: Date | null }[];
  /** the clocks for every tier; the statement keeps those of the customer's tier */
  clocks: { tier: string; kind: string; basis: string; target_minutes: number; due_at: Date | null; next_check_at: Date | null }[];
  events: { kind: string; to: string | null; body: string | null; detail: Record<string, unknown> }[];
  actor: { id: string | null; name: string };
  contact?: { question: string; answer: string; agentId: string | null } | undefined;
}

/**
 * A ticket with its customer (found by its phone or a contact's, or inserted; the phone is unique, so two creations at
 * once for one new phone insert it once and the second takes that row), waybills, first timeline
 * entries, clocks and the contact that opened it — one statement, atomic on its own. The clocks
 * depend on the customer's tier, which only the database knows: they come for every tier and the
 * statement keeps the ones of the tier it finds.
 */
export async function insertTicketWithCustomer(db: Db, t: TicketInsert): Promise<{ id: string; number: string; version: number }> {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const at = t.at.toISOString();
  const row = await sql<{ id: string; number: string; version: number }>`
    with found as (
      -- the customer of the phone (a record merged into another leads to the survivor), else the
      -- customer one of whose contacts has it (customers module: a company's shipping clerk calls)
      (select s.id, s.tier from customers c join customers s on s.id = coalesce(c.merged_into_id, c.id)
       where c.phone = ${t.customerPhone}::text limit 1)
      union all
      (select s.id, s.tier from customer_contacts k join customers s on s.id = k.customer_id
       where k.phones @> array[${t.customerPhone}::text] and s.merged_into_id is null
       order by k.created_at limit 1)
      limit 1
    ), new_customer as (
      insert into customers (name, phone)
      select ${t.customerName ?? t.customerPhone?.slice(-4) ?? ''}, ${t.customerPhone}::text
      where ${t.customerPhone}::text is not null and not exists (select 1 from found)
      on conflict (phone) do update set phone = excluded.phone
      returning id, tier
    ), customer as (
      select id, tier from found union all select id, tier from new_customer
    ), ticket as (
      insert into tickets (kind, status, priority, subject, description, channel, category_code, customer_id,
        customer_name, customer_phone, customer_tier, team_id, owner_id, confidential, first_response_at,
        created_by, search, due_at, created_at, updated_at, exception_waybill_no)
      select ${t.kind}, ${t.status}, ${t.priority}, ${t.subject}, ${t.description},
        ${t.channel}, ${t.categoryCode}, c.id, ${t.customerName}, ${t.customerPhone}, tier.tier,
        ${t.teamId}::uuid, ${t.ownerId}::uuid, ${t.confidential},
        ${iso(t.firstResponseAt)}::timestamptz, ${t.createdBy}::uuid,
        to_tsvector('simple', ${t.searchWords}),
        (select d from unnest(${t.dueByTier.map((d) => d.tier)}::text[], ${t.dueByTier.map((d) => iso(d.dueAt))}::timestamptz[]) as x(t, d) where x.t = tier.tier),
        ${at}::timestamptz, ${at}::timestamptz, ${t.exceptionWaybillNo}::text
      from (select coalesce((select tier from customer limit 1), 'standard') as tier) tier
      left join (select id from customer limit 1) c on true
      returning id, number, version, customer_tier
    ), waybills as (
      insert into ticket_waybills (ticket_id, waybill_no)
      select ticket.id, w from ticket, unnest(${t.waybillNos}::text[]) w
    ), events as (
      insert into ticket_events (ticket_id, at, actor_id, actor_name, kind, visibility, to_value, body, detail)
      select ticket.id, ${at}::timestamptz, ${t.actor.id}::uuid, ${t.actor.name}, e.kind, 'public', e.to_value, e.body, e.detail
      from ticket, unnest(${t.events.map((e) => e.kind)}::text[], ${t.events.map((e) => e.to)}::text[],
        ${t.events.map((e) => e.body)}::text[], ${t.events.map((e) => JSON.stringify(e.detail))}::jsonb[])
        with ordinality as e(kind, to_value, body, detail, n)
      order by e.n
    ), clocks as (
      insert into ticket_clocks (ticket_id, kind, basis, target_minutes, started_at, used_minutes, running_since, due_at,
        next_check_at, policy_version)
      select ticket.id, c.kind, c.basis, c.target_minutes, ${at}::timestamptz, 0, ${at}::timestamptz, c.due_at,
        c.next_check_at, ${t.policyVersion}
      from ticket, unnest(${t.clocks.map((c) => c.tier)}::text[], ${t.clocks.map((c) => c.kind)}::text[],
        ${t.clocks.map((c) => c.basis)}::text[], ${t.clocks.map((c) => c.target_minutes)}::int[],
        ${t.clocks.map((c) => iso(c.due_at))}::timestamptz[], ${t.clocks.map((c) => iso(c.next_check_at))}::timestamptz[])
        as c(tier, kind, basis, target_minutes, due_at, next_check_at)
      where c.tier = ticket.customer_tier
    ), contact as (
      insert into contacts (channel, customer_name, customer_phone, waybill_nos, question, answer, agent_id, ticket_id, created_at)
      select ${t.channel}, ${t.customerName}, ${t.customerPhone}, ${t.waybillNos}::text[],
        ${t.contact?.question ?? ''}, ${t.contact?.answer ?? ''}, ${t.contact?.agentId ?? null}::uuid, ticket.id, ${at}::timestamptz
      from ticket where ${t.contact !== undefined}
    )
    select id, number::text as number, version from ticket`.execute(db);
  return row.rows[0]!;
}

export async function insertContact(
  trx: Transaction<DB>,
  contact: { channel: string; customerName: string | null; customerPhone: string | null; waybillNos: string[]; question: string; answer: string; agentId: string | null; ticketId: string | null; at: Date },
): Promise<{ id: string }> {
  return trx
    .insertInto('contacts')
    .values({
      channel: contact.channel,
      customer_name: contact.customerName,
      customer_phone: contact.customerPhone,
      waybill_nos: contact.waybillNos,
      question: contact.question,
      answer: contact.answer,
      agent_id: contact.agentId,
      ticket_id: contact.ticketId,
      created_at: contact.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/**
 * Whether every timeline entry of the ticket after `seenEventId` (one of its own) is of the given
 * kinds.
 */
export async function onlyKindsSince(trx: Transaction<DB>, ticketId: string, seenEventId: string, kinds: readonly string[]): Promise<boolean> {
  const [seen, other] = await Promise.all([
    trx.selectFrom('ticket_events').select('id').where('ticket_id', '=', ticketId).where('id', '=', seenEventId).executeTakeFirst(),
    trx
      .selectFrom('ticket_events')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .where('id', '>', seenEventId)
      .where('kind', 'not in', [...kinds])
      .limit(1)
      .executeTakeFirst(),
  ]);
  return seen !== undefined && other === undefined;
}

/** Has the ticket a public reply since it was last reopened (or ever, if never reopened)? */
export async function publicReplySinceReopened(trx: Transaction<DB>, ticketId: string): Promise<boolean> {
  const lastReopened = trx.selectFrom('ticket_events').select((eb) => eb.fn.max('id').as('id')).where('ticket_id', '=', ticketId).where('kind', '=', 'reopened');
  const answer = await trx
    .selectFrom('ticket_events')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .where('kind', '=', 'reply')
    .where('visibility', '=', 'public')
    .where((eb) => eb.or([eb(lastReopened, 'is', null), eb('id', '>', lastReopened)]))
    .limit(1)
    .executeTakeFirst();
  return answer !== undefined;
}

export async function userById(db: Db, id: string) {
  return db.selectFrom('users').select(['id', 'display_name', 'department_id', 'role', 'active']).where('id', '=', id).executeTakeFirst();
}

export async function departmentById(db: Db, id: string) {
  return db.selectFrom('departments').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/**
 * A person's load for a move to them: their duty row locked (so moves to them at once count each
 * other), their capacity (the roster's default without one) and their open tickets.
 */
export async function lockAgentLoad(trx: Transaction<DB>, userId: string): Promise<{ open: number; capacity: number }> {
  const duty = await trx.selectFrom('agent_duty').select('capacity').where('user_id', '=', userId).forUpdate().executeTakeFirst();
  const open = await sql<{ n: string }>`select count(*) as n from tickets t where t.owner_id = ${userId} and t.status in ${OPEN}`.execute(trx);
  return { open: Number(open.rows[0]!.n), capacity: duty?.capacity ?? DEFAULT_CAPACITY };
}

/** An agent's capacity when they never set one (the duty roster shows the same). */
const DEFAULT_CAPACITY = 30;

/** The agent picked by routing was given a ticket now (round-robin on ties). */
export async function markAssigned(trx: Transaction<DB>, userId: string, at: Date): Promise<void> {
  await trx.updateTable('agent_duty').set({ last_assigned_at: at }).where('user_id', '=', userId).execute();
}

export async function upsertDuty(db: Db, userId: string, duty: { onDuty: boolean; capacity?: number | undefined }): Promise<void> {
  const capacity = duty.capacity !== undefined ? { capacity: duty.capacity } : {};
  await db
    .insertInto('agent_duty')
    .values({ user_id: userId, on_duty: duty.onDuty, ...capacity })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ on_duty: duty.onDuty, ...capacity, updated_at: new Date() }))
    .execute();
}

export async function insertDepartmentRequest(
  trx: Transaction<DB>,
  request: { ticketId: string; departmentId: string; question: string; askedBy: string; askedAt: Date; dueAt: Date },
): Promise<void> {
  await trx
    .insertInto('ticket_department_requests')
    .values({
      ticket_id: request.ticketId,
      department_id: request.departmentId,
      question: request.question,
      asked_by: request.askedBy,
      asked_at: request.askedAt,
      due_at: request.dueAt,
    })
    .execute();
}

export async function answerDepartmentRequestRow(trx: Transaction<DB>, requestId: string, answer: { reply: string; by: string; at: Date }): Promise<void> {
  await trx.updateTable('ticket_department_requests').set({ reply: answer.reply, replied_by: answer.by, replied_at: answer.at }).where('id', '=', requestId).execute();
}

export async function hasUnansweredRequests(trx: Transaction<DB>, ticketId: string): Promise<boolean> {
  const row = await trx.selectFrom('ticket_department_requests').select('id').where('ticket_id', '=', ticketId).where('replied_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/** Settles the ticket's callbacks not made yet as cancelled; their ids. */
export async function cancelPendingCallbacks(trx: Transaction<DB>, ticketId: string, by: string | null, reason: string, at: Date): Promise<string[]> {
  const rows = await trx
    .updateTable('ticket_callbacks')
    .set({ outcome: 'cancelled', note: reason, done_at: at, done_by: by })
    .where('ticket_id', '=', ticketId)
    .where('done_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function hasPendingCallback(trx: Transaction<DB>, ticketId: string): Promise<boolean> {
  const row = await trx.selectFrom('ticket_callbacks').select('id').where('ticket_id', '=', ticketId).where('done_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

export async function insertCallback(trx: Transaction<DB>, callback: { ticketId: string; scheduledFor: Date; assigneeId: string | null }): Promise<void> {
  await trx.insertInto('ticket_callbacks').values({ ticket_id: callback.ticketId, scheduled_for: callback.scheduledFor, assignee_id: callback.assigneeId }).execute();
}

/** The ticket's latest callback: the one for the resolution that stands. */
export async function latestCallback(trx: Transaction<DB>, ticketId: string) {
  return trx
    .selectFrom('ticket_callbacks')
    .select(['done_at', 'outcome'])
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at', 'desc')
    .orderBy('scheduled_for', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function updateCallback(trx: Transaction<DB>, callbackId: string, patch: Omit<Updateable<TicketCallbackTable>, 'id' | 'ticket_id'>): Promise<void> {
  await trx.updateTable('ticket_callbacks').set(patch).where('id', '=', callbackId).execute();
}

/** The waybills of one ticket are linked to another too (merge). */
export async function copyWaybills(trx: Transaction<DB>, fromTicketId: string, toTicketId: string): Promise<void> {
  await sql`
    insert into ticket_waybills (ticket_id, waybill_no)
    select ${toTicketId}, waybill_no from ticket_waybills where ticket_id = ${fromTicketId}
    on conflict do nothing`.execute(trx);
}

export async function replaceWaybills(trx: Transaction<DB>, ticketId: string, waybillNos: readonly string[]): Promise<void> {
  await trx.deleteFrom('ticket_waybills').where('ticket_id', '=', ticketId).execute();
  if (waybillNos.length) await trx.insertInto('ticket_waybills').values(waybillNos.map((w) => ({ ticket_id: ticketId, waybill_no: w }))).execute();
}

// --- Customer self-service (use-cases/self-service.ts) ------------------------------------------

export async function departmentIdByCode(db: Db, code: string): Promise<string | undefined> {
  return (await db.selectFrom('departments').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

export async function firstServiceTeamId(db: Db): Promise<string | undefined> {
  return (await db.selectFrom('departments').select('id').where('kind', '=', 'service').orderBy('code').executeTakeFirst())?.id;
}

/** A waybill's parties, for the phone check. */
export async function shipmentParties(db: Db, waybillNo: string) {
  return db.selectFrom('shipments').select(['sender_name', 'sender_phone', 'recipient_name', 'recipient_phone']).where('waybill_no', '=', waybillNo).executeTakeFirst();
}

/** Secret links to tickets; only the SHA-256 of each token is stored. */
export async function insertTicketLinks(db: Db, links: { ticketId: string; tokenHash: string }[]): Promise<void> {
  if (links.length === 0) return;
  await db
    .insertInto('ticket_links')
    .values(links.map((l) => ({ ticket_id: l.ticketId, token_hash: l.tokenHash })))
    .execute();
}

/** The tickets about a waybill opened for one of these phones, newest first (merged ones left out). */
export async function customerTickets(db: Db, waybillNo: string, phones: string[], limit: number) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('ticket_waybills as w', 'w.ticket_id', 't.id')
    .select(['t.id', sql<string>`t.number::text`.as('number'), 't.kind', 't.status', 't.subject', 't.created_at'])
    .select((eb) => [
      // Who opened it: the actor of its first entry (presenter.ts publicAuthorOf).
      eb.selectFrom('ticket_events as e').select('e.actor_id').whereRef('e.ticket_id', '=', 't.id').where('e.kind', '=', 'created').orderBy('e.id').limit(1).as('opened_by_id'),
      eb.selectFrom('ticket_events as e').select('e.actor_name').whereRef('e.ticket_id', '=', 't.id').where('e.kind', '=', 'created').orderBy('e.id').limit(1).as('opened_by_name'),
    ])
    .where('w.waybill_no', '=', waybillNo)
    .where('t.customer_phone', 'in', phones)
    .where('t.merged_into_id', 'is', null)
    .orderBy('t.created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function ticketByLinkHash(db: Db, tokenHash: string) {
  return db.selectFrom('ticket_links as l').innerJoin('tickets as t', 't.id', 'l.ticket_id').selectAll('t').where('l.token_hash', '=', tokenHash).executeTakeFirst();
}

/** The conversation the customer sees: public entries that carry a message, with the role (never the name) of staff authors. */
export async function publicConversationOf(db: Db, ticketId: string) {
  return db
    .selectFrom('ticket_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.at', 'e.kind', 'e.actor_id', 'e.actor_name', 'u.role as actor_role', 'e.body', 'e.detail'])
    .where('e.ticket_id', '=', ticketId)
    .where('e.visibility', '=', 'public')
    .where('e.kind', 'in', ['created', 'reply', 'customer_reply'])
    .orderBy('e.id')
    .execute();
}

/** The first exception linked to a ticket (the one the exception job opened it for), if any. */
export async function openingExceptionOf(db: Db, ticketId: string) {
  return db
    .selectFrom('shipment_exceptions')
    .select(['kind', 'site'])
    .where('ticket_id', '=', ticketId)
    .orderBy('raised_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** The files the customer sent through the ticket's link, oldest first; staff uploads stay inside. */
export async function customerUploadsOf(db: Db, ticketId: string) {
  return db
    .selectFrom('ticket_attachments')
    .select(['file_name', 'created_at'])
    .where('ticket_id', '=', ticketId)
    .where('uploaded_by_customer', '=', true)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** A blocked reply held for a supervisor's release (domain/phrases/release.ts). */
export interface ReleaseRequestRow {
  id: string;
  ticket_id: string;
  ticket_number: string;
  ticket_subject: string;
  ticket_status: string;
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  body: string;
  phrases: { phrase: string; category: string; excerpt: string }[];
  note: string | null;
  status: 'pending' | 'approved' | 'declined';
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decline_reason: string | null;
}

function releaseRequests(db: Db) {
  return db
    .selectFrom('phrase_release_requests as r')
    .innerJoin('tickets as t', 't.id', 'r.ticket_id')
    .innerJoin('users as u', 'u.id', 'r.requested_by')
    .leftJoin('users as d', 'd.id', 'r.decided_by')
    .select([
      'r.id',
      'r.ticket_id',
      sql<string>`t.number::text`.as('ticket_number'),
      't.subject as ticket_subject',
      't.status as ticket_status',
      'r.requested_by',
      'u.display_name as requested_by_name',
      'r.requested_at',
      'r.body',
      'r.phrases',
      'r.note',
      'r.status',
      'r.decided_by',
      'd.display_name as decided_by_name',
      'r.decided_at',
      'r.decline_reason',
    ]);
}

export async function insertReleaseRequest(
  trx: Transaction<DB>,
  request: { ticketId: string; requestedBy: string; body: string; phrases: { phrase: string; category: string; excerpt: string }[]; note: string | null; at: Date },
): Promise<{ id: string }> {
  return trx
    .insertInto('phrase_release_requests')
    .values({
      ticket_id: request.ticketId,
      requested_by: request.requestedBy,
      requested_at: request.at,
      body: request.body,
      phrases: JSON.stringify(request.phrases),
      note: request.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The ticket's request still waiting, if any (one at a time: a unique partial index). */
export async function waitingReleaseOf(trx: Transaction<DB>, ticketId: string): Promise<{ id: string } | undefined> {
  return trx.selectFrom('phrase_release_requests').select('id').where('ticket_id', '=', ticketId).where('status', '=', 'pending').executeTakeFirst();
}

/** The ticket a release request belongs to (never changes), read before the ticket is locked. */
export async function releaseRequestTicketId(db: Db, requestId: string): Promise<string | undefined> {
  return (await db.selectFrom('phrase_release_requests').select('ticket_id').where('id', '=', requestId).executeTakeFirst())?.ticket_id;
}

/** Lock order: only after its ticket. */
export async function lockReleaseRequest(trx: Transaction<DB>, requestId: string) {
  return trx.selectFrom('phrase_release_requests').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirst();
}

export async function decideReleaseRequest(
  trx: Transaction<DB>,
  requestId: string,
  decision: { status: 'approved' | 'declined'; decidedBy: string; at: Date; reason: string | null },
): Promise<void> {
  await trx
    .updateTable('phrase_release_requests')
    .set({ status: decision.status, decided_by: decision.decidedBy, decided_at: decision.at, decline_reason: decision.reason })
    .where('id', '=', requestId)
    .execute();
}

/** A ticket's release requests, newest first, for its page. */
export async function releaseRequestsOf(db: Db, ticketId: string): Promise<ReleaseRequestRow[]> {
  return (await releaseRequests(db).where('r.ticket_id', '=', ticketId).orderBy('r.requested_at', 'desc').execute()) as ReleaseRequestRow[];
}

/**
 * Release requests of tickets the viewer reads: waiting ones oldest first (the order to decide
 * them in), decided ones newest first; `requestedBy` narrows to one person's own.
 */
export async function releaseRequestList(
  db: Db,
  viewer: Viewer,
  query: { status: 'pending' | 'approved' | 'declined' | 'all'; requestedBy: string | null; limit: number },
): Promise<ReleaseRequestRow[]> {
  let q = releaseRequests(db).where(visibleTo(viewer));
  if (query.status !== 'all') q = q.where('r.status', '=', query.status);
  if (query.requestedBy) q = q.where('r.requested_by', '=', query.requestedBy);
  q = query.status === 'pending' ? q.orderBy('r.requested_at', 'asc') : q.orderBy('r.requested_at', 'desc');
  return (await q.orderBy('r.id').limit(query.limit).execute()) as ReleaseRequestRow[];
}

/**
 * A customer's tickets, contact records and callbacks (the customer view, docs/product.md §5), newest
 * first, as far as the viewer may read the tickets they belong to (`visibleTo`). Tickets carry the
 * customer's id; a contact record is the customer's by its id or by one of the customer's phones.
 */
export async function customerHistory(db: Db, viewer: Viewer, customerId: string, phones: string[], limit: number) {
  const [tickets, contacts, callbacks] = await Promise.all([
    db
      .selectFrom('tickets as t')
      .select(['t.id', sql<string>`t.number::text`.as('number'), 't.kind', 't.status', 't.priority', 't.subject', 't.created_at'])
      .where('t.customer_id', '=', customerId)
      .where(visibleTo(viewer))
      .orderBy('t.created_at', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('contacts as c')
      .leftJoin('tickets as t', 't.id', 'c.ticket_id')
      .select(['c.id', 'c.channel', 'c.question', 'c.ticket_id', 'c.created_at'])
      // a contact is the customer's by its link or by one of the customer's phones
      .where((eb) => eb.or([eb('c.customer_id', '=', customerId), ...(phones.length ? [eb('c.customer_phone', 'in', phones)] : [])]))
      .where(sql<SqlBool>`(c.ticket_id is null or ${visibleTo(viewer)})`)
      .orderBy('c.created_at', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('ticket_callbacks as b')
      .innerJoin('tickets as t', 't.id', 'b.ticket_id')
      .select(['b.id', 'b.ticket_id', sql<string>`t.number::text`.as('number'), 'b.scheduled_for', 'b.outcome', 'b.done_at'])
      .where('t.customer_id', '=', customerId)
      .where(visibleTo(viewer))
      .orderBy('b.scheduled_for', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return { tickets, contacts, callbacks };
}
