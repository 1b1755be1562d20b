/**
 * Reference data through HTTP (docs/product.md §2, §7): the seeded lists, the live phrase check, admin
 * edits of every list (each audited, each seen at once through the cache), refusals that change
 * nothing, and SLA policy versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHRASE_SITUATIONS } from '../../src/domain/phrases/catalog.js';
import { DEFAULT_SLA_POLICY, targetsFor, type SlaPolicy } from '../../src/domain/sla/policy.js';
import { DEFAULT_POLICY_NOTE } from '../../src/domain/time-limits/policy.js';
import { seedReferenceData } from '../../src/modules/reference/seed.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let admin: Session;
let agent: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('admin');
  agent = await t.signIn('agent01');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function call(session: Session, method: Method, url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: session.headers(), ...(payload !== undefined && { payload: payload as object }) });
}

async function count(table: 'ticket_codes' | 'standard_phrases' | 'forbidden_phrases' | 'calendar_days' | 'sla_policies' | 'phrase_hits' | 'audit_log') {
  const row = await t.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function auditEntries(action: string) {
  return t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('at').execute();
}

describe('seeded reference data', () => {
  it('has the 2026 holidays and 调休 working days of the State Council notice', async () => {
    const response = await call(admin, 'GET', '/api/admin/calendar/days?year=2026');
    expect(response.statusCode).toBe(200);
    const { items, years } = response.json<{ items: { date: string; kind: string; name: string; source: string }[]; years: number[] }>();
    expect(years).toContain(2026);
    expect(items.find((d) => d.date === '2026-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节' });
    expect(items.find((d) => d.date === '2026-02-14')).toMatchObject({ kind: 'workday', name: '春节调休上班' });
    expect(items.every((d) => d.date.startsWith('2026-'))).toBe(true);
    expect(items[0]?.source).toContain('2026');

    const calendar = await t.app.reference.calendar(t.app.db);
    expect(calendar.holidays).toContain('2026-10-01');
    expect(calendar.workdays).toContain('2026-02-14');
    expect(calendar).toMatchObject({ timeZone: 'Asia/Shanghai', workingHours: [{ start: '09:00', end: '18:00' }] });
  });

  it('has standard phrases for every situation of 客服用语规范 and the forbidden phrase 你有完没完', async () => {
    const standard = await call(agent, 'GET', '/api/phrases/standard');
    expect(standard.statusCode).toBe(200);
    const items = standard.json<{ items: { situation: string; text: string }[] }>().items;
    expect(new Set(items.map((p) => p.situation)).size).toBeGreaterThanOrEqual(9);
    // ordered by situation in the library's order (greeting first), then by each situation's order
    const rank = items.map((p) => (PHRASE_SITUATIONS as readonly string[]).indexOf(p.situation));
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
    expect(items[0]?.situation).toBe('greeting');

    const forbidden = await call(admin, 'GET', '/api/admin/phrases/forbidden');
    expect(forbidden.json().items).toContainEqual(expect.objectContaining({ phrase: '你有完没完', category: 'questioning', match: 'contains', active: true }));
  });

  it('has category and cause codes, block mode, exception routing and SLA policy version 1', async () => {
    const codes = (await call(agent, 'GET', '/api/reference/ticket-codes')).json<{ items: { code: string; kind: string; nameZh: string }[] }>().items;
    expect(codes).toContainEqual({ code: 'where_is_it', kind: 'category', nameZh: '查件/催件', nameEn: 'Where is my parcel / chase' });
    expect(codes.filter((c) => c.kind === 'cause').map((c) => c.nameZh)).toContain('中转延误');

    expect((await call(admin, 'GET', '/api/admin/phrase-guard')).json()).toEqual({ mode: 'block' });
    expect(await t.app.reference.exceptionRouting(t.app.db)).toMatchObject({ delayed: 'CS-CALL', damaged: 'CLAIMS', lost: 'CLAIMS' });

    const policy = await call(admin, 'GET', '/api/admin/sla-policy');
    expect(policy.statusCode).toBe(200);
    expect(policy.json()).toMatchObject({ version: 1, note: DEFAULT_POLICY_NOTE, createdBy: 'system', versions: [{ version: 1 }] });
    expect(policy.json().policy).toEqual(JSON.parse(JSON.stringify(DEFAULT_SLA_POLICY)));
  });
});

describe('the live phrase check', () => {
  it('finds a forbidden phrase with its offsets and records nothing', async () => {
    const hitsBefore = await count('phrase_hits');
    const text = '您好，你有完没完？请稍等。';
    const response = await call(agent, 'POST', '/api/phrases/check', { text });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      mode: 'block',
      allowed: false,
      hits: [{ phrase: '你有完没完', category: 'questioning', start: 3, end: 8 }],
    });
    expect(text.slice(3, 8)).toBe('你有完没完');
    expect(await count('phrase_hits')).toBe(hitsBefore);

    const clean = await call(agent, 'POST', '/api/phrases/check', { text: '请问还有什么需要帮您的吗？' });
    expect(clean.json()).toEqual({ mode: 'block', allowed: true, hits: [] });
  });

  it('refuses a text that is too long', async () => {
    const response = await call(agent, 'POST', '/api/phrases/check', { text: '好'.repeat(10_001) });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('forbidden phrases and the guard mode', () => {
  it('an added phrase is checked at once; a deactivated one no longer', async () => {
    const text = '这事懒得理你了';
    expect((await call(agent, 'POST', '/api/phrases/check', { text })).json().hits).toEqual([]); // fills the cache

    const created = await call(admin, 'POST', '/api/admin/phrases/forbidden', { phrase: '懒得理你', category: 'impatience', match: 'contains', source: '质检组补充' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ phrase: '懒得理你', normalized: '懒得理你', category: 'impatience', match: 'contains', source: '质检组补充', active: true });
    const id = created.json().id as string;
    expect((await call(agent, 'POST', '/api/phrases/check', { text })).json().hits).toEqual([{ phrase: '懒得理你', category: 'impatience', start: 2, end: 6 }]);

    const off = await call(admin, 'PATCH', `/api/admin/phrases/forbidden/${id}`, { active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await call(agent, 'POST', '/api/phrases/check', { text })).json().hits).toEqual([]);

    const [entry] = await auditEntries('forbidden_phrase.create');
    expect(entry).toMatchObject({ actor_name: 'admin', subject_type: 'forbidden_phrase', subject_id: id });
    const [update] = await auditEntries('forbidden_phrase.update');
    expect(update?.detail).toMatchObject({ active: { from: true, to: false } });
  });

  it('the same phrase in another spelling is a duplicate (409), on create and on rename', async () => {
    const before = await count('forbidden_phrases');
    const again = await call(admin, 'POST', '/api/admin/phrases/forbidden', { phrase: '你 有完没完！', category: 'other', match: 'contains' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ code: 'PHRASE_DUPLICATE', message: '已有相同的用语。' });
    expect(await count('forbidden_phrases')).toBe(before);

    const other = (await call(admin, 'POST', '/api/admin/phrases/forbidden', { phrase: '自己看', category: 'impatience', match: 'contains' })).json();
    const rename = await call(admin, 'PATCH', `/api/admin/phrases/forbidden/${other.id}`, { phrase: '你有完没完' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().code).toBe('PHRASE_DUPLICATE');
    const list = (await call(admin, 'GET', '/api/admin/phrases/forbidden')).json().items as { id: string; phrase: string }[];
    expect(list.find((p) => p.id === other.id)?.phrase).toBe('自己看');
  });

  it('refuses a phrase of punctuation only, an unknown category and an unknown id', async () => {
    const before = await count('forbidden_phrases');
    const empty = await call(admin, 'POST', '/api/admin/phrases/forbidden', { phrase: '！？ …', category: 'other', match: 'contains' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('PHRASE_INVALID');
    const category = await call(admin, 'POST', '/api/admin/phrases/forbidden', { phrase: '随便你', category: 'rude', match: 'contains' });
    expect(category.statusCode).toBe(400);
    expect(category.json().code).toBe('VALIDATION_FAILED');
    expect(await count('forbidden_phrases')).toBe(before);

    const missing = await call(admin, 'PATCH', '/api/admin/phrases/forbidden/00000000-0000-4000-8000-000000000000', { active: false });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('PHRASE_NOT_FOUND');
  });

  it('in warn mode a reply with a forbidden phrase may be sent, with the hits shown', async () => {
    const warn = await call(admin, 'PUT', '/api/admin/phrase-guard', { mode: 'warn' });
    expect(warn.statusCode).toBe(200);
    const check = (await call(agent, 'POST', '/api/phrases/check', { text: '你有完没完' })).json();
    expect(check).toMatchObject({ mode: 'warn', allowed: true, hits: [{ phrase: '你有完没完' }] });
    const [entry] = await auditEntries('phrase_guard.update');
    expect(entry?.detail).toEqual({ mode: { from: 'block', to: 'warn' } });

    const bad = await call(admin, 'PUT', '/api/admin/phrase-guard', { mode: 'ignore' });
    expect(bad.statusCode).toBe(400);
    await call(admin, 'PUT', '/api/admin/phrase-guard', { mode: 'block' });
    expect((await call(agent, 'POST', '/api/phrases/check', { text: '你有完没完' })).json().allowed).toBe(false);
  });
});

describe('standard phrases', () => {
  it('an admin adds, edits and deactivates a phrase; agents see the change at once', async () => {
    const created = await call(admin, 'POST', '/api/admin/phrases/standard', {
      situation: 'complaint',
      title: '致歉并跟进',
      text: '{customerName}您好，给您带来不便非常抱歉，运单{waybillNo}我们会在{minutes}分钟内回复您。',
    });
    expect(created.statusCode).toBe(201);
    const phrase = created.json();
    expect(phrase).toMatchObject({ situation: 'complaint', title: '致歉并跟进', active: true, source: '' });
    expect(phrase.key).toMatch(/^complaint\.\d+$/);
    const agentList = async () => (await call(agent, 'GET', '/api/phrases/standard')).json().items as { id: string; title: string }[];
    expect((await agentList()).find((p) => p.id === phrase.id)?.title).toBe('致歉并跟进');

    const edited = await call(admin, 'PATCH', `/api/admin/phrases/standard/${phrase.id}`, { title: '致歉并承诺回复', sort: 0 });
    expect(edited.statusCode).toBe(200);
    expect((await agentList()).find((p) => p.id === phrase.id)?.title).toBe('致歉并承诺回复');

    await call(admin, 'PATCH', `/api/admin/phrases/standard/${phrase.id}`, { active: false });
    expect((await agentList()).some((p) => p.id === phrase.id)).toBe(false);
    const all = (await call(admin, 'GET', '/api/admin/phrases/standard')).json().items as { id: string; active: boolean }[];
    expect(all.find((p) => p.id === phrase.id)?.active).toBe(false);

    expect(await auditEntries('standard_phrase.create')).toHaveLength(1);
    const updates = await auditEntries('standard_phrase.update');
    expect(updates.map((u) => u.detail)).toEqual([
      expect.objectContaining({ title: { from: '致歉并跟进', to: '致歉并承诺回复' } }),
      expect.objectContaining({ active: { from: true, to: false } }),
    ]);
  });

  it('refuses an unknown placeholder, unbalanced braces and a text with a forbidden phrase', async () => {
    const before = await count('standard_phrases');
    for (const text of ['您好{customerNmae}', '您好{customerName', '我知道了，你有完没完']) {
      const response = await call(admin, 'POST', '/api/admin/phrases/standard', { situation: 'waiting', title: '试', text });
      expect(response.statusCode, text).toBe(400);
      expect(response.json().code).toBe('PHRASE_INVALID');
    }
    expect((await call(admin, 'POST', '/api/admin/phrases/standard', { situation: 'nowhere', title: '试', text: '好' })).json().code).toBe('VALIDATION_FAILED');
    expect(await count('standard_phrases')).toBe(before);

    const some = (await call(admin, 'GET', '/api/admin/phrases/standard')).json().items[0] as { id: string; text: string };
    const edit = await call(admin, 'PATCH', `/api/admin/phrases/standard/${some.id}`, { text: '你有完没完' });
    expect(edit.json().code).toBe('PHRASE_INVALID');
    const after = (await call(admin, 'GET', '/api/admin/phrases/standard')).json().items[0] as { id: string; text: string };
    expect(after.text).toBe(some.text);

    const missing = await call(admin, 'PATCH', '/api/admin/phrases/standard/00000000-0000-4000-8000-000000000000', { active: false });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('PHRASE_NOT_FOUND');
  });
});

describe('ticket codes', () => {
  it('an admin adds a code, renames and deactivates it; it is never deleted', async () => {
    const created = await call(admin, 'POST', '/api/admin/ticket-codes', { code: 'customs', kind: 'category', nameZh: '清关', nameEn: 'Customs clearance' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'customs', kind: 'category', active: true });
    expect(created.json().sort).toBeGreaterThan(0);
    const active = async () => (await call(agent, 'GET', '/api/reference/ticket-codes')).json().items as { code: string; nameZh: string }[];
    expect((await active()).find((c) => c.code === 'customs')?.nameZh).toBe('清关');

    const renamed = await call(admin, 'PATCH', '/api/admin/ticket-codes/customs', { nameZh: '清关/海关' });
    expect(renamed.json()).toMatchObject({ nameZh: '清关/海关', nameEn: 'Customs clearance' });
    await call(admin, 'PATCH', '/api/admin/ticket-codes/customs', { active: false });
    expect((await active()).some((c) => c.code === 'customs')).toBe(false);
    const all = (await call(admin, 'GET', '/api/admin/ticket-codes')).json().items as { code: string; active: boolean }[];
    expect(all.find((c) => c.code === 'customs')?.active).toBe(false);

    expect(await auditEntries('ticket_code.create')).toHaveLength(1);
    expect((await auditEntries('ticket_code.update')).map((e) => e.detail)).toEqual([
      { nameZh: { from: '清关', to: '清关/海关' } },
      { active: { from: true, to: false } },
    ]);
  });

  it('refuses a taken code (409), a malformed one (400) and an unknown one (404)', async () => {
    const before = await count('ticket_codes');
    const taken = await call(admin, 'POST', '/api/admin/ticket-codes', { code: 'delay', kind: 'cause', nameZh: '延误', nameEn: 'Delay' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toEqual({ code: 'TICKET_CODE_TAKEN', message: '代码“delay”已被使用。' });
    const malformed = await call(admin, 'POST', '/api/admin/ticket-codes', { code: 'Bad-Code', kind: 'category', nameZh: '坏', nameEn: 'Bad' });
    expect(malformed.statusCode).toBe(400);
    expect(await count('ticket_codes')).toBe(before);
    const missing = await call(admin, 'PATCH', '/api/admin/ticket-codes/no_such_code', { active: false });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('TICKET_CODE_NOT_FOUND');
  });
});

describe('business calendar', () => {
  it('an admin changes the hours; the cached calendar follows at once', async () => {
    await t.app.reference.calendar(t.app.db); // fills the cache
    const body = {
      timeZone: 'Asia/Shanghai',
      workingHours: [{ start: '08:30', end: '17:30' }],
      callbackHours: [
        { start: '09:00', end: '12:00' },
        { start: '14:00', end: '18:00' },
      ],
    };
    const response = await call(admin, 'PUT', '/api/admin/calendar', body);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(body);
    expect((await call(admin, 'GET', '/api/admin/calendar')).json()).toEqual(body);
    expect(await t.app.reference.calendar(t.app.db)).toMatchObject(body);
    const [entry] = await auditEntries('calendar.update');
    expect(entry?.detail).toMatchObject({ from: { workingHours: [{ start: '09:00', end: '18:00' }] }, to: body });
  });

  it('refuses windows that end before they start and an unknown time zone, changing nothing', async () => {
    const before = (await call(admin, 'GET', '/api/admin/calendar')).json();
    const backwards = await call(admin, 'PUT', '/api/admin/calendar', { ...before, workingHours: [{ start: '18:00', end: '09:00' }] });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().code).toBe('CALENDAR_INVALID');
    const zone = await call(admin, 'PUT', '/api/admin/calendar', { ...before, timeZone: 'Mars/Olympus_Mons' });
    expect(zone.json().code).toBe('CALENDAR_INVALID');
    const empty = await call(admin, 'PUT', '/api/admin/calendar', { ...before, callbackHours: [] });
    expect(empty.json().code).toBe('CALENDAR_INVALID');
    const format = await call(admin, 'PUT', '/api/admin/calendar', { ...before, workingHours: [{ start: '9:00', end: '18:00' }] });
    expect(format.json().code).toBe('VALIDATION_FAILED');
    expect((await call(admin, 'GET', '/api/admin/calendar')).json()).toEqual(before);
  });

  it('adds next year\'s holiday, changes it and removes it again', async () => {
    const put = await call(admin, 'PUT', '/api/admin/calendar/days/2030-01-01', { kind: 'holiday', name: '元旦', source: '国务院办公厅关于2030年部分节假日安排的通知' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ date: '2030-01-01', kind: 'holiday', name: '元旦', source: '国务院办公厅关于2030年部分节假日安排的通知' });
    const listed = (await call(admin, 'GET', '/api/admin/calendar/days?year=2030')).json();
    expect(listed.items).toEqual([put.json()]);
    expect(listed.years).toContain(2030);
    expect((await t.app.reference.calendar(t.app.db)).holidays).toContain('2030-01-01');

    const changed = await call(admin, 'PUT', '/api/admin/calendar/days/2030-01-01', { kind: 'workday', name: '调休上班' });
    expect(changed.json()).toMatchObject({ kind: 'workday', name: '调休上班', source: '国务院办公厅关于2030年部分节假日安排的通知' });
    const calendar = await t.app.reference.calendar(t.app.db);
    expect(calendar.holidays).not.toContain('2030-01-01');
    expect(calendar.workdays).toContain('2030-01-01');

    const removed = await call(admin, 'DELETE', '/api/admin/calendar/days/2030-01-01');
    expect(removed.statusCode).toBe(204);
    expect((await call(admin, 'GET', '/api/admin/calendar/days?year=2030')).json().items).toEqual([]);
    expect((await t.app.reference.calendar(t.app.db)).workdays).not.toContain('2030-01-01');
    const again = await call(admin, 'DELETE', '/api/admin/calendar/days/2030-01-01');
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('CALENDAR_DAY_NOT_FOUND');

    expect((await auditEntries('calendar_day.put')).map((e) => e.subject_id)).toEqual(['2030-01-01', '2030-01-01']);
    expect(await auditEntries('calendar_day.delete')).toHaveLength(1);
  });

  it('refuses a date that does not exist', async () => {
    const before = await count('calendar_days');
    const response = await call(admin, 'PUT', '/api/admin/calendar/days/2026-02-30', { kind: 'holiday', name: '不存在' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('CALENDAR_INVALID');
    expect((await call(admin, 'PUT', '/api/admin/calendar/days/2026-2-3', { kind: 'holiday', name: '格式' })).statusCode).toBe(400);
    expect(await count('calendar_days')).toBe(before);
  });
});

describe('SLA policy versions', () => {
  function withComplaintFirstResponse(policy: SlaPolicy, minutes: number): SlaPolicy {
    const copy = structuredClone(policy) as SlaPolicy;
    const base = copy.rules.find((r) => r.kind === 'complaint' && !r.priority && !r.tier)!;
    base.firstResponse = { ...base.firstResponse!, minutes, source: 'company decision 2026-11: 45 min' };
    return copy;
  }

  it('a change is saved as version 2; version 1 stays as it was', async () => {
    const current = (await call(admin, 'GET', '/api/admin/sla-policy')).json();
    expect(current.version).toBe(1);
    expect((await t.app.reference.slaPolicy(t.app.db)).version).toBe(1); // fills the cache

    const changed = withComplaintFirstResponse(current.policy as SlaPolicy, 45);
    const response = await call(admin, 'PUT', '/api/admin/sla-policy', { policy: changed, note: '投诉首次响应放宽到 45 分钟', baseVersion: current.version });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ version: 2, note: '投诉首次响应放宽到 45 分钟', createdBy: 'admin' });
    expect(response.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(response.json().policy).toEqual(changed);

    const v1 = await call(admin, 'GET', '/api/admin/sla-policy/1');
    expect(v1.json().policy).toEqual(JSON.parse(JSON.stringify(DEFAULT_SLA_POLICY)));
    const active = await t.app.reference.slaPolicy(t.app.db);
    expect(active.version).toBe(2);
    expect(active.policy.rules.find((r) => r.kind === 'complaint' && !r.priority && !r.tier)?.firstResponse?.minutes).toBe(45);

    const [entry] = await auditEntries('sla_policy.change');
    expect(entry).toMatchObject({ actor_name: 'admin', subject_id: '2', detail: { fromVersion: 1, version: 2, note: '投诉首次响应放宽到 45 分钟' } });
  });

  it('refuses a change made from an older version, so a second admin never silently undoes the first; nothing is saved', async () => {
    const before = (await call(admin, 'GET', '/api/admin/sla-policy')).json();
    // Both admins open the editor on the same version; the first saves.
    const first = await call(admin, 'PUT', '/api/admin/sla-policy', {
      policy: withComplaintFirstResponse(before.policy as SlaPolicy, 50),
      note: '投诉首次响应 50 分钟',
      baseVersion: before.version,
    });
    expect(first.statusCode).toBe(200);
    const second = await call(admin, 'PUT', '/api/admin/sla-policy', {
      policy: withComplaintFirstResponse(before.policy as SlaPolicy, 40),
      note: '投诉首次响应 40 分钟',
      baseVersion: before.version,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('CONFLICT_STALE_VERSION');
    expect(second.json().message).toContain('刷新');
    const after = (await call(admin, 'GET', '/api/admin/sla-policy')).json();
    expect(after.version).toBe(before.version + 1);
    expect(after.policy).toEqual(first.json().policy);
  });

  it('refuses a complaint resolution beyond the statutory 7 days, and a missing note, adding no version', async () => {
    const before = await count('sla_policies');
    const current = (await call(admin, 'GET', '/api/admin/sla-policy')).json();
    const tooLong = structuredClone(current.policy) as SlaPolicy;
    const complaint = tooLong.rules.find((r) => r.kind === 'complaint' && !r.priority && !r.tier)!;
    complaint.resolution = { minutes: 8 * 24 * 60, basis: 'calendar', source: 'too slow' };
    const response = await call(admin, 'PUT', '/api/admin/sla-policy', { policy: tooLong, note: '试一试', baseVersion: current.version });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('POLICY_INVALID');
    expect(response.json().message).toContain('statutory');

    const noBase = { ...current.policy, rules: current.policy.rules.filter((r: { kind: string }) => r.kind !== 'query') };
    const missingRule = await call(admin, 'PUT', '/api/admin/sla-policy', { policy: noBase, note: '删掉查询', baseVersion: current.version });
    expect(missingRule.json().code).toBe('POLICY_INVALID');
    expect(missingRule.json().message).toContain('query');

    const blankNote = await call(admin, 'PUT', '/api/admin/sla-policy', { policy: current.policy, note: '  x ', baseVersion: current.version });
    expect(blankNote.json().code).toBe('POLICY_INVALID');
    const noNote = await call(admin, 'PUT', '/api/admin/sla-policy', { policy: current.policy, baseVersion: current.version });
    expect(noNote.json().code).toBe('VALIDATION_FAILED');
    expect(await count('sla_policies')).toBe(before);
  });

  it('an admin adds a narrower rule and removes one; the clocks use the new version at once', async () => {
    const current = (await call(admin, 'GET', '/api/admin/sla-policy')).json();
    const policy = structuredClone(current.policy) as SlaPolicy;
    // The seed has complaint/urgent; key-account claims get a faster reply (大客户专人负责).
    policy.rules = policy.rules.filter((r) => !(r.kind === 'complaint' && r.priority === 'urgent' && !r.tier));
    const keyClaims = {
      kind: 'claim' as const,
      tier: 'key' as const,
      firstResponse: { minutes: 240, basis: 'calendar' as const, source: '大客户服务协议 2026 第 3 条' },
      resolution: { minutes: 3 * 24 * 60, basis: 'calendar' as const, source: '大客户服务协议 2026 第 3 条' },
    };
    policy.rules.push(keyClaims);

    const response = await call(admin, 'PUT', '/api/admin/sla-policy', { policy, note: '大客户理赔 4 小时内答复；紧急投诉按基础规则', baseVersion: current.version });
    expect(response.statusCode).toBe(200);
    expect(response.json().version).toBe(current.version + 1);
    expect(response.json().policy.rules).toContainEqual(keyClaims);
    expect(response.json().policy.rules.some((r: { kind: string; priority?: string }) => r.kind === 'complaint' && r.priority === 'urgent')).toBe(false);

    const active = await t.app.reference.slaPolicy(t.app.db);
    expect(active.version).toBe(current.version + 1);
    expect(targetsFor(active.policy, 'claim', 'normal', 'key').firstResponse?.minutes).toBe(240);
    expect(targetsFor(active.policy, 'claim', 'normal', 'standard').firstResponse?.minutes).toBe(24 * 60);
    // Without its own rule an urgent complaint from a standard customer falls back to the base rule.
    const base = policy.rules.find((r) => r.kind === 'complaint' && !r.priority && !r.tier)!;
    expect(targetsFor(active.policy, 'complaint', 'urgent', 'standard')).toEqual({ firstResponse: base.firstResponse, resolution: base.resolution });
  });

  it('refuses a second rule for the same kind, priority and tier, a target of 0 minutes and a complaint resolution in working hours, adding no version', async () => {
    const before = await count('sla_policies');
    const current = (await call(admin, 'GET', '/api/admin/sla-policy')).json();
    const put = (rules: SlaPolicy['rules']) => call(admin, 'PUT', '/api/admin/sla-policy', { policy: { ...current.policy, rules }, note: '试一试', baseVersion: current.version });
    const rules = current.policy.rules as SlaPolicy['rules'];
    const target = (minutes: number, basis: 'calendar' | 'business' = 'calendar') => ({ minutes, basis, source: '测试' });

    const duplicate = await put([...rules, { kind: 'complaint', tier: 'key', firstResponse: target(20), resolution: target(60) }]);
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().code).toBe('POLICY_INVALID');
    expect(duplicate.json().message).toContain(`rules[${rules.length}]: a second rule for complaint/*/key`);

    const zero = await put([...rules, { kind: 'query', priority: 'high', firstResponse: target(0), resolution: null }]);
    expect(zero.json().code).toBe('POLICY_INVALID');
    expect(zero.json().message).toContain(`rules[${rules.length}].firstResponse.minutes must be a positive whole number`);

    const working = await put([...rules, { kind: 'complaint', priority: 'high', firstResponse: target(30), resolution: target(600, 'business') }]);
    expect(working.json().code).toBe('POLICY_INVALID');
    expect(working.json().message).toContain('calendar time');

    const unknownTier = await put([...rules, { kind: 'query', tier: 'gold' as never, firstResponse: target(10), resolution: null }]);
    expect(unknownTier.json().code).toBe('VALIDATION_FAILED');
    expect(await count('sla_policies')).toBe(before);
  });
});

describe('who may do what', () => {
  const adminRoutes: [Method, string, unknown?][] = [
    ['GET', '/api/admin/ticket-codes'],
    ['POST', '/api/admin/ticket-codes', { code: 'sneaky', kind: 'category', nameZh: '偷', nameEn: 'Sneaky' }],
    ['PATCH', '/api/admin/ticket-codes/delay', { active: false }],
    ['GET', '/api/admin/phrases/standard'],
    ['POST', '/api/admin/phrases/standard', { situation: 'thanks', title: '谢', text: '谢谢' }],
    ['GET', '/api/admin/phrases/forbidden'],
    ['POST', '/api/admin/phrases/forbidden', { phrase: '好好好', category: 'other', match: 'contains' }],
    ['GET', '/api/admin/phrase-guard'],
    ['PUT', '/api/admin/phrase-guard', { mode: 'warn' }],
    ['GET', '/api/admin/calendar'],
    ['PUT', '/api/admin/calendar', { timeZone: 'UTC', workingHours: [{ start: '00:00', end: '24:00' }], callbackHours: [{ start: '00:00', end: '24:00' }] }],
    ['GET', '/api/admin/calendar/days?year=2026'],
    ['PUT', '/api/admin/calendar/days/2026-12-25', { kind: 'holiday', name: '圣诞' }],
    ['DELETE', '/api/admin/calendar/days/2026-10-01'],
    ['GET', '/api/admin/sla-policy'],
    ['PUT', '/api/admin/sla-policy', { policy: DEFAULT_SLA_POLICY, note: '改一下', baseVersion: 1 }],
  ];

  it('an agent gets 403 on every admin route and nothing changes', async () => {
    const audits = await count('audit_log');
    for (const [method, url, payload] of adminRoutes) {
      const response = await call(agent, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().code).toBe('FORBIDDEN');
    }
    expect(await count('audit_log')).toBe(audits);
    expect((await call(admin, 'GET', '/api/admin/phrase-guard')).json().mode).toBe('block');
  });

  it('a manager edits reference data; a supervisor does not', async () => {
    const manager = await t.signIn('manager01');
    expect((await call(manager, 'GET', '/api/admin/sla-policy')).statusCode).toBe(200);
    const supervisor = await t.signIn('supervisor01');
    expect((await call(supervisor, 'GET', '/api/admin/phrases/forbidden')).statusCode).toBe(403);
  });
});

describe('phrase hits for quality checks', () => {
  it('supervisors read them newest first with the agent and the ticket; agents may not', async () => {
    const agentId = agent.userId;
    await t.database.db
      .insertInto('phrase_hits')
      .values([
        { at: '2026-11-20T02:00:00Z', user_id: agentId, ticket_id: null, phrase: '你有完没完', category: 'questioning', excerpt: '…你有完没完…', blocked: true },
        { at: '2026-11-21T02:00:00Z', user_id: agentId, ticket_id: null, phrase: '我怎么知道', category: 'questioning', excerpt: '…我怎么知道…', blocked: false },
        { at: '2026-11-19T02:00:00Z', user_id: admin.userId, ticket_id: null, phrase: '喂', category: 'addressing', excerpt: '喂，', blocked: true },
      ])
      .execute();
    const supervisor = await t.signIn('supervisor01');
    const page = await call(supervisor, 'GET', '/api/quality/phrase-hits?pageSize=2');
    expect(page.statusCode).toBe(200);
    expect(page.json().total).toBe(3);
    expect(page.json().items).toEqual([
      expect.objectContaining({ phrase: '我怎么知道', userId: agentId, userName: '王晓敏', ticketId: null, ticketNumber: null, blocked: false, at: '2026-11-21T02:00:00.000Z' }),
      expect.objectContaining({ phrase: '你有完没完', blocked: true }),
    ]);
    const mine = await call(supervisor, 'GET', `/api/quality/phrase-hits?userId=${admin.userId}`);
    expect(mine.json()).toMatchObject({ total: 1, items: [{ phrase: '喂', userName: '系统管理员' }] });

    expect((await call(agent, 'GET', '/api/quality/phrase-hits')).statusCode).toBe(403);
  });
});

describe('seeding again', () => {
  it('adds nothing and undoes no admin change', async () => {
    await call(admin, 'PUT', '/api/admin/phrase-guard', { mode: 'warn' });
    const tables = ['ticket_codes', 'standard_phrases', 'forbidden_phrases', 'calendar_days', 'sla_policies'] as const;
    const before = await Promise.all(tables.map((table) => count(table)));
    await seedReferenceData(t.app.db, { timeZone: 'Europe/Berlin' });
    expect(await Promise.all(tables.map((table) => count(table)))).toEqual(before);
    t.app.reference.invalidate();
    expect(await t.app.reference.guardMode(t.app.db)).toBe('warn');
    expect((await t.app.reference.calendar(t.app.db)).timeZone).toBe('Asia/Shanghai');
  });
});
