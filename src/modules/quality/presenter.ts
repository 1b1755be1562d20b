/** Quality rows → API shapes; database rows never leave the module otherwise. Scores are points with one decimal. */
import { points } from '../../domain/quality/scorecard.js';
import type { AssignmentRow, ReviewRow } from './repository.js';

export function presentAssignment(row: NonNullable<AssignmentRow>) {
  return {
    id: row.id,
    week: row.week,
    agent: { id: row.agent_id, name: row.agent_name },
    team: row.team_id ? { id: row.team_id, name: row.team_name ?? '' } : null,
    ticket: { id: row.ticket_id, number: row.ticket_number, subject: row.ticket_subject, kind: row.ticket_kind },
    reviewer: { id: row.reviewer_id, name: row.reviewer_name },
    strata: row.strata,
    reason: row.reason,
    source: row.source,
    createdAt: row.created_at.toISOString(),
    review: row.review_id ? { id: row.review_id, score: points(row.score_tenths ?? 0), criticalFailed: row.critical_failed ?? false, status: row.review_status ?? 'submitted' } : null,
  };
}

export function presentReview(row: ReviewRow) {
  return {
    id: row.id,
    kind: row.calibration_id ? ('calibration' as const) : ('assigned' as const),
    assignmentId: row.assignment_id,
    calibrationId: row.calibration_id,
    week: row.week,
    ticket: { id: row.ticket_id, number: row.ticket_number, subject: row.ticket_subject, kind: row.ticket_kind },
    agent: row.agent_id ? { id: row.agent_id, name: row.agent_name ?? '' } : null,
    reviewer: { id: row.reviewer_id, name: row.reviewer_name },
    scorecardVersion: row.scorecard_version,
    scores: row.scores,
    bonus: row.bonus,
    comment: row.comment,
    score: points(row.score_tenths),
    criticalFailed: row.critical_failed,
    originalScore: row.original_score_tenths === null ? null : points(row.original_score_tenths),
    status: row.status,
    submittedAt: row.submitted_at.toISOString(),
    dispute: row.dispute_reason === null ? null : { reason: row.dispute_reason, at: row.disputed_at?.toISOString() ?? null },
    decision: row.decided_at ? { by: row.decided_by_name ?? '', at: row.decided_at.toISOString(), note: row.decision_note ?? '' } : null,
    version: row.version,
  };
}
