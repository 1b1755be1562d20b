/**
 * The demo company's satisfaction survey, so the survey pages are not empty on first start: a few
 * enterprise customers (key accounts of kam01 and standard ones), the standard questionnaire sent to
 * them through the real use cases (invitations, SMS in the outbox), and most of them answering.
 * Direct use-case calls, a dozen rows: it costs milliseconds.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { STANDARD_QUESTIONNAIRE } from '../domain/customers/standard-questionnaire.js';
import type { UserActor } from '../modules/surveys/access.js';
import type { SurveyDeps } from '../modules/surveys/deps.js';
import { answerSurvey } from '../modules/surveys/use-cases/answer.js';
import { createCampaign } from '../modules/surveys/use-cases/campaigns.js';
import { createQuestionnaire } from '../modules/surveys/use-cases/questionnaires.js';
import { sendCampaign } from '../modules/surveys/use-cases/send.js';

const CUSTOMERS: { name: string; phone: string; key: boolean; answers: Record<string, number | string> | null }[] = [
  { name: '华南电子科技有限公司', phone: '13760001001', key: true, answers: { nps: 10, csat: 5, ces: 6, factor: 'speed', comment: '专属客户经理响应很快，希望保持。' } },
  { name: '杭州云裳服饰有限公司', phone: '13760001002', key: true, answers: { nps: 9, csat: 4, ces: 5, factor: 'price' } },
  { name: '成都蓉城食品有限公司', phone: '13760001003', key: true, answers: { nps: 6, csat: 3, ces: 3, factor: 'safety', comment: '冷链件偶有延误，希望改进。' } },
  { name: '北京博远文化传媒有限公司', phone: '13760001004', key: true, answers: null },
  { name: '苏州精工机械有限公司', phone: '13760001005', key: false, answers: { nps: 8, csat: 4, ces: 6, factor: 'service' } },
  { name: '武汉楚天家居有限公司', phone: '13760001006', key: false, answers: { nps: 3, csat: 2, ces: 2, factor: 'speed', comment: '上门取件经常改时间。' } },
  { name: '青岛海岸贸易有限公司', phone: '13760001007', key: false, answers: null },
];

export async function seedDemoSurveys(db: Kysely<DB>, options: { publicBaseUrl: string; timeZone: string }): Promise<{ invited: number; answered: number }> {
  const users = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'department_id']).where('username', 'in', ['manager01', 'kam01']).execute();
  const manager = users.find((u) => u.username === 'manager01');
  const kam = users.find((u) => u.username === 'kam01');
  if (!manager || !kam) return { invited: 0, answered: 0 };
  await db
    .insertInto('customers')
    .values(CUSTOMERS.map((c) => ({ name: c.name, phone: c.phone, kind: 'enterprise', tier: c.key ? 'key' : 'standard', account_manager_id: c.key ? kam.id : null })))
    .onConflict((oc) => oc.column('phone').doNothing())
    .execute();
  const rows = await db.selectFrom('customers').select(['id', 'phone']).where('phone', 'in', CUSTOMERS.map((c) => c.phone)).execute();

  const deps: SurveyDeps = { db, ...options };
  const actor: UserActor = { kind: 'user', id: manager.id, username: manager.username, displayName: manager.display_name, role: 'manager', departmentId: manager.department_id, sessionId: 'demo' };
  const questionnaire = await createQuestionnaire(deps, actor, STANDARD_QUESTIONNAIRE);
  const campaign = await createCampaign(deps, actor, { title: '2026年第四季度客户满意度调查', questionnaireId: questionnaire.id, audience: { customerIds: rows.map((r) => r.id) }, openDays: 30 });
  const sent = await sendCampaign(deps, actor, campaign.id);

  // The customers answer with the links of their SMS, as they would on the page.
  const sms = await db.selectFrom('notifications').select(['recipient', 'body']).where('template', '=', 'survey.invitation').execute();
  let answered = 0;
  for (const customer of CUSTOMERS) {
    const token = /\/survey\/([A-Za-z0-9_-]+)/.exec(sms.find((n) => n.recipient === customer.phone)?.body ?? '')?.[1];
    if (!token || !customer.answers) continue;
    await answerSurvey(deps, token, customer.answers);
    answered++;
  }
  return { invited: sent.invited, answered };
}
