/**
 * Satisfaction surveys (issue 17 §6) through the API on a real database: a questionnaire, a
 * campaign to chosen customers, the SMS with the one-time link in the outbox after commit, the
 * customer's answer taken once (also when two arrive at once), refused answers with the domain's
 * problems, and the results checked against numbers worked out by hand.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let manager: Session;
let supervisor: Session;
let kam: Session;
let agent: Session;
const customers: Record<string, string> = {};

const QUESTIONS = [
  { id: 'nps', kind: 'nps', required: true, text: { 'zh-CN': '您有多大可能向朋友推荐我们？', 'en-US': 'How likely are you to recommend us?' } },
  { id: 'csat', kind: 'csat', required: true, text: { 'zh-CN': '您对我们的服务满意吗？', 'en-US': 'How satisfied are you with our service?' } },
  { id: 'ces', kind: 'ces', required: false, text: { 'zh-CN': '办理业务是否方便？', 'en-US': 'How easy was it to get things done?' } },
  {
    id: 'factor',
    kind: 'single',
    required: false,
    text: { 'zh-CN': '您最看重什么？', 'en-US': 'What matters most to you?' },
    options: [
      { id: 'price', label: { 'zh-CN': '价格', 'en-US': 'Price' } },
      { id: 'speed', label: { 'zh-CN': '时效', 'en-US': 'Speed' } },
    ],
  },
  { id: 'comment', kind: 'text', required: false, text: { 'zh-CN': '其他意见', 'en-US': 'Anything else' } },
];

async function addCustomer(key: string, row: { tier: string; phone: string | null; accountManagerId: string | null }) {
  const { id } = await t.database.db
    .insertInto('customers')
    .values({ name: `调查客户${key}`, phone: row.phone, tier: row.tier, account_manager_id: row.accountManagerId, kind: 'enterprise' })
    .returning('id')
    .executeTakeFirstOrThrow();
  customers[key] = id;
}

const as = (s: Session) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: s.headers() }),
  post: (url: string, payload?: unknown) => t.app.inject({ method: 'POST', url, headers: s.headers(), ...(payload !== undefined && { payload: payload as object }) }),
});
const publicGet = (token: string, lang = 'zh-CN') => t.app.inject({ method: 'GET', url: `/api/public/surveys/${token}`, headers: { 'accept-language': lang } });
const publicAnswer = (token: string, answers: unknown) => t.app.inject({ method: 'POST', url: `/api/public/surveys/${token}/answers`, payload: { answers } as object });

async function surveySms() {
  return t.database.db.selectFrom('notifications').select(['recipient', 'body', 'channel', 'status']).where('template', '=', 'survey.invitation').where('channel', '=', 'sms').execute();
}
/** The link of the main campaign's SMS to this phone. */
async function tokenFor(phone: string): Promise<string> {
  const row = (await surveySms()).find((n) => n.recipient === phone && n.body.includes('“年度满意度调查”'));
  const token = /\/survey\/([A-Za-z0-9_-]+)/.exec(row?.body ?? '')?.[1];
  if (!token) throw new Error(`no survey SMS to ${phone}`);
  return token;
}
async function storedAnswers() {
  return t.database.db.selectFrom('survey_invitations').select(['customer_id', 'answers', 'answered_at']).where('answered_at', 'is not', null).execute();
}

let questionnaireId: string;
let campaignId: string;

beforeAll(async () => {
  t = await createTestApp({ config: { publicBaseUrl: 'https://kf.example.com' } });
  [manager, supervisor, kam, agent] = await Promise.all([t.signIn('manager01'), t.signIn('supervisor01'), t.signIn('kam01'), t.signIn('agent01')]);
  await addCustomer('C1', { tier: 'key', phone: '13900000001', accountManagerId: kam.userId });
  await addCustomer('C2', { tier: 'key', phone: '13900000002', accountManagerId: kam.userId });
  await addCustomer('C3', { tier: 'key', phone: '13900000003', accountManagerId: kam.userId });
  await addCustomer('C4', { tier: 'standard', phone: '13900000004', accountManagerId: null });
  await addCustomer('C5', { tier: 'standard', phone: '13900000005', accountManagerId: null });
  await addCustomer('C6', { tier: 'standard', phone: null, accountManagerId: null });
  // C1's shipping clerk has an e-mail address: C1 is invited by e-mail too. C7 was merged into C1:
  // a tombstone, never asked.
  await t.database.db.insertInto('customer_contacts').values({ customer_id: customers.C1!, name: '王文员', email: 'clerk@c1.example.com' }).execute();
  await addCustomer('C7', { tier: 'key', phone: '13900000007', accountManagerId: kam.userId });
  await t.database.db.updateTable('customers').set({ merged_into_id: customers.C1! }).where('id', '=', customers.C7!).execute();
});
afterAll(() => t.close());

