/**
 * Quality checks (质检, issue 20 §4) through the API on a real database: the weekly sample and a
 * supervisor's on-demand one (complaints, claims and forbidden-phrase hits always among the five,
 * each agent's week to a reviewer of their team), a review against the scorecard, the agent who
 * sees and disputes it, the decision, calibration sessions not counted for the agent, the quality
 * signals per agent, the summary the supervision reports read, and every refusal with its code and
 * nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateOf } from '../../src/domain/time-limits/working-days.js';
import { mondayOf } from '../../src/domain/quality/sampling.js';
import { qualitySummary, runWeeklySampling } from '../../src/modules/quality/service.js';
import { digestDatabase } from '../support/digest.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let agent2: Session;
let supervisor: Session;
let supervisor2: Session;
let manager: Session;
let admin: Session;
let ops: Session;
let callTeam = '';
const tickets: Record<'hit' | 'complaint' | 'claim' | 'templated', string> = { hit: '', complaint: '', claim: '', templated: '' };
const plain: string[] = [];
const TZ = 'Asia/Shanghai';
const today = () => localDateOf(new Date(), TZ);
const thisWeek = () => mondayOf(today());

/** Everything stored but the sessions (a request marks its session seen). */
const snapshot = () => digestDatabase(t.database, ['sessions']);

const as = (s: Session, lang = 'zh-CN') => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: s.headers({ 'accept-language': lang }) }),
  post: (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: s.headers({ 'accept-language': lang }), payload: payload as object }),
  put: (url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, headers: s.headers({ 'accept-language': lang }), payload: payload as object }),
});

let opened = 0;
/** A ticket the session opens and answers publicly (so it is the session's work this week). */
async function worked(session: Session, kind: string, options: { hit?: boolean; templateKey?: string } = {}) {
  opened += 1;
  const res = await as(session).post('/api/tickets', { kind, channel: 'phone', subject: `质检测试工单 ${opened}`, description: '客户来电。' });
  expect(res.statusCode, res.body).toBe(201);
  const ticket = res.json() as { id: string; version: number };
  if (options.hit) {
    const blocked = await as(session).post(`/api/tickets/${ticket.id}/replies`, { body: '这不关我的事,你自己先查清楚!', visibility: 'public', version: ticket.version });
    expect(blocked.statusCode).toBe(422);
  }
  const reply = await as(session).post(`/api/tickets/${ticket.id}/replies`, {
    body: '您好，我们马上为您核实。',
    visibility: 'public',
    version: ticket.version,
    ...(options.templateKey ? { templateKey: options.templateKey } : {}),
  });
  expect(reply.statusCode, reply.body).toBe(200);
  return ticket.id;
}

/** The 9 standard scores: everything passes, the weighted categories as given. */
const scores = (over: Record<string, number> = {}) => ({ greeting: 100, courtesy: 80, accuracy: 90, ownership: 70, communication: 60, no_forbidden_phrases: 100, privacy: 100, ...over });

beforeAll(async () => {
  t = await createTestApp();
  [agent, agent2, supervisor, manager, admin, ops] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('supervisor01'), t.signIn('manager01'), t.signIn('admin'), t.signIn('ops01')]);
  callTeam = (await t.database.db.selectFrom('departments').select('id').where('code', '=', 'CS-CALL').executeTakeFirstOrThrow()).id;
  const created = await as(admin).post('/api/users', { username: 'supervisor02', displayName: '周敏', password: 'Spring-Festival-2026', role: 'supervisor', departmentId: callTeam });
  expect(created.statusCode, created.body).toBe(201);
  supervisor2 = await t.signIn('supervisor02', 'Spring-Festival-2026');
  tickets.hit = await worked(agent, 'query', { hit: true });
  tickets.complaint = await worked(agent, 'complaint');
  tickets.claim = await worked(agent, 'claim');
  tickets.templated = await worked(agent, 'query', { templateKey: 'greeting' });
  for (let i = 0; i < 6; i++) plain.push(await worked(agent, 'query'));
  // agent02 (前台服务组, a team without a supervisor) worked two tickets
  await worked(agent2, 'query');
  await worked(agent2, 'query');
  // a ticket agent01 opened but never answered is not their work to sample
  expect((await as(agent).post('/api/tickets', { kind: 'query', channel: 'phone', subject: '未答复的工单' })).statusCode).toBe(201);
});
afterAll(() => t.close());

