/**
 * Customer self-service (docs/product.md §2, §5): after the phone check a customer opens a query or a
 * complaint about a waybill, follows it with a secret link, replies, and rates it once resolved.
 * The link's token is shown once; only its digest is stored.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { localTime } from '../../../domain/notifications/templates.js';
import { isOpen, type TicketStatus } from '../../../domain/tickets/lifecycle.js';
import { normalizeWaybillNo } from '../../../domain/waybill.js';
import type { PhoneCheckGuard } from '../../public-tracking/phone-check-guard.js';
import { checkPhone, digitsMatch } from '../../public-tracking/service.js';
import { refreshTicketDue } from '../clocks.js';
import type { TicketDeps } from '../deps.js';
import { CUSTOMER_ACTOR_NAME, presentPublicMessage, publicAuthorOf } from '../presenter.js';
import {
  customerTickets,
  customerUploadsOf,
  departmentIdByCode,
  firstServiceTeamId,
  insertContact,
  insertTicketLinks,
  lockTicket,
  openingExceptionOf,
  publicConversationOf,
  shipmentParties,
  ticketByLinkHash,
  touchTicket,
  waybillsOf,
} from '../repository.js';
import { loadSettings } from '../settings.js';
import { addEvent, SYSTEM } from '../timeline.js';
import { hashToken, newToken } from '../tokens.js';
import { indexWords } from '../words.js';
import { openBesideCase, openRoutedTicket } from './create.js';
import { findFollowUp, joinCase, linkToCase } from './follow-up.js';
import { reopenRow, setStatus } from './steps.js';

/** docs/product.md §5: a low rating must say why. */
export const LOW_RATING_THRESHOLD = 3;

/**
 * The customer as the author of timeline entries. The entry never holds their name: the ticket's
 * page names the customer masked, as every page does (presenter.ts presentTimeline, docs/product.md §5),
 * and an append-only timeline could not forget it.
 */
export const CUSTOMER = { id: null, name: CUSTOMER_ACTOR_NAME } as const;

/** The team that answers self-service contacts: the routing table's `_public` entry, else the first service team. */
async function selfServiceTeam(deps: TicketDeps): Promise<string | null> {
  const routing = await deps.reference.exceptionRouting(deps.db);
  const code = routing._public ?? 'CS-CALL';
  return (await departmentIdByCode(deps.db, code)) ?? (await firstServiceTeamId(deps.db)) ?? null;
}

/**
 * The company's time zone, as the console shows times (the business calendar's, docs/product.md §7):
 * the customer's pages show a ticket's times in it too, whatever zone their device is set to.
 */
async function companyTimeZone(deps: TicketDeps): Promise<string> {
  return (await deps.reference.calendar(deps.db)).timeZone;
}

/** A party of the parcel whose phone ends in the digits the customer gave (the recipient first). */
export interface VerifiedParty {
  side: 'sender' | 'recipient';
  name: string | null;
  phone: string | null;
}

/**
 * The phone check: the parties of the waybill whose phone ends in the digits given. Unknown
 * waybill and wrong digits fail alike, after the same comparisons (no enumeration). A waybill with
 * too many wrong guesses is refused as locked, not as wrong: it locks alike whether it exists or not.
 */
