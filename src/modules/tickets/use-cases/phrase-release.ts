/**
 * A falsely blocked reply, released by a supervisor (docs/product.md §2, domain/phrases/release.ts).
 * The agent asks with the text the guard refused; it is held (not sent) with the phrases that
 * matched. A supervisor approves — the reply goes out as written, in the agent's name, exactly as
 * a reply would (first response, status) — or declines with a reason the agent reads on the
 * ticket. Each step is a staff-only entry on the ticket's timeline and stays on the request for
 * quality checks (质检). Access first, then the rules, then the writes, in one transaction.
 */
import { inTransaction } from '../../../db/transaction.js';
import { AppError } from '../../../domain/errors.js';
import { releaseRequestFor, ticketFor, type UserActor } from '../access.js';
import { refreshTicketDue } from '../clocks.js';
import type { TicketDeps } from '../deps.js';
import { checkOutgoing, phraseGuardOf } from '../phrase-guard.js';
import { decideReleaseRequest, insertReleaseRequest, touchTicket, userById, waitingReleaseOf } from '../repository.js';
import { loadSettings } from '../settings.js';
import { addEvent, who } from '../timeline.js';
import { setStatus, stopFirstResponse, takeIfUnowned } from './steps.js';

export interface ReleaseRequestInput {
  /** the reply as the agent wrote it, which the guard refused */
  body: string;
  /** why the agent believes it a false block */
  note?: string | undefined;
}

/**
 * Holds a blocked public reply for a supervisor's release. Only a text the guard blocks in block
 * mode can be held (otherwise it can be sent, or sent once confirmed in warn mode); one request
 * waits per ticket at a time. The caller must be one who may reply to the ticket.
 */
export async function requestRelease(deps: TicketDeps, actor: UserActor, ticketId: string, input: ReleaseRequestInput) {
  const guard = await phraseGuardOf(deps);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    await ticketFor(trx, actor, ticketId, 'reply');
    const verdict = checkOutgoing(guard, input.body, false);
    if (guard.mode !== 'block' || verdict.refused === null) throw new AppError('PHRASE_RELEASE_NOT_NEEDED');
    if (await waitingReleaseOf(trx, ticketId)) throw new AppError('PHRASE_RELEASE_PENDING');
    const phrases = verdict.hits.map((h) => ({ phrase: h.phrase, category: h.category, excerpt: input.body.slice(Math.max(0, h.start - 20), h.end + 20) }));
    const note = input.note?.trim() || null;
    const { id } = await insertReleaseRequest(trx, { ticketId, requestedBy: actor.id, body: input.body, phrases, note, at: now });
    await addEvent(trx, ticketId, who(actor), {
      kind: 'phrase_release_requested',
      visibility: 'internal',
      body: input.body,
      detail: { requestId: id, phrases: phrases.map((p) => p.phrase), ...(note ? { note } : {}) },
    });
    return { id, version: await touchTicket(trx, ticketId) };
  });
}

/**
 * A supervisor's decision on a held reply. Approve: the reply goes to the customer as written, in
 * its writer's name (who takes the ticket if nobody owns it, as any first reply does), with the
 * approval on the timeline before it. Decline: the reason, for the agent.
 */
export async function decideRelease(
  deps: TicketDeps,
  actor: UserActor,
  requestId: string,
  input: { decision: 'approve' } | { decision: 'decline'; reason: string },
) {
  const s = await loadSettings(deps);
  const now = new Date();
  return inTransaction(deps.db, async (trx) => {
    const { ticket, request, allowed } = await releaseRequestFor(trx, actor, requestId);
    const requester = await userById(trx, request.requested_by);
    const writer = { id: request.requested_by, displayName: requester?.display_name ?? '', departmentId: requester?.department_id ?? null };
    const phrases = request.phrases.map((p) => p.phrase);
    if (input.decision === 'decline') {
      const reason = input.reason.trim();
      await decideReleaseRequest(trx, requestId, { status: 'declined', decidedBy: actor.id, at: now, reason });
      await addEvent(trx, ticket.id, who(actor), {
        kind: 'phrase_release_declined',
        visibility: 'internal',
        body: reason,
        detail: { requestId, requestedBy: writer.displayName, phrases },
      });
      return { status: 'declined' as const, version: await touchTicket(trx, ticket.id) };
    }
    // The reply still has to be one the ticket takes (not closed or merged meanwhile).
    if (!allowed.has('reply')) throw new AppError('TICKET_TRANSITION_INVALID', { from: ticket.status });
    await decideReleaseRequest(trx, requestId, { status: 'approved', decidedBy: actor.id, at: now, reason: null });
    await addEvent(trx, ticket.id, who(actor), {
      kind: 'phrase_release_approved',
      visibility: 'internal',
      detail: { requestId, requestedBy: writer.displayName, phrases },
    });
    await takeIfUnowned(trx, ticket, writer);
    await addEvent(trx, ticket.id, who(writer), {
      kind: 'reply',
      visibility: 'public',
      body: request.body,
      detail: { releasedBy: actor.displayName, releaseRequestId: requestId, releasedPhrases: phrases },
    });
    await stopFirstResponse(trx, ticket, s, now);
    if (ticket.status === 'new') await setStatus(trx, ticket, 'open', who(actor), s, now);
    await refreshTicketDue(trx, ticket.id);
    return { status: 'approved' as const, version: await touchTicket(trx, ticket.id) };
  });
}
