/** Kysely queries of the surveys module: no rules, no HTTP. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ResultScope } from './access.js';

export async function insertQuestionnaire(db: Kysely<DB>, row: { title: string; questions: unknown[]; createdBy: string }) {
  return db
    .insertInto('survey_questionnaires')
    .values({ title: row.title, questions: JSON.stringify(row.questions), created_by: row.createdBy })
    .returning(['id', 'title', 'questions', 'created_at'])
    .executeTakeFirstOrThrow();
}

export async function listQuestionnaires(db: Kysely<DB>) {
  return db.selectFrom('survey_questionnaires').select(['id', 'title', 'questions', 'created_at']).orderBy('created_at', 'desc').orderBy('id').limit(200).execute();
}

export async function questionnaireById(db: Kysely<DB>, id: string) {
  return db.selectFrom('survey_questionnaires').select(['id', 'title', 'questions', 'created_at']).where('id', '=', id).executeTakeFirst();
}

export async function insertCampaign(db: Kysely<DB>, row: { title: string; questionnaireId: string; audience: object; openDays: number; createdBy: string }) {
  return db
    .insertInto('survey_campaigns')
    .values({ title: row.title, questionnaire_id: row.questionnaireId, audience: JSON.stringify(row.audience), open_days: row.openDays, created_by: row.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
}

const campaignColumns = ['c.id', 'c.title', 'c.questionnaire_id', 'c.audience', 'c.open_days', 'c.created_at', 'c.sent_at', 'c.closes_at'] as const;

export async function campaignById(db: Kysely<DB>, id: string) {
  return db.selectFrom('survey_campaigns as c').select(campaignColumns).where('c.id', '=', id).executeTakeFirst();
}

export async function lockCampaign(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('survey_campaigns as c').select(campaignColumns).where('c.id', '=', id).forUpdate().executeTakeFirst();
}

export async function markSent(trx: Transaction<DB>, id: string, sentAt: Date, closesAt: Date) {
  await trx.updateTable('survey_campaigns').set({ sent_at: sentAt, closes_at: closesAt }).where('id', '=', id).execute();
}

export interface InvitationInsert {
  campaign_id: string;
  customer_id: string;
  token_hash: string;
  tier: string;
  account_manager_id: string | null;
  segment: string | null;
}

export async function insertInvitations(trx: Transaction<DB>, rows: InvitationInsert[]) {
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('survey_invitations').values(rows.slice(i, i + 1000)).execute();
}


/** Campaigns newest first, with how many were asked and answered in the reader's scope. */
export async function listCampaigns(db: Kysely<DB>, scope: ResultScope) {
  return db
    .selectFrom('survey_campaigns as c')
    .leftJoin('survey_invitations as i', (join) => {
      const on = join.onRef('i.campaign_id', '=', 'c.id');
      return scope.kind === 'all' ? on : on.on('i.account_manager_id', '=', scope.userId);
    })
    .select([...campaignColumns, sql<string>`count(i.id)`.as('invited'), sql<string>`count(i.answered_at)`.as('answered')])
    .groupBy('c.id')
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .limit(200)
    .execute();
}

/** The invitations of a campaign the reader sees, with what decides the groups and the answer. */
export async function invitationsOf(db: Kysely<DB>, campaignId: string, scope: ResultScope) {
  let query = db
    .selectFrom('survey_invitations')
    .select(['customer_id', 'tier', 'account_manager_id', 'segment', 'answers', 'answered_at'])
    .where('campaign_id', '=', campaignId);
  if (scope.kind === 'accountManager') query = query.where('account_manager_id', '=', scope.userId);
  return query.execute();
}

/** Ratings customers gave their resolved tickets (the after-resolution 1–5), for these customers in the window. */
export async function ticketRatingsOf(db: Kysely<DB>, customerIds: readonly string[], from: Date, to: Date) {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('tickets')
    .select(['customer_id', 'rating'])
    .where('customer_id', 'in', [...customerIds])
    .where('rating', 'is not', null)
    .where('rated_at', '>=', from)
    .where('rated_at', '<', to)
    .execute();
}

/** Answered invitations, newest answer first, one page. */
export async function answeredPage(db: Kysely<DB>, campaignId: string, scope: ResultScope, limit: number, offset: number) {
  let query = db
    .selectFrom('survey_invitations as i')
    .innerJoin('customers as cu', 'cu.id', 'i.customer_id')
    .leftJoin('users as u', 'u.id', 'i.account_manager_id')
    .select(['i.id', 'cu.name as customer_name', 'i.tier', 'i.account_manager_id', 'u.display_name as account_manager_name', 'i.answers', 'i.answered_at'])
    .where('i.campaign_id', '=', campaignId)
    .where('i.answered_at', 'is not', null);
  if (scope.kind === 'accountManager') query = query.where('i.account_manager_id', '=', scope.userId);
  const [rows, total] = await Promise.all([
    query.orderBy('i.answered_at', 'desc').orderBy('i.id').limit(limit).offset(offset).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function userNames(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** The invitation a link opens, with its campaign and questionnaire. */
export async function invitationByTokenHash(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('survey_invitations as i')
    .innerJoin('survey_campaigns as c', 'c.id', 'i.campaign_id')
    .innerJoin('survey_questionnaires as q', 'q.id', 'c.questionnaire_id')
    .select(['i.id', 'i.answered_at', 'c.title', 'c.closes_at', 'q.questions'])
    .where('i.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Stores the answer unless one is there: the conditional update is what makes a second, even simultaneous, answer change nothing. */
export async function storeAnswer(db: Kysely<DB>, invitationId: string, answers: object, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('survey_invitations')
    .set({ answers: JSON.stringify(answers), answered_at: at })
    .where('id', '=', invitationId)
    .where('answered_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The invitations one customer (and the records merged into it) was sent, newest first, in the reader's scope, with the campaign and its questions. */
export async function invitationsOfCustomer(db: Kysely<DB>, customerId: string, scope: ResultScope, limit: number) {
  let query = db
    .selectFrom('survey_invitations as i')
    .innerJoin('survey_campaigns as c', 'c.id', 'i.campaign_id')
    .innerJoin('survey_questionnaires as q', 'q.id', 'c.questionnaire_id')
    .leftJoin('users as u', 'u.id', 'i.account_manager_id')
    .select(['i.id', 'i.campaign_id', 'c.title', 'c.sent_at', 'c.closes_at', 'q.questions', 'i.tier', 'u.display_name as account_manager_name', 'i.answers', 'i.answered_at'])
    // A twin a merge could not move (both records asked in one campaign) stays on the merged record.
    .where((eb) => eb.or([eb('i.customer_id', '=', customerId), eb('i.customer_id', 'in', eb.selectFrom('customers').select('id').where('merged_into_id', '=', customerId))]));
  if (scope.kind === 'accountManager') query = query.where('i.account_manager_id', '=', scope.userId);
  return query.orderBy('c.sent_at', 'desc').orderBy('i.id').limit(limit).execute();
}
