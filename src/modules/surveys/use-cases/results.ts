/**
 * Results of a campaign (issue 17 §6): NPS = % promoters (9–10) − % detractors (0–6), CSAT = the
 * share of 4–5 with the customers' after-resolution ticket ratings counted in, CES the mean, and the
 * response rate; overall, by tier and by account manager (as they were when the customer was
 * asked). By segment is "not available" until RFM segments are stored (audience.ts). The reader
 * sees the part of the campaign their scope allows (access.ts).
 */
import { maskName } from '../../../domain/privacy.js';
import { surveyScores, surveyScoresBy, type Answers, type GroupBy, type Question, type SurveyResponse, type TicketRating } from '../../../domain/customers/surveys.js';
import { campaignToRead, type UserActor } from '../access.js';
import { SEGMENTS_AVAILABLE } from '../audience.js';
import { nowOf, type SurveyDeps } from '../deps.js';
import { presentCampaignSummary, presentScores } from '../presenter.js';
import * as repo from '../repository.js';

/** Ticket ratings count when given from this long before the survey was sent until it closes: the period the survey asks about. */
export const TICKET_RATINGS_LOOKBACK_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function campaignResults(deps: SurveyDeps, actor: UserActor, campaignId: string) {
  const { campaign, scope } = await campaignToRead(deps.db, actor, campaignId);
  const questionnaire = await repo.questionnaireById(deps.db, campaign.questionnaire_id);
  const questions = (questionnaire?.questions ?? []) as Question[];
  const invitations = await repo.invitationsOf(deps.db, campaign.id, scope);
  const groupsOf = new Map(invitations.map((i) => [i.customer_id, { segment: i.segment, tier: i.tier, accountManagerId: i.account_manager_id }]));
  const responses: SurveyResponse[] = invitations
    .filter((i) => i.answered_at !== null && i.answers !== null)
    .map((i) => ({ answers: i.answers as Answers, groups: groupsOf.get(i.customer_id)! }));
  let ratings: TicketRating[] = [];
  if (campaign.sent_at) {
    const from = new Date(campaign.sent_at.getTime() - TICKET_RATINGS_LOOKBACK_DAYS * DAY_MS);
    const to = campaign.closes_at && campaign.closes_at < nowOf(deps) ? campaign.closes_at : nowOf(deps);
    const rows = await repo.ticketRatingsOf(deps.db, [...groupsOf.keys()], from, new Date(to.getTime() + 1));
    ratings = rows.map((r) => ({ rating: r.rating!, groups: groupsOf.get(r.customer_id!)! }));
  }
  const q = { questions };
  const rate = (answered: number, invited: number) => (invited === 0 ? null : answered / invited);

  const by = (key: GroupBy) => {
    const scored = new Map(surveyScoresBy(q, responses, key, ratings).map((g) => [g.group, g.scores]));
    const counts = new Map<string | null, { invited: number; answered: number }>();
    for (const i of invitations) {
      const group = groupsOf.get(i.customer_id)![key];
      const c = counts.get(group) ?? { invited: 0, answered: 0 };
      c.invited++;
      if (i.answered_at) c.answered++;
      counts.set(group, c);
    }
    const keys = [...counts.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
    return keys.map((group) => {
      const c = counts.get(group)!;
      return { group, invited: c.invited, answered: c.answered, responseRate: rate(c.answered, c.invited), ...presentScores(scored.get(group) ?? surveyScores(q, [], [])) };
    });
  };

  const byManager = by('accountManagerId');
  const names = await repo.userNames(deps.db, byManager.flatMap((g) => (g.group ? [g.group] : [])));
  const answered = responses.length;
  return {
    campaign: presentCampaignSummary({ ...campaign, invited: String(invitations.length), answered: String(answered) }),
    scope: scope.kind === 'all' ? ('all' as const) : ('ownCustomers' as const),
    questions,
    responseRate: rate(answered, invitations.length),
    ...presentScores(surveyScores(q, responses, ratings)),
    byTier: by('tier'),
    byAccountManager: byManager.map((g) => ({ ...g, name: g.group ? (names.get(g.group) ?? null) : null })),
    bySegment: SEGMENTS_AVAILABLE ? { available: true as const, groups: by('segment') } : { available: false as const, groups: [] },
  };
}

/** The answers themselves, newest first, customers' names masked. */
export async function campaignAnswers(deps: SurveyDeps, actor: UserActor, campaignId: string, page: { limit: number; offset: number }) {
  const { campaign, scope } = await campaignToRead(deps.db, actor, campaignId);
  const { rows, total } = await repo.answeredPage(deps.db, campaign.id, scope, page.limit, page.offset);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      customer: maskName(r.customer_name) ?? '',
      tier: r.tier,
      accountManager: r.account_manager_name,
      answeredAt: r.answered_at!.toISOString(),
      answers: r.answers ?? {},
    })),
  };
}
