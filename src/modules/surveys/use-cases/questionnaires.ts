/** Questionnaires (调查问卷): written once, never edited, so every answer reads against the questions it answered. */
import { AppError } from '../../../domain/errors.js';
import { questionnaireProblems, type Question } from '../../../domain/customers/surveys.js';
import { mayManage, type UserActor } from '../access.js';
import type { SurveyDeps } from '../deps.js';
import { presentQuestionnaire } from '../presenter.js';
import * as repo from '../repository.js';

export interface QuestionInput {
  id: string;
  kind: Question['kind'];
  text: { 'zh-CN': string; 'en-US': string };
  required: boolean;
  options?: { id: string; label: { 'zh-CN': string; 'en-US': string } }[] | undefined;
  minChoices?: number | undefined;
  maxChoices?: number | undefined;
  maxLength?: number | undefined;
}

/** The question as the domain types it: options only on choices, limits only where they apply. */
function questionOf(input: QuestionInput): Question {
  const base = { id: input.id, text: input.text, required: input.required };
  switch (input.kind) {
    case 'single':
      return { ...base, kind: 'single', options: input.options ?? [] };
    case 'multi':
      return {
        ...base,
        kind: 'multi',
        options: input.options ?? [],
        ...(input.minChoices !== undefined && { minChoices: input.minChoices }),
        ...(input.maxChoices !== undefined && { maxChoices: input.maxChoices }),
      };
    case 'text':
      return { ...base, kind: 'text', ...(input.maxLength !== undefined && { maxLength: input.maxLength }) };
    default:
      return { ...base, kind: input.kind };
  }
}

/** Writes a questionnaire after the domain's check (ids, both languages, options, limits); 400 QUESTIONNAIRE_INVALID names every problem. */
export async function createQuestionnaire(deps: SurveyDeps, actor: UserActor, input: { title: string; questions: QuestionInput[] }) {
  mayManage(actor);
  const questions = input.questions.map(questionOf);
  const problems = questionnaireProblems({ questions });
  if (problems.length > 0) throw new AppError('QUESTIONNAIRE_INVALID', { detail: problems.join('; ') });
  return presentQuestionnaire(await repo.insertQuestionnaire(deps.db, { title: input.title.trim(), questions, createdBy: actor.id }));
}

export async function listQuestionnaires(deps: SurveyDeps, actor: UserActor) {
  mayManage(actor);
  return { items: (await repo.listQuestionnaires(deps.db)).map(presentQuestionnaire) };
}