async function assignments(session: Session, query = '') {
  const res = await as(session).get(`/api/quality/assignments?pageSize=100${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string; week: string; agent: { id: string }; ticket: { id: string }; reviewer: { id: string }; strata: string[]; reason: string; source: string; review: unknown }[]; total: number };
}

describe('sampling', () => {
  it('the weekly job samples the week that ended: five of agent01’s ten, the hit, the complaint and the claim always among them, to a supervisor of the team', async () => {
    const nextMonday = new Date(Date.now() + 7 * 86_400_000);
    const run = await runWeeklySampling({ db: t.database.db, timeZone: TZ }, nextMonday);
    expect(run).toEqual({ week: thisWeek(), created: 7 });
    const all = await assignments(supervisor, '&mine=false');
    const ofAgent = all.items.filter((a) => a.agent.id === agent.userId);
    expect(ofAgent).toHaveLength(5);
    const sampled = ofAgent.map((a) => a.ticket.id);
    expect(sampled).toEqual(expect.arrayContaining([tickets.hit, tickets.complaint, tickets.claim]));
    expect(ofAgent.find((a) => a.ticket.id === tickets.hit)).toMatchObject({ reason: 'phrase_hit', strata: ['phrase_hit'], source: 'weekly', week: thisWeek() });
    expect(ofAgent.find((a) => a.ticket.id === tickets.complaint)).toMatchObject({ reason: 'complaint', strata: ['complaint'] });
    expect(ofAgent.find((a) => a.ticket.id === tickets.claim)).toMatchObject({ reason: 'claim', strata: ['claim'] });
    // agent01 is the first agent of 客服呼叫中心, whose supervisors are supervisor01 and supervisor02 in turn
    expect(new Set(ofAgent.map((a) => a.reviewer.id))).toEqual(new Set([supervisor.userId]));
    // 前台服务组 has no supervisor: agent02's two go to a supervisor of the company
    const ofAgent2 = all.items.filter((a) => a.agent.id === agent2.userId);
    expect(ofAgent2).toHaveLength(2);
    expect([supervisor.userId, supervisor2.userId]).toContain(ofAgent2[0]!.reviewer.id);
  });

  it('runs twice, samples once: the job again and a supervisor’s sample on demand add nothing to a full week', async () => {
    const again = await runWeeklySampling({ db: t.database.db, timeZone: TZ }, new Date(Date.now() + 7 * 86_400_000));
    expect(again.created).toBe(0);
    const onDemand = await as(supervisor).post('/api/quality/samples', { teamId: callTeam });
    expect(onDemand.statusCode, onDemand.body).toBe(200);
    expect(onDemand.json()).toMatchObject({ week: thisWeek(), perAgent: 5, created: [] });
  });

  it('a supervisor’s sample on demand tops a week up after the number per agent is raised', async () => {
    expect((await as(manager).put('/api/quality/sampling', { perAgent: 7, weights: { phrase_hit: 4, complaint: 3, claim: 3 } })).statusCode).toBe(200);
    const res = await as(supervisor).post('/api/quality/samples', { agentId: agent.userId, seed: 'top-up' });
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json().created as { ticket: { id: string }; source: string; reviewer: { id: string } }[];
    expect(created).toHaveLength(2);
    expect(created.every((a) => plain.includes(a.ticket.id) || a.ticket.id === tickets.templated)).toBe(true);
    expect(created.every((a) => a.source === 'on_demand' && a.reviewer.id === supervisor.userId)).toBe(true);
    expect((await as(manager).put('/api/quality/sampling', { perAgent: 5, weights: { phrase_hit: 4, complaint: 3, claim: 3 } })).statusCode).toBe(200);
  });

  it.each([
    ['a Tuesday', { week: '2026-12-08' }, 400, 'QUALITY_WEEK_INVALID'],
    ['a week to come', { week: '2099-01-05' }, 400, 'QUALITY_WEEK_INVALID'],
    ['an unknown field', { weeks: 2 }, 400, 'VALIDATION_FAILED'],
  ])('refuses a sample for %s, with nothing sampled', async (_why, body, status, code) => {
    const before = await snapshot();
    const res = await as(supervisor).post('/api/quality/samples', body);
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await snapshot()).toEqual(before);
  });

  it('agents neither sample nor see the assignments, and sampling settings out of bounds are refused', async () => {
    expect((await as(agent).post('/api/quality/samples', {})).statusCode).toBe(403);
    expect((await as(agent).get('/api/quality/assignments')).statusCode).toBe(403);
    expect((await as(supervisor).put('/api/quality/sampling', { perAgent: 3, weights: { phrase_hit: 1, complaint: 1, claim: 1 } })).statusCode).toBe(403);
    const bad = await as(manager).put('/api/quality/sampling', { perAgent: 0, weights: { phrase_hit: 1, complaint: 1, claim: 1 } });
    expect(bad.statusCode).toBe(400);
  });
});

let reviewId = '';
let failedReviewId = '';

describe('reviews', () => {
  const mine = async (s: Session) => (await assignments(s)).items;

  it('only the assigned reviewer scores a sampled ticket; another supervisor is refused with nothing written', async () => {
    const [first] = await mine(supervisor);
    const before = await snapshot();
    const res = await as(supervisor2, 'en-US').post(`/api/quality/assignments/${first!.id}/review`, { scores: scores(), bonus: [] });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'QUALITY_REVIEW_NOT_ASSIGNED', message: expect.stringContaining('not assigned to you') });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['a score above 100', { scores: scores({ accuracy: 101 }), bonus: [] }, 'QUALITY_SCORE_OUT_OF_RANGE', '评分项 accuracy 的分数超出范围'],
    ['a red line neither passed nor failed', { scores: scores({ privacy: 50 }), bonus: [] }, 'QUALITY_SCORE_OUT_OF_RANGE', '红线项只能为 0'],
    ['a category without a score', { scores: { greeting: 100 }, bonus: [] }, 'QUALITY_SCORES_INCOMPLETE', '尚未评分'],
    ['an unknown bonus item', { scores: scores(), bonus: ['smile'] }, 'QUALITY_SCORE_ITEM_UNKNOWN', '没有评分项 smile'],
  ])('refuses %s with its code and nothing written', async (_why, body, code, message) => {
    const [first] = await mine(supervisor);
    const before = await snapshot();
    const res = await as(supervisor).post(`/api/quality/assignments/${first!.id}/review`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe(code);
    expect(res.json().message).toContain(message);
    expect(await snapshot()).toEqual(before);
  });

  it('scores the ticket by the scorecard’s weights plus the bonus, once', async () => {
    const first = (await mine(supervisor)).find((a) => a.ticket.id === tickets.hit)!;
    const res = await as(supervisor).post(`/api/quality/assignments/${first.id}/review`, { scores: scores(), bonus: ['proactive'], comment: '开场规范，解释清楚，建议多安抚客户。' });
    expect(res.statusCode, res.body).toBe(201);
    // 10% × 100 + 15% × 80 + 30% × 90 + 25% × 70 + 20% × 60 = 78.5, and 3 for 主动告知后续进展
    expect(res.json()).toMatchObject({ score: 81.5, criticalFailed: false, status: 'submitted', scorecardVersion: 1, kind: 'assigned', agent: { id: agent.userId } });
    reviewId = res.json().id;
    const twice = await as(supervisor).post(`/api/quality/assignments/${first.id}/review`, { scores: scores(), bonus: [] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('QUALITY_REVIEW_SUBMITTED');
    const listed = (await assignments(supervisor)).items.find((a) => a.id === first.id)!;
    expect(listed.review).toMatchObject({ id: reviewId, score: 81.5 });
  });

  it('a red line failed sets the review to 0 whatever else it scored', async () => {
    const next = (await mine(supervisor)).find((a) => a.ticket.id === tickets.complaint)!;
    const res = await as(supervisor).post(`/api/quality/assignments/${next.id}/review`, { scores: scores({ privacy: 0 }), bonus: ['praise'] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ score: 0, criticalFailed: true });
    failedReviewId = res.json().id;
  });

  it('an unknown assignment is 404', async () => {
    const res = await as(supervisor).post('/api/quality/assignments/00000000-0000-4000-8000-000000000000/review', { scores: scores(), bonus: [] });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('QUALITY_ASSIGNMENT_NOT_FOUND');
  });
});

describe('the agent sees and disputes', () => {
  it('agent01 sees the reviews of their own work; agent02 sees none of them, and to them they do not exist', async () => {
    const own = await as(agent).get('/api/quality/reviews');
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((r: { id: string }) => r.id).sort()).toEqual([reviewId, failedReviewId].sort());
    // 81.5 and a red line's 0: the average of every review of theirs, not a page of them
    expect(own.json()).toMatchObject({ total: 2, averageScore: 40.8 });
    const detail = await as(agent).get(`/api/quality/reviews/${reviewId}`);
    expect(detail.json()).toMatchObject({ score: 81.5, comment: '开场规范，解释清楚，建议多安抚客户。', can: { dispute: true, decide: false }, scorecard: { passMark: 80 } });
    expect((await as(agent2).get('/api/quality/reviews')).json().items).toEqual([]);
    // asking for someone else's reviews by name gives one's own, not theirs
    expect((await as(agent2).get(`/api/quality/reviews?agentId=${agent.userId}`)).json().items).toEqual([]);
    const foreign = await as(agent2).get(`/api/quality/reviews/${reviewId}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('QUALITY_REVIEW_NOT_FOUND');
  });

  it.each([
    ['another agent', () => agent2, 404, 'QUALITY_REVIEW_NOT_FOUND'],
    ['the reviewer', () => supervisor, 403, 'QUALITY_DISPUTE_NOT_OWN'],
    ['a department user', () => ops, 403, 'FORBIDDEN'],
  ])('%s may not dispute agent01’s review, and nothing changes', async (_who, session, status, code) => {
    const before = await snapshot();
    const res = await as(session()).post(`/api/quality/reviews/${reviewId}/dispute`, { reason: '我不同意' });
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await snapshot()).toEqual(before);
  });

  it('agent01 disputes once with a reason; a second dispute is refused', async () => {
    const res = await as(agent).post(`/api/quality/reviews/${reviewId}/dispute`, { reason: '客户情绪激动，我已按规范安抚，沟通项评分偏低。' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'disputed', dispute: { reason: '客户情绪激动，我已按规范安抚，沟通项评分偏低。' }, can: { dispute: false } });
    const again = await as(agent, 'en-US').post(`/api/quality/reviews/${reviewId}/dispute`, { reason: '再次申诉' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'QUALITY_DISPUTE_TWICE', message: 'This review has already been disputed; a review may be disputed once.' });
  });

  it('the dispute goes back to the reviewers: another supervisor revises it, keeping the score before; a decided dispute is not decided again', async () => {
    expect((await as(agent).post(`/api/quality/reviews/${reviewId}/decision`, { outcome: 'uphold', note: '维持', version: 2 })).statusCode).toBe(403);
    const open = await as(supervisor2).get('/api/quality/reviews?status=disputed');
    expect(open.json().items.map((r: { id: string }) => r.id)).toEqual([reviewId]);
    const stale = await as(supervisor2).post(`/api/quality/reviews/${reviewId}/decision`, { outcome: 'uphold', note: '维持', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CONFLICT_STALE_VERSION');
    const revised = await as(supervisor2).post(`/api/quality/reviews/${reviewId}/decision`, {
      outcome: 'revise',
      note: '复听录音，安抚到位，沟通项改为 80 分。',
      version: 2,
      scores: scores({ communication: 80 }),
      bonus: ['proactive'],
    });
    expect(revised.statusCode, revised.body).toBe(200);
    expect(revised.json()).toMatchObject({ status: 'revised', score: 85.5, originalScore: 81.5, decision: { by: '周敏', note: '复听录音，安抚到位，沟通项改为 80 分。' } });
    const again = await as(supervisor).post(`/api/quality/reviews/${reviewId}/decision`, { outcome: 'uphold', note: '维持', version: 3 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('QUALITY_DISPUTE_NOT_OPEN');
    expect((await as(agent).get(`/api/quality/reviews/${reviewId}`)).json()).toMatchObject({ score: 85.5, status: 'revised' });
  });
});

describe('calibration', () => {
  let calibrationId = '';
  it('several reviewers score one ticket; each sees the others’ scores and their spread only after scoring; agents are not shown them', async () => {
    const created = await as(supervisor).post('/api/quality/calibrations', { ticketId: tickets.claim, title: '十二月第一周校准：理赔工单' });
    expect(created.statusCode, created.body).toBe(201);
    calibrationId = created.json().id;
    expect(created.json()).toMatchObject({ agent: { id: agent.userId }, reviewCount: 0, submitted: false, reviews: [], spread: null });
    const s1 = await as(supervisor).post(`/api/quality/calibrations/${calibrationId}/reviews`, { scores: scores(), bonus: [] }); // 78.5
    expect(s1.statusCode, s1.body).toBe(201);
    expect(s1.json()).toMatchObject({ submitted: true, spread: { min: 78.5, max: 78.5, spread: 0 } });
    const before2 = await as(supervisor2).get(`/api/quality/calibrations/${calibrationId}`);
    expect(before2.json()).toMatchObject({ submitted: false, reviews: [], spread: null, reviewCount: 1 });
    expect((await as(supervisor2).post(`/api/quality/calibrations/${calibrationId}/reviews`, { scores: scores({ accuracy: 60 }), bonus: [] })).statusCode).toBe(201); // 69.5
    const s3 = await as(manager).post(`/api/quality/calibrations/${calibrationId}/reviews`, { scores: scores({ accuracy: 100, communication: 100 }), bonus: ['praise'] }); // 94.5
    expect(s3.json()).toMatchObject({ reviewCount: 3, spread: { min: 69.5, max: 94.5, spread: 25 } });
    expect(s3.json().reviews).toHaveLength(3);
    const twice = await as(manager).post(`/api/quality/calibrations/${calibrationId}/reviews`, { scores: scores(), bonus: [] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('QUALITY_REVIEW_SUBMITTED');
  });

  it('calibration scores are not the agent’s: not listed for them, not disputable, not counted', async () => {
    expect((await as(agent).get('/api/quality/reviews')).json().items).toHaveLength(2);
    expect((await as(agent).get(`/api/quality/calibrations/${calibrationId}`)).statusCode).toBe(403);
    const listed = await as(supervisor).get('/api/quality/reviews?calibrations=true');
    const calibrationReview = listed.json().items[0];
    expect(calibrationReview.kind).toBe('calibration');
    const res = await as(agent).post(`/api/quality/reviews/${calibrationReview.id}/dispute`, { reason: '不同意' });
    expect(res.statusCode).toBe(404);
    const summary = await qualitySummary(t.database.db, { from: today(), to: today() });
    expect(summary.find((r) => r.agentId === agent.userId)).toEqual({ agentId: agent.userId, agentName: '王晓敏', teamId: callTeam, reviews: 2, averageScore: 42.8, criticalFails: 1, disputes: 1 });
  });

  it('an unknown ticket or calibration is 404', async () => {
    const res = await as(supervisor).post('/api/quality/calibrations', { ticketId: '00000000-0000-4000-8000-000000000000', title: '校准' });
    expect(res.statusCode).toBe(404);
    expect((await as(supervisor).get('/api/quality/calibrations/00000000-0000-4000-8000-000000000000')).json().code).toBe('QUALITY_CALIBRATION_NOT_FOUND');
  });
});

describe('quality signals', () => {
  it('per agent: forbidden-phrase hits, replies and standard-phrase use beside the review average', async () => {
    const res = await as(supervisor).get(`/api/quality/signals?from=${today()}&to=${today()}`);
    expect(res.statusCode, res.body).toBe(200);
    const row = res.json().agents.find((a: { agent: { id: string } }) => a.agent.id === agent.userId);
    expect(row).toMatchObject({ replies: 10, standardPhraseReplies: 1, standardPhraseRate: 10, phraseHits: expect.any(Number), reviews: 2, averageScore: 42.8, criticalFails: 1, disputes: 1 });
    expect(row.phraseHits).toBeGreaterThan(0);
    expect(row.blockedHits).toBe(row.phraseHits);
    const other = res.json().agents.find((a: { agent: { id: string } }) => a.agent.id === agent2.userId);
    expect(other).toMatchObject({ replies: 2, phraseHits: 0, reviews: 0, averageScore: null });
  });

  it('agents may not read the signals; a period backwards is refused', async () => {
    expect((await as(agent).get(`/api/quality/signals?from=${today()}&to=${today()}`)).statusCode).toBe(403);
    const res = await as(supervisor).get('/api/quality/signals?from=2026-12-31&to=2026-12-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('QUALITY_PERIOD_INVALID');
  });
});

describe('the scorecard', () => {
  it('is read by agents and reviewers, changed as a new version by those who keep policies; old reviews keep theirs', async () => {
    const current = await as(agent).get('/api/quality/scorecard');
    expect(current.statusCode).toBe(200);
    const { scorecard } = current.json();
    expect(scorecard.categories.map((c: { weight: number }) => c.weight).reduce((a: number, b: number) => a + b, 0)).toBe(100);
    expect((await as(supervisor).put('/api/quality/scorecard', { scorecard, note: '调整' })).statusCode).toBe(403);
    const bad = await as(admin).put('/api/quality/scorecard', { scorecard: { ...scorecard, bonusCap: 5, categories: scorecard.categories.map((c: { key: string }) => (c.key === 'greeting' ? { ...c, weight: 5 } : c)) }, note: '调整' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'QUALITY_SCORECARD_INVALID', message: expect.stringContaining('the weights sum to 95, not 100') });
    const good = await as(admin).put('/api/quality/scorecard', { scorecard: { ...scorecard, bonusCap: 5 }, note: '加分上限调为 5 分' });
    expect(good.json()).toEqual({ version: 2 });
    expect((await as(supervisor).get('/api/quality/scorecard')).json()).toMatchObject({ version: 2, scorecard: { bonusCap: 5 } });
    expect((await as(agent).get(`/api/quality/reviews/${reviewId}`)).json()).toMatchObject({ scorecardVersion: 1, scorecard: { bonusCap: 10 } });
  });
});
