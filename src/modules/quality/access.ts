/**
 * Who may do what in the quality checks (质检): the one place of the quality module that decides
 * it, and the first thing every use case calls.
 *
 * - Reviewers are the holders of `quality.review` (supervisors, managers and the admin: the
 *   quality staff). They sample, see every assignment and review, score what is assigned to them
 *   (another reviewer's assignment: 403 QUALITY_REVIEW_NOT_ASSIGNED), decide disputes — never of a
 *   review of their own work (403 QUALITY_DECISION_OWN) — and calibrate.
 * - An agent (`quality.self`) sees only the reviews of their own work, never a calibration score
 *   (not counted, not theirs to see) and never an assignment: to them anything else does not exist
 *   (404). They may dispute their own review once (a reviewer who tries: 403 QUALITY_DISPUTE_NOT_OWN;
 *   again: 409 QUALITY_DISPUTE_TWICE).
 * - Signals and the per-agent summary are `quality.read` (supervisors' quality page).
 *
 * Lock order: an assignment, then its review; a calibration, then its reviews; one review alone
 * for a dispute or a decision.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import type { UserActor } from '../tickets/service.js';
import { lockAssignment, lockCalibration, lockReview, readReview, type ReviewRow } from './repository.js';

export function isReviewer(actor: UserActor): boolean {
  return can(actor.role, 'quality.review');
}

export function requireReviewer(actor: UserActor): void {
  if (!isReviewer(actor)) throw new AppError('FORBIDDEN');
}

/** The quality page's signals and summaries: `quality.read`. */
export function requireQualityRead(actor: UserActor): void {
  if (!can(actor.role, 'quality.read')) throw new AppError('FORBIDDEN');
}

/** Reading reviews at all: a reviewer, or an agent for their own. */
export function requireReviewsReader(actor: UserActor): void {
  if (!isReviewer(actor) && !can(actor.role, 'quality.self')) throw new AppError('FORBIDDEN');
}

/** The reviews a caller may list: every one for a reviewer, else only their own counted ones. */
export function reviewsScope(actor: UserActor): { agentId?: string; calibrationsAllowed: boolean } {
  return isReviewer(actor) ? { calibrationsAllowed: true } : { agentId: actor.id, calibrationsAllowed: false };
}

function readable(actor: UserActor, row: { agent_id: string | null; assignment_id: string | null }): boolean {
  return isReviewer(actor) || (can(actor.role, 'quality.self') && row.assignment_id !== null && row.agent_id === actor.id);
}

/** An assignment a reviewer scores: locked; only its reviewer. */
export async function assignmentToReview(trx: Transaction<DB>, actor: UserActor, id: string) {
  requireReviewer(actor);
  const row = await lockAssignment(trx, id);
  if (!row) throw new AppError('QUALITY_ASSIGNMENT_NOT_FOUND');
  if (row.reviewer_id !== actor.id) throw new AppError('QUALITY_REVIEW_NOT_ASSIGNED');
  return row;
}

/** A review the caller may read (unlocked), else 404. */
export async function reviewToRead(db: Parameters<typeof readReview>[0], actor: UserActor, id: string): Promise<ReviewRow> {
  requireReviewsReader(actor);
  const row = await readReview(db, id);
  if (!row || !readable(actor, row)) throw new AppError('QUALITY_REVIEW_NOT_FOUND');
  return row;
}

export type ReviewNeed = 'dispute' | 'decide';

/** A review locked for a dispute (its agent, once) or a decision (another reviewer, a dispute open). */
export async function reviewFor(trx: Transaction<DB>, actor: UserActor, id: string, need: ReviewNeed) {
  requireReviewsReader(actor);
  const row = await lockReview(trx, id);
  if (!row || !readable(actor, row)) throw new AppError('QUALITY_REVIEW_NOT_FOUND');
  const refusal = need === 'dispute' ? disputeRefusal(actor, row) : decisionRefusal(actor, row);
  if (refusal) throw new AppError(refusal);
  return row;
}

type Refusal = 'QUALITY_DISPUTE_NOT_OWN' | 'QUALITY_CALIBRATION_NOT_DISPUTABLE' | 'QUALITY_DISPUTE_TWICE' | 'FORBIDDEN' | 'QUALITY_DECISION_OWN' | 'QUALITY_DISPUTE_NOT_OPEN';

function disputeRefusal(actor: UserActor, row: { agent_id: string | null; calibration_id: string | null; dispute_reason: string | null }): Refusal | null {
  if (row.calibration_id !== null) return 'QUALITY_CALIBRATION_NOT_DISPUTABLE';
  if (row.agent_id !== actor.id || !can(actor.role, 'quality.self')) return 'QUALITY_DISPUTE_NOT_OWN';
  if (row.dispute_reason !== null) return 'QUALITY_DISPUTE_TWICE';
  return null;
}

function decisionRefusal(actor: UserActor, row: { agent_id: string | null; status: string }): Refusal | null {
  if (!isReviewer(actor)) return 'FORBIDDEN';
  if (row.agent_id === actor.id) return 'QUALITY_DECISION_OWN';
  if (row.status !== 'disputed') return 'QUALITY_DISPUTE_NOT_OPEN';
  return null;
}

/** What the caller may do to a review now, for the console (the server still decides each request). */
export function reviewCan(actor: UserActor, row: { agent_id: string | null; calibration_id: string | null; dispute_reason: string | null; status: string }) {
  return { dispute: disputeRefusal(actor, row) === null, decide: decisionRefusal(actor, row) === null };
}

/** A calibration: reviewers only; locked when scoring. */
export async function calibrationToScore(trx: Transaction<DB>, actor: UserActor, id: string) {
  requireReviewer(actor);
  const row = await lockCalibration(trx, id);
  if (!row) throw new AppError('QUALITY_CALIBRATION_NOT_FOUND');
  return row;
}
