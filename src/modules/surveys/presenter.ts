/** Rows → API shapes for the surveys module; database rows never leave it. */
import type { SurveyScores } from '../../domain/customers/surveys.js';

export function presentQuestionnaire(row: { id: string; title: string; questions: unknown; created_at: Date }) {
  return { id: row.id, title: row.title, questions: row.questions as unknown[], createdAt: row.created_at.toISOString() };
}

export function presentCampaignSummary(row: {
  id: string;
  title: string;
  questionnaire_id: string;
  audience: object;
  open_days: number;
  created_at: Date;
  sent_at: Date | null;
  closes_at: Date | null;
  invited: string | number;
  answered: string | number;
}) {
  return {
    id: row.id,
    title: row.title,
    questionnaireId: row.questionnaire_id,
    audience: row.audience,
    openDays: row.open_days,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
    closesAt: row.closes_at?.toISOString() ?? null,
    invited: Number(row.invited),
    answered: Number(row.answered),
  };
}

export function presentScores(scores: SurveyScores) {
  return { nps: scores.nps, csat: scores.csat, ces: scores.ces };
}