export async function verifiedParties(deps: TicketDeps, phoneChecks: PhoneCheckGuard, waybillNo: string, phoneLast4: string) {
  const shipment = await shipmentParties(deps.db, waybillNo);
  // One check against both phones (counted once), then which of them the digits end.
  const now = new Date();
  const check = await checkPhone(phoneChecks, waybillNo, phoneLast4, [shipment?.sender_phone ?? null, shipment?.recipient_phone ?? null], now);
  if (check.lockedUntil) {
    // Shown to a person: the company's wall clock (HH:mm, a lock lasts at most an hour), rounded up
    // to the minute so that "after 12:53" is not still locked at 12:53.
    const minute = 60_000;
    const until = localTime(new Date(Math.ceil(check.lockedUntil.getTime() / minute) * minute), await companyTimeZone(deps)).slice(11);
    throw new AppError('PHONE_CHECK_LOCKED', { until });
  }
  const sender = digitsMatch(phoneLast4, [shipment?.sender_phone ?? null]) && check.verified;
  const recipient = digitsMatch(phoneLast4, [shipment?.recipient_phone ?? null]) && check.verified;
  if (!shipment || (!sender && !recipient)) throw new AppError('PUBLIC_VERIFICATION_FAILED');
  const parties: VerifiedParty[] = [];
  if (recipient) parties.push({ side: 'recipient', name: shipment.recipient_name, phone: shipment.recipient_phone?.replace(/\D/g, '') ?? null });
  if (sender) parties.push({ side: 'sender', name: shipment.sender_name, phone: shipment.sender_phone?.replace(/\D/g, '') ?? null });
  return parties;
}

/**
 * The customer opens a query or complaint. When they already have a case about this waybill that is
 * not closed, their message joins it (use-cases/follow-up.ts, 首问负责制): it goes on the case's
 * conversation, the case is reopened or raised if need be, its owner is told, and the customer
 * follows that case — they are told so. A matter the case cannot take (an open claim beside a
 * query), or another customer's case about the same parcel, gets a new ticket for that case's owner.
 */
export async function openPublicTicket(
  deps: TicketDeps,
  phoneChecks: PhoneCheckGuard,
  input: { waybillNo: string; phoneLast4: string; kind: 'query' | 'complaint'; text: string; contactName?: string | undefined },
) {
  const waybillNo = normalizeWaybillNo(input.waybillNo);
  const party = (await verifiedParties(deps, phoneChecks, waybillNo, input.phoneLast4))[0]!;
  const s = await loadSettings(deps);
  const teamId = await selfServiceTeam(deps);
  const ticket = await inTransaction(deps.db, (trx) => openCustomerCase(trx, { s, teamId }, party, { ...input, waybillNo }, new Date()));
  // `joined`: the message went to the customer's case already open (its number), not a new ticket.
  return { number: ticket.number, token: ticket.token, joined: ticket.joined };
}

/** What opening a customer's case needs besides the transaction: the ticket settings and the self-service team. */
export async function customerCaseSettings(deps: TicketDeps) {
  return { s: await loadSettings(deps), teamId: await selfServiceTeam(deps) };
}

/**
 * The customer's contact about a waybill, in the caller's transaction (follow-up rule, 首问负责制):
 * it joins their case about the waybill that is not closed, or opens a ticket (linked beside a case
 * of another kind or another customer), gives it a fresh secret link and records the contact. A
 * claim (docs/product.md §3) comes this way too, so the claim's ticket is found as every contact's is.
 */