describe('questionnaires and campaigns', () => {
  it('refuses people who do not run surveys, and changes nothing', async () => {
    expect((await as(agent).get('/api/surveys')).statusCode).toBe(403);
    const byKam = await as(kam).post('/api/surveys/questionnaires', { title: '问卷', questions: QUESTIONS });
    expect(byKam.statusCode).toBe(403);
    expect((await as(agent).post('/api/surveys/questionnaires', { title: '问卷', questions: QUESTIONS })).statusCode).toBe(403);
    const count = await t.database.db.selectFrom('survey_questionnaires').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses a questionnaire the domain rule refuses, naming the problem', async () => {
    const res = await as(manager).post('/api/surveys/questionnaires', {
      title: '坏问卷',
      questions: [{ id: 'pick', kind: 'single', required: true, text: { 'zh-CN': '选一个', 'en-US': 'Pick one' }, options: [{ id: 'a', label: { 'zh-CN': '甲', 'en-US': 'A' } }] }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'QUESTIONNAIRE_INVALID' });
    expect(res.json().message).toContain('2–30 options');
  });

  it('a supervisor writes a questionnaire and a manager prepares a campaign to key customers of an explicit list', async () => {
    const q = await as(supervisor).post('/api/surveys/questionnaires', { title: '2026年度客户满意度调查', questions: QUESTIONS });
    expect(q.statusCode, q.body).toBe(201);
    questionnaireId = q.json().id;
    expect(q.json().questions).toHaveLength(5);

    const empty = await as(manager).post('/api/surveys', { title: '空', questionnaireId, audience: {}, openDays: 14 });
    expect(empty.statusCode).toBe(400);
    const unknown = await as(manager).post('/api/surveys', { title: '无', questionnaireId: '00000000-0000-4000-8000-000000000000', audience: { tiers: ['key'] }, openDays: 14 });
    expect(unknown.json().code).toBe('QUESTIONNAIRE_NOT_FOUND');

    const ids = Object.values(customers);
    const created = await as(manager).post('/api/surveys', { title: '年度满意度调查', questionnaireId, audience: { customerIds: ids }, openDays: 14 });
    expect(created.statusCode, created.body).toBe(201);
    campaignId = created.json().id;
  });
});

describe('sending', () => {
  it('an account manager may not send; a manager sends: one SMS per customer with a phone, in the outbox after commit', async () => {
    expect((await as(kam).post(`/api/surveys/${campaignId}/send`)).statusCode).toBe(403);
    expect(await surveySms()).toHaveLength(0);

    const sent = await as(manager).post(`/api/surveys/${campaignId}/send`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().invited).toBe(5);
    const sms = await surveySms();
    expect(sms.map((n) => n.recipient).sort()).toEqual(['13900000001', '13900000002', '13900000003', '13900000004', '13900000005']);
    for (const n of sms) {
      expect(n.channel).toBe('sms');
      expect(n.status).toBe('pending');
      expect(n.body).toMatch(/^您好！诚邀您参加“年度满意度调查”.*https:\/\/kf\.example\.com\/survey\/[A-Za-z0-9_-]{32}/);
    }
    // The customer whose contact has an address gets the same link by e-mail.
    const token = await tokenFor('13900000001');
    const emails = await t.database.db.selectFrom('notifications').select(['recipient', 'subject', 'body']).where('template', '=', 'survey.invitation').where('channel', '=', 'email').execute();
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ recipient: 'clerk@c1.example.com', subject: '诚邀参加“年度满意度调查”' });
    expect(emails[0]!.body).toContain(`https://kf.example.com/survey/${token}`);
    // Only the link's digest is stored.
    const stored = await t.database.db.selectFrom('survey_invitations').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
  });

  it('a second send is refused with its own code and queues nothing more', async () => {
    const again = await as(manager).post(`/api/surveys/${campaignId}/send`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SURVEY_ALREADY_SENT');
    expect(await surveySms()).toHaveLength(5);
  });

  it('chooses by tier among the customers named: only the key ones are asked', async () => {
    const created = await as(manager).post('/api/surveys', { title: '大客户调查', questionnaireId, audience: { tiers: ['key'], customerIds: Object.values(customers) }, openDays: 7 });
    const sent = await as(manager).post(`/api/surveys/${created.json().id}/send`);
    expect(sent.json().invited).toBe(3);
    const invited = await t.database.db.selectFrom('survey_invitations').select('customer_id').where('campaign_id', '=', created.json().id).execute();
    expect(invited.map((i) => i.customer_id).sort()).toEqual([customers.C1, customers.C2, customers.C3].sort());
  });

  it('a campaign nobody can be sent to is refused', async () => {
    const created = await as(manager).post('/api/surveys', { title: '无手机号', questionnaireId, audience: { customerIds: [customers.C6] }, openDays: 7 });
    const sent = await as(manager).post(`/api/surveys/${created.json().id}/send`);
    expect(sent.statusCode).toBe(422);
    expect(sent.json().code).toBe('SURVEY_NO_RECIPIENTS');
    const campaign = await t.database.db.selectFrom('survey_campaigns').select('sent_at').where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(campaign.sent_at).toBeNull();
  });

  it('two sends of one campaign at the same moment: one sends, the other is told 409, one set of invitations and SMS', async () => {
    const created = await as(manager).post('/api/surveys', { title: '并发发送', questionnaireId, audience: { customerIds: [customers.C4, customers.C5] }, openDays: 7 });
    const before = (await surveySms()).length;
    const results = await Promise.all([as(manager).post(`/api/surveys/${created.json().id}/send`), as(supervisor).post(`/api/surveys/${created.json().id}/send`)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('SURVEY_ALREADY_SENT');
    const invitations = await t.database.db.selectFrom('survey_invitations').select('id').where('campaign_id', '=', created.json().id).execute();
    expect(invitations).toHaveLength(2);
    expect((await surveySms()).length).toBe(before + 2);
  });
});

describe('the customer answers, once', () => {
  it('opens the survey with its link; an unknown link is 404 with its code, a malformed one 400', async () => {
    const res = await publicGet(await tokenFor('13900000001'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: '年度满意度调查', answered: false });
    expect(res.json().questions.map((q: { id: string }) => q.id)).toEqual(['nps', 'csat', 'ces', 'factor', 'comment']);

    const unknown = await publicGet('A'.repeat(32), 'en-US');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'SURVEY_LINK_NOT_FOUND', message: 'This survey link is not valid. Please check the link in your message.' });
    expect((await publicGet('short')).statusCode).toBe(400);
    expect((await publicAnswer('A'.repeat(32), { nps: 9, csat: 5 })).statusCode).toBe(404);
  });

  it('refuses invalid answers with the domain problems, storing nothing', async () => {
    const token = await tokenFor('13900000001');
    const res = await publicAnswer(token, { nps: 11, ces: '5', factor: 'colour', extra: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('SURVEY_ANSWERS_INVALID');
    expect(res.json().problems).toEqual(
      expect.arrayContaining([
        { question: 'extra', code: 'unknown_question' },
        { question: 'nps', code: 'out_of_range' },
        { question: 'csat', code: 'required' },
        { question: 'ces', code: 'not_an_integer' },
        { question: 'factor', code: 'not_an_option' },
      ]),
    );
    expect(res.json().problems).toHaveLength(5);
    expect(await storedAnswers()).toHaveLength(0);
  });

  it('takes the answer once; a second is 409 SURVEY_ALREADY_ANSWERED and changes nothing', async () => {
    const token = await tokenFor('13900000001');
    const first = await publicAnswer(token, { nps: 10, csat: 5, ces: 6, factor: 'speed', comment: '  快递员很专业  ' });
    expect(first.statusCode, first.body).toBe(204);
    const second = await publicAnswer(token, { nps: 0, csat: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('SURVEY_ALREADY_ANSWERED');
    const stored = await storedAnswers();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.answers).toEqual({ nps: 10, csat: 5, ces: 6, factor: 'speed', comment: '快递员很专业' });
    const page = await publicGet(token);
    expect(page.json()).toMatchObject({ answered: true, questions: [] });
  });

  it('two answers sent at the same moment: one is stored, the other is told 409', async () => {
    const token = await tokenFor('13900000005');
    const [a, b] = await Promise.all([publicAnswer(token, { nps: 7, csat: 2, ces: 4 }), publicAnswer(token, { nps: 1, csat: 1, ces: 1 })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([204, 409]);
    const stored = (await storedAnswers()).filter((s) => s.customer_id === customers.C5);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.answers).toEqual(a.statusCode === 204 ? { nps: 7, csat: 2, ces: 4 } : { nps: 1, csat: 1, ces: 1 });
    // The rest of this file counts on the first one: make it so whichever won.
    await t.database.db.updateTable('survey_invitations').set({ answers: JSON.stringify({ nps: 7, csat: 2, ces: 4 }) }).where('customer_id', '=', customers.C5!).where('campaign_id', '=', campaignId).execute();
  });

  it('a closed survey is a clear 410, not an error', async () => {
    const token = await tokenFor('13900000003');
    const [other] = await t.database.db.selectFrom('survey_invitations').select('campaign_id').where('customer_id', '=', customers.C3!).where('campaign_id', '!=', campaignId).execute();
    await t.database.db.updateTable('survey_campaigns').set({ closes_at: new Date(Date.now() - 1000) }).where('id', '=', other!.campaign_id).execute();
    // The token of the first campaign is still open; the second campaign's link to C3 is closed.
    expect((await publicGet(token)).statusCode).toBe(200);
    const sms = (await surveySms()).filter((n) => n.recipient === '13900000003' && n.body.includes('大客户调查'));
    const closedToken = /\/survey\/([A-Za-z0-9_-]+)/.exec(sms[0]!.body)![1]!;
    const closed = await publicGet(closedToken);
    expect(closed.statusCode).toBe(410);
    expect(closed.json().code).toBe('SURVEY_LINK_EXPIRED');
    expect((await publicAnswer(closedToken, { nps: 9, csat: 5 })).statusCode).toBe(410);
  });
});

describe('results', () => {
  beforeAll(async () => {
    expect((await publicAnswer(await tokenFor('13900000002'), { nps: 6, csat: 3, ces: 2 })).statusCode).toBe(204);
    expect((await publicAnswer(await tokenFor('13900000004'), { nps: 9, csat: 4 })).statusCode).toBe(204);
    // Ticket ratings after resolution: C3 rated one during the survey (counts in CSAT); C6 was not
    // asked, and C1's rating is from before the survey's period: neither counts.
    const rated = (customer: string, rating: number, at: Date) =>
      sql`insert into tickets (kind, subject, channel, status, customer_id, rating, rated_at, resolved_at)
          values ('query', '评价', 'phone', 'resolved', ${customer}, ${rating}, ${at.toISOString()}, ${at.toISOString()})`.execute(t.database.db);
    await rated(customers.C3!, 5, new Date());
    await rated(customers.C6!, 1, new Date());
    await rated(customers.C1!, 1, new Date(Date.now() - 60 * 24 * 3600 * 1000));
  });

  it('a manager sees NPS, CSAT, CES and response rate as worked out by hand, overall, by tier and by account manager', async () => {
    const res = await as(manager).get(`/api/surveys/${campaignId}/results`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.scope).toBe('all');
    // Answered: C1 (10,5,6) C2 (6,3,2) C4 (9,4,–) C5 (7,2,4); C3 did not answer but rated a ticket 5.
    expect(r.campaign).toMatchObject({ invited: 5, answered: 4 });
    expect(r.responseRate).toBe(0.8);
    // NPS: promoters C1, C4; detractor C2; passive C5 → (2 − 1) / 4 = 25.
    expect(r.nps).toEqual({ responses: 4, promoters: 2, passives: 1, detractors: 1, score: 25 });
    // CSAT: 5, 3, 4, 2 and the ticket's 5 → 3 of 5.
    expect(r.csat).toEqual({ responses: 5, satisfied: 3, fromTicketRatings: 1, share: 0.6 });
    // CES: (6 + 2 + 4) / 3.
    expect(r.ces).toEqual({ responses: 3, mean: 4 });

    expect(r.byTier).toEqual([
      expect.objectContaining({ group: 'key', invited: 3, answered: 2, responseRate: 2 / 3, nps: expect.objectContaining({ score: 0 }), csat: expect.objectContaining({ satisfied: 2, responses: 3, share: 2 / 3 }) }),
      expect.objectContaining({ group: 'standard', invited: 2, answered: 2, responseRate: 1, nps: expect.objectContaining({ score: 50 }), csat: expect.objectContaining({ share: 0.5 }) }),
    ]);
    expect(r.byAccountManager).toEqual([
      expect.objectContaining({ group: kam.userId, name: '陈静', invited: 3, answered: 2, nps: expect.objectContaining({ score: 0 }) }),
      expect.objectContaining({ group: null, name: null, invited: 2, answered: 2, nps: expect.objectContaining({ score: 50 }) }),
    ]);
    expect(r.bySegment).toEqual({ available: false, groups: [] });
  });

  it("an account manager sees only their own customers' results and answers", async () => {
    const res = await as(kam).get(`/api/surveys/${campaignId}/results`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.scope).toBe('ownCustomers');
    expect(r.campaign).toMatchObject({ invited: 3, answered: 2 });
    expect(r.nps).toMatchObject({ responses: 2, score: 0 });
    expect(r.csat).toMatchObject({ responses: 3, satisfied: 2 });
    expect(r.byAccountManager.map((g: { group: string }) => g.group)).toEqual([kam.userId]);

    const answers = await as(kam).get(`/api/surveys/${campaignId}/answers`);
    expect(answers.json().total).toBe(2);
    const list = await as(kam).get('/api/surveys');
    expect(list.json().items.find((c: { id: string }) => c.id === campaignId)).toMatchObject({ invited: 3, answered: 2 });
  });

  it('lists the answers with customers masked; refuses desk agents; an unknown survey is 404', async () => {
    const res = await as(supervisor).get(`/api/surveys/${campaignId}/answers?pageSize=10`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(4);
    const c1 = res.json().items.find((i: { answers: { nps: number } }) => i.answers.nps === 10);
    expect(c1).toMatchObject({ customer: '调*****', tier: 'key', accountManager: '陈静', answers: { comment: '快递员很专业' } });
    expect((await as(agent).get(`/api/surveys/${campaignId}/results`)).statusCode).toBe(403);
    expect((await as(agent).get(`/api/surveys/${campaignId}/answers`)).statusCode).toBe(403);
    const missing = await as(manager).get('/api/surveys/00000000-0000-4000-8000-000000000000/results');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('SURVEY_NOT_FOUND');
  });
});

describe('on the customer view', () => {
  it('lists the surveys sent to the customer, answered or not, with the scores given; masked; not an agent’s to read', async () => {
    const view = async (s: Session, id: string) => {
      const res = await as(s).get(`/api/customers/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const c1 = await view(supervisor, customers.C1!);
    expect(c1.surveys.available).toBe(true);
    // Newest first: the key customers' survey (closed since, not answered), then the yearly one C1 answered (10, 5, 6).
    expect(c1.surveys.items.map((i: { title: string; status: string }) => [i.title, i.status])).toEqual([
      ['大客户调查', 'closed'],
      ['年度满意度调查', 'answered'],
    ]);
    const answered = c1.surveys.items[1];
    expect(answered).toMatchObject({ campaignId, tier: 'key', accountManager: '陈静', answeredAt: expect.any(String) });
    expect(answered.scores).toEqual([
      { questionId: 'nps', kind: 'nps', text: QUESTIONS[0]!.text, value: 10 },
      { questionId: 'csat', kind: 'csat', text: QUESTIONS[1]!.text, value: 5 },
      { questionId: 'ces', kind: 'ces', text: QUESTIONS[2]!.text, value: 6 },
    ]);
    expect(c1.surveys.items[0].scores.map((s: { value: number | null }) => s.value)).toEqual([null, null, null]);
    // No personal data: neither the phone the SMS went to, nor what the customer typed.
    expect(JSON.stringify(c1.surveys)).not.toContain('13900000001');
    expect(JSON.stringify(c1.surveys)).not.toContain('快递员很专业');

    // C3 answered neither.
    const c3 = await view(supervisor, customers.C3!);
    expect(c3.surveys.items.map((i: { title: string; status: string; answeredAt: string | null }) => [i.title, i.status, i.answeredAt])).toEqual([
      ['大客户调查', 'closed', null],
      ['年度满意度调查', 'open', null],
    ]);
    // The account manager who looked after C1 when asked reads them; an agent is told they are not theirs.
    expect((await view(kam, customers.C1!)).surveys.items).toHaveLength(2);
    expect((await view(agent, customers.C1!)).surveys).toEqual({ available: false, reason: 'not_permitted' });
  });
});
