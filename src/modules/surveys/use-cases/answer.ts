/**
 * The customer's side, without sign-in: the link opens the questionnaire, and one answer is taken
 * per invitation. An unknown link is 404 SURVEY_LINK_NOT_FOUND, a closed survey 410
 * SURVEY_LINK_EXPIRED, a second answer 409 SURVEY_ALREADY_ANSWERED with nothing changed; answers
 * are checked by the domain rule (domain/customers/surveys.ts) and refused with every problem named.
 */
import { AppError } from '../../../domain/errors.js';
import { checkAnswers, type Question } from '../../../domain/customers/surveys.js';
import { hashToken } from '../../tickets/tokens.js';
import { nowOf, type SurveyDeps } from '../deps.js';
import * as repo from '../repository.js';

async function invitationOf(deps: SurveyDeps, token: string) {
  const row = await repo.invitationByTokenHash(deps.db, hashToken(token));
  if (!row) throw new AppError('SURVEY_LINK_NOT_FOUND');
  return { ...row, questions: row.questions as Question[] };
}

/** What the page shows: the questions, or that the answer is in; a closed survey is refused. */
export async function openSurvey(deps: SurveyDeps, token: string) {
  const invitation = await invitationOf(deps, token);
  const answered = invitation.answered_at !== null;
  if (!answered && invitation.closes_at && invitation.closes_at <= nowOf(deps)) throw new AppError('SURVEY_LINK_EXPIRED');
  return {
    title: invitation.title,
    closesAt: invitation.closes_at?.toISOString() ?? null,
    timeZone: deps.timeZone,
    answered,
    questions: answered ? [] : invitation.questions,
  };
}

/**
 * Takes the customer's answers once. The store is a conditional update (`answered_at is null`):
 * of two submits at the same moment one updates the row, the other finds it answered (PostgreSQL
 * re-reads the row the first one changed) and gets 409.
 */
export async function answerSurvey(deps: SurveyDeps, token: string, input: unknown) {
  const invitation = await invitationOf(deps, token);
  if (invitation.answered_at) throw new AppError('SURVEY_ALREADY_ANSWERED');
  const now = nowOf(deps);
  if (invitation.closes_at && invitation.closes_at <= now) throw new AppError('SURVEY_LINK_EXPIRED');
  const check = checkAnswers({ questions: invitation.questions }, input);
  if (!check.ok) throw new AppError('SURVEY_ANSWERS_INVALID', {}, { problems: check.problems });
  if (!(await repo.storeAnswer(deps.db, invitation.id, check.answers, now))) throw new AppError('SURVEY_ALREADY_ANSWERED');
}
