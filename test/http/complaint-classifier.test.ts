/**
 * Complaint classification (docs/product.md §6): with no training, a complaint's text gets the
 * keyword rules' suggestion; trained on resolved complaints with codes, the model suggests, and its
 * accuracy on held-out complaints is reported; the agent confirms or chooses another code, which
 * sets the ticket's cause with a timeline entry and is recorded; and who may not is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let manager: Session;
let agent: Session;
let agent2: Session;
let openComplaint: string;
let confidential: string;

const send = (s: Session | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s ? s.headers({ 'accept-language': 'en-US' }) : {}, ...(payload && { payload }) });

/** How customers word each cause: the model must learn it from the resolved complaints. */
const PHRASES: Record<string, string[]> = {
  transit_delay: ['快件延误好几天', '物流一直不更新停在中转', '包裹迟迟没有到', '说好两天到现在五天了'],
  courier: ['快递员态度恶劣', '派送员不送上门直接放门口', '快递员没打电话就签收了', '小哥说话很难听'],
  station_handling: ['收到时外箱破损严重', '东西被压坏了', '里面的杯子碎了', '网点暴力分拣'],
  wrong_address: ['地址写错了送到别的小区', '门牌号填错无法投递', '收件地址有误被退回'],
};

beforeAll(async () => {
  t = await createTestApp();
  [manager, agent, agent2] = await Promise.all([t.signIn('manager01'), t.signIn('agent01'), t.signIn('agent02')]);
  const db = t.database.db;
  const agentId = (await db.selectFrom('users').select('id').where('username', '=', 'agent01').executeTakeFirstOrThrow()).id;
  const ticket = (subject: string, cause: string | null, resolved: boolean, extra: { confidential?: boolean } = {}) =>
    db
      .insertInto('tickets')
      .values({
        kind: 'complaint',
        subject,
        description: subject,
        channel: 'phone',
        owner_id: agentId,
        team_id: null,
        cause_code: cause,
        resolved_at: resolved ? new Date('2026-01-10T02:00:00Z') : null,
        status: resolved ? 'resolved' : 'open',
        customer_id: null,
        customer_name: null,
        customer_phone: null,
        category_code: null,
        merged_into_id: null,
        close_reason: null,
        rating: null,
        rating_reason: null,
        created_by: null,
        exception_waybill_no: null,
        confidential: extra.confidential ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  // 30 resolved complaints per cause, worded in four ways with a running number.
  for (const [code, phrases] of Object.entries(PHRASES)) {
    for (let i = 0; i < 30; i++) await ticket(`${phrases[i % phrases.length]}（${i}）`, code, true);
  }
  openComplaint = (await ticket('我的包裹停在中转好几天不动', null, false)).id;
  confidential = (await ticket('快递员态度差', null, false, { confidential: true })).id;
});
afterAll(() => t.close());

describe('complaint classification', () => {
  it('without a trained model the rules suggest', async () => {
    const res = await send(agent, 'GET', `/api/tickets/${openComplaint}/cause-suggestion`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ needed: true, causeCode: null, method: 'rules', suggestions: [{ code: 'transit_delay', nameZh: '中转延误' }], lastConfirmation: null });
  });

  it('training learns from resolved complaints and reports its accuracy on held-out ones', async () => {
    const res = await send(manager, 'POST', '/api/complaint-classifier/train');
    expect(res.statusCode).toBe(201);
    const training = res.json();
    expect(training.method).toBe('naive_bayes');
    expect(training.samples + training.heldOut).toBeGreaterThanOrEqual(120);
    expect(training.heldOut).toBeGreaterThan(0);
    expect(training.accuracy).toBeGreaterThanOrEqual(0.9);
    const status = (await send(manager, 'GET', '/api/complaint-classifier')).json();
    expect(status.training).toEqual(training);
    const suggestion = (await send(agent, 'GET', `/api/tickets/${openComplaint}/cause-suggestion`)).json();
    expect(suggestion.method).toBe('naive_bayes');
    expect(suggestion.suggestions[0].code).toBe('transit_delay');
    expect(suggestion.suggestions[0].score).toBeGreaterThan(0.5);
  });

  it('the agent chooses another code: the cause is set, the timeline says so, the choice is recorded', async () => {
    const { version } = (await send(agent, 'GET', `/api/tickets/${openComplaint}/cause-suggestion`)).json();
    const res = await send(agent, 'POST', `/api/tickets/${openComplaint}/cause-suggestion/confirm`, { code: 'station_handling', version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ causeCode: 'station_handling', suggestedCode: 'transit_delay', accepted: false, version: version + 1 });
    const after = (await send(agent, 'GET', `/api/tickets/${openComplaint}/cause-suggestion`)).json();
    expect(after).toMatchObject({ causeCode: 'station_handling', needed: false, lastConfirmation: { suggestedCode: 'transit_delay', chosenCode: 'station_handling', accepted: false, by: '王晓敏' } });
    const events = await t.database.db.selectFrom('ticket_events').select(['kind', 'from_value as from', 'to_value as to']).where('ticket_id', '=', openComplaint).execute();
    expect(events).toContainEqual({ kind: 'edit', from: null, to: 'station_handling' });
    // Confirming the suggestion is counted as accepted.
    const again = await send(agent, 'POST', `/api/tickets/${openComplaint}/cause-suggestion/confirm`, { code: 'transit_delay', version: version + 1 });
    expect(again.json()).toMatchObject({ accepted: true });
    expect((await send(manager, 'GET', '/api/complaint-classifier')).json().confirmations).toEqual({ accepted: 1, changed: 1 });
  });

  it('refuses who may not, unknown codes and stale versions, changing nothing', async () => {
    const count = async () => (await t.database.db.selectFrom('ticket_cause_confirmations').select('id').execute()).length;
    const before = await count();
    const { version } = (await send(agent, 'GET', `/api/tickets/${openComplaint}/cause-suggestion`)).json();
    const cases: [Session, 'GET' | 'POST', string, object | undefined, number, string][] = [
      [agent, 'POST', `/api/tickets/${openComplaint}/cause-suggestion/confirm`, { code: 'no_such_code', version }, 400, 'TICKET_CODE_INVALID'],
      [agent, 'POST', `/api/tickets/${openComplaint}/cause-suggestion/confirm`, { code: 'courier', version: version - 1 }, 409, 'CONFLICT_STALE_VERSION'],
      [agent2, 'POST', `/api/tickets/${openComplaint}/cause-suggestion/confirm`, { code: 'courier', version }, 403, 'FORBIDDEN'],
      [agent2, 'GET', `/api/tickets/${confidential}/cause-suggestion`, undefined, 404, 'TICKET_NOT_FOUND'],
      [agent, 'GET', '/api/tickets/00000000-0000-4000-8000-000000000000/cause-suggestion', undefined, 404, 'TICKET_NOT_FOUND'],
      [agent, 'GET', '/api/complaint-classifier', undefined, 403, 'FORBIDDEN'],
      [agent, 'POST', '/api/complaint-classifier/train', undefined, 403, 'FORBIDDEN'],
    ];
    for (const [who, method, url, body, status, code] of cases) {
      const res = await send(who, method, url, body);
      expect([url, res.statusCode, res.json().code]).toEqual([url, status, code]);
    }
    expect(await count()).toBe(before);
  });
});