export async function openCustomerCase(
  trx: Transaction<DB>,
  { s, teamId }: Awaited<ReturnType<typeof customerCaseSettings>>,
  party: Pick<VerifiedParty, 'name' | 'phone'>,
  input: { waybillNo: string; kind: 'query' | 'complaint' | 'claim'; text: string; contactName?: string | undefined },
  now: Date,
): Promise<{ id: string; number: string; token: string; joined: boolean; customerTier: string | null }> {
  const waybillNo = input.waybillNo;
  const token = newToken();
  const name = input.contactName ?? party.name;
  const subject = `${SUBJECT_OF[input.kind]}：${waybillNo}`;
  const priority = input.kind === 'complaint' ? 'high' : 'normal';
  const { plan, cases } = await findFollowUp(trx, { kind: input.kind, confidential: false, waybillNos: [waybillNo], customerPhone: party.phone }, null);
  let joined: { id: string; number: string } | null = null;
  if (plan.action === 'join') {
    const row = (await lockTicket(trx, plan.caseId))!;
    await joinCase(
      trx,
      row,
      CUSTOMER,
      { kind: 'customer_reply', visibility: 'public', body: input.text, detail: { followUp: { kind: input.kind, channel: 'web' } } },
      { priority, takenBy: null },
      s,
      now,
    );
    joined = row;
  }
  const fields = {
    kind: input.kind,
    subject,
    description: input.text,
    channel: 'web' as const,
    priority: priority as 'high' | 'normal',
    waybillNos: [waybillNo],
    customerName: name,
    customerPhone: party.phone,
    teamId,
  };
  const kase = plan.action === 'link' ? cases.find((c) => c.id === plan.caseId)! : null;
  const target = joined ?? (kase ? await openBesideCase(trx, fields, kase, CUSTOMER, s, now) : await openRoutedTicket(trx, fields, CUSTOMER, s, now));
  if (kase && plan.action === 'link') await linkToCase(trx, kase, target, SYSTEM, plan.reason, now);
  await insertTicketLinks(trx, [{ ticketId: target.id, tokenHash: hashToken(token) }]);
  await insertContact(trx, {
    channel: 'web',
    customerName: name,
    customerPhone: party.phone,
    waybillNos: [waybillNo],
    question: input.text,
    answer: '',
    agentId: null,
    ticketId: target.id,
    at: now,
  });
  const tier = await trx.selectFrom('tickets').select('customer_tier').where('id', '=', target.id).executeTakeFirst();
  return { id: target.id, number: String(target.number), token, joined: joined !== null, customerTier: tier?.customer_tier ?? null };
}

const SUBJECT_OF = { query: '客户查询', complaint: '客户投诉', claim: '客户理赔申请' } as const;

/**
 * "My tickets": after the phone check, the tickets about this waybill opened for the verified
 * customer (including those the system opened for an exception), each with a fresh link.
 */
export async function lookupPublicTickets(deps: TicketDeps, phoneChecks: PhoneCheckGuard, input: { waybillNo: string; phoneLast4: string }) {
  const waybillNo = normalizeWaybillNo(input.waybillNo);
  const phones = (await verifiedParties(deps, phoneChecks, waybillNo, input.phoneLast4)).map((p) => p.phone).filter((p): p is string => Boolean(p));
  const timeZone = await companyTimeZone(deps);
  if (phones.length === 0) return { timeZone, tickets: [] };
  const rows = await customerTickets(deps.db, waybillNo, phones, 20);
  if (rows.length === 0) return { timeZone, tickets: [] };
  const links = rows.map((r) => ({ ticket_id: r.id, token: newToken() }));
  await insertTicketLinks(deps.db, links.map((l) => ({ ticketId: l.ticket_id, tokenHash: hashToken(l.token) })));
  return {
    timeZone,
    tickets: rows.map((r, i) => ({
      number: r.number,
      kind: r.kind,
      status: r.status,
      subject: r.subject,
      createdAt: r.created_at.toISOString(),
      openedBy: publicAuthorOf(r.opened_by_id ?? null, r.opened_by_name ?? ''),
      token: links[i]!.token,
    })),
  };
}

/** A fresh secret link to each of these tickets (only the digests are stored): the customer's way back to them. */
export async function issueTicketLinks(db: TicketDeps['db'], ticketIds: readonly string[]): Promise<Map<string, string>> {
  const links = [...new Set(ticketIds)].map((ticketId) => ({ ticketId, token: newToken() }));
  if (links.length) await insertTicketLinks(db, links.map((l) => ({ ticketId: l.ticketId, tokenHash: hashToken(l.token) })));
  return new Map(links.map((l) => [l.ticketId, l.token]));
}

export async function byToken(deps: TicketDeps, token: string) {
  const row = await ticketByLinkHash(deps.db, hashToken(token));
  if (!row) throw new AppError('TICKET_NOT_FOUND');
  return row;
}

/**
 * What the customer sees: the public conversation only, each message with who wrote it (they, our
 * staff by role, or the system), who opened the ticket, and the files they sent; never internal
 * notes, staff names or staff attachments.
 */
