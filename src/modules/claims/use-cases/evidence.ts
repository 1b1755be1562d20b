/**
 * Evidence (docs/product.md §3): an upload of the claim's ticket attached to an item of the type's
 * checklist, reviewed (accepted, or rejected with a reason). When every required item is accepted
 * the claim's evidence is complete and the claim is proposed for a decision. Asking the customer for
 * more evidence moves the claim to awaiting evidence and tells them through the outbox.
 *
 * The claim's clocks follow (clocks.ts): asking pauses the answer and complaint-ceiling clocks,
 * complete evidence starts the answer clock and resumes what was paused.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { inTransaction } from '../../../db/transaction.js';
import { evidenceFileRefusal, evidenceStatus, moveClaim, type ClaimState, type ClaimType, type EvidenceItem, type EvidenceReview } from '../../../domain/claims/index.js';
import { AppError } from '../../../domain/errors.js';
import { addEvent, type UserActor } from '../../tickets/service.js';
import { claimFor } from '../access.js';
import { applyClaimClocks } from '../clocks.js';
import type { ClaimDeps } from '../deps.js';
import { tellClaimant } from '../notify.js';
import { claimsPolicyVersion } from '../policy.js';
import { fen, updateClaim, type ClaimRow } from '../repository.js';
import { who } from '../words.js';

const TAKES_EVIDENCE: readonly ClaimState[] = ['opened', 'awaiting_evidence', 'evidence_complete', 'proposed', 'disputed'];

export async function attachEvidence(deps: ClaimDeps, actor: UserActor, claimId: string, input: { item: EvidenceItem; attachmentId: string }) {
  return inTransaction(deps.db, async (trx) => {
    const claim = await claimFor(trx, actor, claimId, 'work');
    if (!TAKES_EVIDENCE.includes(claim.state as ClaimState)) throw new AppError('CLAIM_TRANSITION_INVALID');
    const policy = await claimsPolicyVersion(deps, claim.policy_version, trx);
    if (!policy.rules.evidence[claim.type as ClaimType].some((r) => r.item === input.item)) throw new AppError('EVIDENCE_ITEM_NOT_ON_CHECKLIST');
    const file = await trx.selectFrom('ticket_attachments').select(['id', 'media_type', 'file_name']).where('id', '=', input.attachmentId).where('ticket_id', '=', claim.ticket_id).executeTakeFirst();
    if (!file) throw new AppError('ATTACHMENT_NOT_FOUND');
    const refusal = evidenceFileRefusal(input.item, file.media_type);
    if (refusal) throw new AppError('EVIDENCE_FILE_TYPE_WRONG', { expected: refusal });
    const row = await trx
      .insertInto('claim_evidence')
      .values({ claim_id: claim.id, item: input.item, attachment_id: file.id, added_by: actor.id })
      .onConflict((oc) => oc.columns(['claim_id', 'attachment_id', 'item']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('CLAIM_EVIDENCE_REVIEWED');
    await addEvent(trx, claim.ticket_id, who(actor), { kind: 'claim_evidence', to: input.item, body: file.file_name, detail: { claimId: claim.id, evidenceId: row.id } });
    return { id: row.id, version: await updateClaim(trx, claim, {}) };
  });
}

export async function reviewEvidence(deps: ClaimDeps, actor: UserActor, claimId: string, evidenceId: string, input: { review: Exclude<EvidenceReview, 'pending'>; reason?: string }) {
  return inTransaction(deps.db, async (trx) => {
    const claim = await claimFor(trx, actor, claimId, 'work');
    const evidence = await trx.selectFrom('claim_evidence').selectAll().where('id', '=', evidenceId).where('claim_id', '=', claim.id).forUpdate().executeTakeFirst();
    if (!evidence) throw new AppError('CLAIM_EVIDENCE_NOT_FOUND');
    if (evidence.review !== 'pending') throw new AppError('CLAIM_EVIDENCE_REVIEWED');
    if (!TAKES_EVIDENCE.includes(claim.state as ClaimState)) throw new AppError('CLAIM_TRANSITION_INVALID');
    const reason = input.reason?.trim() || null;
    if (input.review === 'rejected' && !reason) throw new AppError('EVIDENCE_REVIEW_REASON_REQUIRED');
    await trx.updateTable('claim_evidence').set({ review: input.review, review_reason: reason, reviewed_by: actor.id, reviewed_at: new Date() }).where('id', '=', evidence.id).execute();
    await addEvent(trx, claim.ticket_id, who(actor), { kind: 'claim_evidence_review', from: evidence.item, to: input.review, body: reason, detail: { claimId: claim.id, evidenceId } });
    const state = await proposeWhenComplete(trx, deps, claim, actor);
    return { state, version: await updateClaim(trx, claim, { state }) };
  });
}

/** Opened or awaiting evidence and now complete: evidence complete, then proposed (the proposal was computed at opening). */
async function proposeWhenComplete(trx: Transaction<DB>, deps: ClaimDeps, claim: ClaimRow, actor: UserActor): Promise<ClaimState> {
  let state = claim.state as ClaimState;
  if (state !== 'opened' && state !== 'awaiting_evidence') return state;
  const policy = await claimsPolicyVersion(deps, claim.policy_version, trx);
  const submitted = await trx.selectFrom('claim_evidence').select(['item', 'review']).where('claim_id', '=', claim.id).execute();
  const status = evidenceStatus(policy, claim.type as ClaimType, fen(claim.claimed_fen), submitted as { item: EvidenceItem; review: EvidenceReview }[]);
  const complete = moveClaim(state, 'complete_evidence', { requiredEvidenceMissing: status.missing.length });
  if (complete.kind !== 'moved') return state;
  const proposed = moveClaim(complete.to, 'propose');
  state = proposed.kind === 'moved' ? proposed.to : complete.to;
  await applyClaimClocks(trx, deps, claim, { ...complete.effects.clocks, ...(proposed.kind === 'moved' ? proposed.effects.clocks : {}) }, new Date());
  await addEvent(trx, claim.ticket_id, who(actor), { kind: 'claim_state', from: claim.state, to: state, detail: { claimId: claim.id } });
  return state;
}

export async function requestEvidence(deps: ClaimDeps, actor: UserActor, claimId: string, input: { message: string; version: number }) {
  return inTransaction(deps.db, async (trx) => {
    const claim = await claimFor(trx, actor, claimId, 'work', input.version);
    const move = moveClaim(claim.state as ClaimState, 'request_evidence');
    if (move.kind === 'refused') throw new AppError(move.code);
    await addEvent(trx, claim.ticket_id, who(actor), { kind: 'claim_state', from: claim.state, to: move.to, body: input.message, detail: { claimId: claim.id, clocks: move.effects.clocks } });
    const now = new Date();
    await applyClaimClocks(trx, deps, claim, move.effects.clocks, now);
    if (move.effects.tellCustomer) await tellClaimant(trx, claim, 'claim.evidence_requested', `【理赔】运单 ${claim.waybill_no} 的理赔需要补充材料：${input.message}`);
    return { state: move.to, version: await updateClaim(trx, claim, { state: move.to, evidence_requested_at: now }) };
  });
}
