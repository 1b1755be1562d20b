/**
 * Seed 002: every outgoing reply is checked against the forbidden phrases (domain/phrases/guard.ts).
 * The check runs inside the use case's transaction, after its access check and rules and before
 * its first write, and records the hits there (issue 14 §6):
 * - sent (warn mode, confirmed): the hits commit with the reply, or not at all if it fails;
 * - refused: the use case returns the refusal from its transaction, so the hits (its only write)
 *   commit for quality checks, and throws it after the commit.
 * The phrase list and mode are read before the transaction (`phraseGuardOf`): the reference cache
 * reads through the pool, which a transaction on PGlite's one connection would wait for.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { guardReply, type GuardMode, type GuardPhrase, type PhraseHit } from '../../domain/phrases/guard.js';
import type { UserActor } from './access.js';
import type { TicketDeps } from './deps.js';
import { insertPhraseHits } from './repository.js';

export interface PhraseGuard {
  phrases: readonly GuardPhrase[];
  mode: GuardMode;
}

export async function phraseGuardOf(deps: TicketDeps): Promise<PhraseGuard> {
  const [phrases, mode] = await Promise.all([deps.reference.forbidden(deps.db), deps.reference.guardMode(deps.db)]);
  return { phrases, mode };
}

/** What the guard says of a text: its hits, and the 422 to answer when it may not go. */
export interface Verdict {
  text: string;
  hits: PhraseHit[];
  refused: AppError | null;
}

export function checkOutgoing(guard: PhraseGuard, text: string, acknowledged: boolean): Verdict {
  const { hits } = guardReply(text, guard.phrases, guard.mode);
  const sent = hits.length === 0 || (guard.mode === 'warn' && acknowledged);
  if (sent) return { text, hits, refused: null };
  const phrases = [...new Set(hits.map((h) => `“${text.slice(h.start, h.end)}”`))].join('、');
  return { text, hits, refused: new AppError('PHRASE_FORBIDDEN', { phrases }, { hits, mode: guard.mode }) };
}

/** The hits, for quality checks, as blocked or sent. */
export async function recordHits(trx: Transaction<DB>, actor: UserActor, ticketId: string | null, verdict: Verdict): Promise<void> {
  if (verdict.hits.length === 0) return;
  const { text } = verdict;
  await insertPhraseHits(
    trx,
    verdict.hits.map((h) => ({
      ticket_id: ticketId,
      user_id: actor.id,
      phrase: h.phrase,
      category: h.category,
      excerpt: text.slice(Math.max(0, h.start - 20), h.end + 20),
      blocked: verdict.refused !== null,
    })),
  );
}

/** Check and record in one: for a text on an existing ticket. */
export async function guardOutgoing(
  trx: Transaction<DB>,
  guard: PhraseGuard,
  actor: UserActor,
  ticketId: string,
  text: string,
  acknowledged: boolean,
): Promise<Verdict> {
  const verdict = checkOutgoing(guard, text, acknowledged);
  await recordHits(trx, actor, ticketId, verdict);
  return verdict;
}