export async function publicTicket(deps: TicketDeps, token: string) {
  const row = await byToken(deps, token);
  const [events, waybills, uploads, timeZone, opening] = await Promise.all([
    publicConversationOf(deps.db, row.id),
    waybillsOf(deps.db, row.id),
    customerUploadsOf(deps.db, row.id),
    companyTimeZone(deps),
    openingExceptionOf(deps.db, row.id),
  ]);
  const status = row.status as TicketStatus;
  const opened = events.find((e) => e.kind === 'created');
  return {
    number: String(row.number),
    kind: row.kind,
    status,
    subject: row.subject,
    waybillNos: waybills,
    createdAt: row.created_at.toISOString(),
    openedBy: opened ? publicAuthorOf(opened.actor_id, opened.actor_name) : row.created_by ? ('staff' as const) : ('system' as const),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    timeZone,
    // What the system wrote (the exception it opened the ticket for) also as data, for the page to word in the reader's language.
    messages: events.flatMap((e) => (e.body ? [presentPublicMessage({ ...e, body: e.body }, opening ?? null)] : [])),
    attachments: uploads.map((u) => ({ fileName: u.file_name, at: u.created_at.toISOString() })),
    canReply: status !== 'closed',
    canRate: (status === 'resolved' || status === 'closed') && row.rating === null,
    rating: row.rating,
    ratingReason: row.rating_reason,
  };
}

/**
 * The customer answers: a ticket waiting for them opens again, a resolved one is reopened and its
 * callback not made yet is cancelled (resolving again schedules a new one).
 */
export async function publicReply(deps: TicketDeps, token: string, body: string) {
  const s = await loadSettings(deps);
  const now = new Date();
  const found = await byToken(deps, token);
  await inTransaction(deps.db, async (trx) => {
    const row = await lockTicket(trx, found.id);
    if (!row) throw new AppError('TICKET_NOT_FOUND');
    const status = row.status as TicketStatus;
    if (status === 'closed') throw new AppError('TICKET_TRANSITION_INVALID', { from: status });
    const who = CUSTOMER;
    await addEvent(trx, row.id, who, { kind: 'customer_reply', visibility: 'public', body });
    // Waiting for them: the clock resumes. Resolved: reopened as staff reopen it (the resolution clock
    // goes on, and nobody calls to confirm a resolution the customer just said does not stand).
    if (status === 'pending_customer') await setStatus(trx, row, 'open', who, s, now);
    else if (status === 'resolved') await reopenRow(trx, row, who, body, s, now);
    await touchTicket(
      trx,
      row.id,
      { status: isOpen(status) && status !== 'pending_customer' ? status : 'open', resolved_at: status === 'resolved' ? null : row.resolved_at },
      indexWords(body),
    );
    await refreshTicketDue(trx, row.id);
  });
}

/** CSAT after resolution (1–5), once; a low rating needs a reason (docs/product.md §5). */
export async function rateTicket(deps: TicketDeps, token: string, input: { rating: number; reason?: string | undefined }) {
  const reason = input.reason?.trim() ?? '';
  if (input.rating < LOW_RATING_THRESHOLD && reason.length < 2) {
    throw new AppError('RATING_REASON_REQUIRED', { threshold: LOW_RATING_THRESHOLD });
  }
  const found = await byToken(deps, token);
  const now = new Date();
  await inTransaction(deps.db, async (trx) => {
    const row = await lockTicket(trx, found.id);
    if (!row) throw new AppError('TICKET_NOT_FOUND');
    if (!['resolved', 'closed'].includes(row.status) || row.rating !== null) throw new AppError('RATING_NOT_ALLOWED');
    await touchTicket(trx, row.id, { rating: input.rating, rating_reason: reason || null, rated_at: now });
    await addEvent(trx, row.id, CUSTOMER, { kind: 'rating', to: String(input.rating), body: reason || null });
  });
}
