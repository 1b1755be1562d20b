/**
 * The surveys a customer was sent, for the customer view (客户360, docs/product.md §5): each
 * invitation, answered or not, with the scores it gave (NPS, CSAT, CES questions). The reader sees
 * what the surveys' rule lets them see (access.ts): supervisors and managers every invitation, an
 * account manager those sent while they looked after the customer; a reader without
 * `surveys.read` is told the section is not theirs, never shown an empty list. No personal data:
 * the customer's text answers stay on the survey's answers page.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Answers, Question } from '../../../domain/customers/surveys.js';
import { can } from '../../../domain/roles.js';
import { resultScopeOf, type UserActor } from '../access.js';
import * as repo from '../repository.js';

const SHOWN = 50;
const SCORED = new Set(['nps', 'csat', 'ces']);

export async function customerSurveys(deps: { db: Kysely<DB> }, actor: UserActor, customerId: string, now = new Date()) {
  if (!can(actor.role, 'surveys.read')) return { available: false as const, reason: 'not_permitted' };
  const rows = await repo.invitationsOfCustomer(deps.db, customerId, resultScopeOf(actor), SHOWN);
  return {
    available: true as const,
    items: rows.map((r) => {
      const answers = (r.answers ?? {}) as Answers;
      const questions = (r.questions ?? []) as Question[];
      return {
        invitationId: r.id,
        campaignId: r.campaign_id,
        title: r.title,
        sentAt: r.sent_at?.toISOString() ?? null,
        closesAt: r.closes_at?.toISOString() ?? null,
        status: r.answered_at ? ('answered' as const) : r.closes_at && r.closes_at <= now ? ('closed' as const) : ('open' as const),
        answeredAt: r.answered_at?.toISOString() ?? null,
        tier: r.tier,
        accountManager: r.account_manager_name,
        scores: questions
          .filter((q) => SCORED.has(q.kind))
          .map((q) => {
            const value = r.answered_at ? answers[q.id] : undefined;
            return { questionId: q.id, kind: q.kind as 'nps' | 'csat' | 'ces', text: q.text, value: typeof value === 'number' ? value : null };
          }),
      };
    }),
  };
}
