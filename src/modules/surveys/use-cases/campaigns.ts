/** Survey campaigns (满意度调查): a questionnaire, who is asked, and how long the link stays open. */
import { AppError } from '../../../domain/errors.js';
import { mayManage, resultScopeOf, type UserActor } from '../access.js';
import type { Audience } from '../audience.js';
import type { SurveyDeps } from '../deps.js';
import { presentCampaignSummary } from '../presenter.js';
import * as repo from '../repository.js';

/** Prepares a campaign (not sent yet); the questionnaire must exist. */
export async function createCampaign(deps: SurveyDeps, actor: UserActor, input: { title: string; questionnaireId: string; audience: Audience; openDays: number }) {
  mayManage(actor);
  if (!(await repo.questionnaireById(deps.db, input.questionnaireId))) throw new AppError('QUESTIONNAIRE_NOT_FOUND');
  const audience: Audience = {
    ...(input.audience.tiers?.length && { tiers: [...new Set(input.audience.tiers)] }),
    ...(input.audience.accountManagerIds?.length && { accountManagerIds: [...new Set(input.audience.accountManagerIds)] }),
    ...(input.audience.customerIds?.length && { customerIds: [...new Set(input.audience.customerIds)] }),
  };
  return repo.insertCampaign(deps.db, { title: input.title.trim(), questionnaireId: input.questionnaireId, audience, openDays: input.openDays, createdBy: actor.id });
}

/** Every campaign, with the counts of the reader's scope (an account manager's: their customers). */
export async function listCampaigns(deps: SurveyDeps, actor: UserActor) {
  const scope = resultScopeOf(actor);
  return { items: (await repo.listCampaigns(deps.db, scope)).map(presentCampaignSummary) };
}
