/**
 * The claims' part of the supervisor's SLA board (docs/product.md §3, §7): the claim clocks that
 * breached (the reply, the payment, the statutory complaint ceiling) and those past their warning,
 * each with the claim's waybill and type, beside the tickets' on the board page. Only claims whose
 * ticket the caller reads (access.ts readableClaims).
 */
import { sql } from 'kysely';
import { presentClock, type UserActor } from '../../tickets/service.js';
import { readableClaims } from '../access.js';
import { boardClockQuery, clockSettings, type ClaimClockRow } from '../clocks.js';
import type { ClaimDeps } from '../deps.js';

const BOARD_LIST_MAX = 50;

export async function claimClockBoard(deps: ClaimDeps, actor: UserActor) {
  const now = new Date();
  const { calendar, warnRatio } = await clockSettings(deps);
  const list = (which: 'breached' | 'atRisk') => boardClockQuery(deps.db, now, which).where(readableClaims(actor)).limit(BOARD_LIST_MAX).execute();
  const count = (which: 'breached' | 'atRisk') =>
    boardClockQuery(deps.db, now, which)
      .where(readableClaims(actor))
      .clearSelect()
      .clearOrderBy()
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
  const [breached, atRisk, breachedCount, atRiskCount] = await Promise.all([list('breached'), list('atRisk'), count('breached'), count('atRisk')]);
  const present = (r: ClaimClockRow & { ticket_id: string; waybill_no: string; type: string; state: string }) => ({
    claimId: r.claim_id,
    waybillNo: r.waybill_no,
    ticketId: r.ticket_id,
    type: r.type,
    state: r.state,
    clock: presentClock(r, now, warnRatio, calendar),
  });
  return {
    breached: breached.map(present),
    atRisk: atRisk.map(present),
    counts: { breached: Number(breachedCount.n), atRisk: Number(atRiskCount.n) },
  };
}
