/**
 * The sources managers read on the policy pages cite real documents, never an internal planning
 * file, and render in zh-CN and en-US: on a new database (the seed) and on an older one after
 * migration 2026-12-07T0600, which adds a version of each policy with the same numbers and leaves
 * history and an admin's own wording as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REWORDED, up } from '../../src/db/migrations/2026-12-07T0600_readable_sources.js';
import { sourceText, SYSTEM_NOTES } from '../../src/domain/sources.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

const INTERNAL = /\b[Ss]eeds?\b|种子|PRODUCT|STYLE|\.md\b/;
const HAN = /\p{Script=Han}/u;

let t: TestApp;
let admin: Session;

const get = async <T>(url: string): Promise<T> => {
  const response = await t.app.inject({ method: 'GET', url, headers: admin.headers() });
  expect(response.statusCode, url).toBe(200);
  return response.json<T>();
};

interface Target {
  minutes: number;
  basis: string;
  source: string;
}
interface SlaView {
  version: number;
  note: string;
  createdBy: string;
  policy: { rules: { kind: string; firstResponse: Target | null; resolution: Target | null }[]; departmentReply: Target };
  versions: { version: number }[];
}
interface TimeLimitView {
  current: { version: number; note: string; createdBy: string; rules: Record<string, { value: number; unit: string; source: string }> };
  history: { version: number; rules: Record<string, { source: string }> }[];
}

const slaSources = (view: SlaView) => [
  ...view.policy.rules.flatMap((r) => [r.firstResponse, r.resolution].flatMap((target) => (target ? [target.source] : []))),
  view.policy.departmentReply.source,
];

/** Every source the policy and phrase APIs answer, with what it belongs to. */
async function answeredSources(): Promise<{ what: string; source: string }[]> {
  const sla = await get<SlaView>('/api/admin/sla-policy');
  const limits = await get<TimeLimitView>('/api/time-limit-policy');
  const standard = await get<{ items: { key: string; source: string }[] }>('/api/admin/phrases/standard');
  const forbidden = await get<{ items: { phrase: string; source: string }[] }>('/api/admin/phrases/forbidden');
  const days = await get<{ items: { date: string; source: string }[] }>('/api/admin/calendar/days?year=2027');
  return [
    ...slaSources(sla).map((source) => ({ what: 'SLA', source })),
    ...Object.entries(limits.current.rules).map(([key, rule]) => ({ what: `time limit ${key}`, source: rule.source })),
    ...standard.items.map((p) => ({ what: `standard ${p.key}`, source: p.source })),
    ...forbidden.items.map((p) => ({ what: `forbidden ${p.phrase}`, source: p.source })),
    ...days.items.map((d) => ({ what: `calendar ${d.date}`, source: d.source })),
  ];
}

/** A source's citations: without the lines an admin's change appended ("；v2：…", the admin's own words). */
const citations = (source: string) => source.replace(/；v\d+[：\s].*$/s, '');

function expectReadable(sources: { what: string; source: string }[]): void {
  const unreadable = sources.filter(({ source }) => INTERNAL.test(source) || HAN.test(sourceText(citations(source), 'en-US')) || !HAN.test(source));
  expect(unreadable).toEqual([]);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('admin');
});

afterAll(async () => {
  await t?.close();
});

describe('readable sources', () => {
  it('a new database answers real sources, in both languages, with the default note', async () => {
    const sources = await answeredSources();
    expect(sources.length).toBeGreaterThan(100);
    expectReadable(sources);
    const sla = await get<SlaView>('/api/admin/sla-policy');
    expect(sla).toMatchObject({ version: 1, note: SYSTEM_NOTES.defaults.zh, createdBy: 'system' });
    expect((await get<TimeLimitView>('/api/time-limit-policy')).current).toMatchObject({ version: 1, note: SYSTEM_NOTES.defaults.zh });
  });

  it('an older database gets a new version of each policy with the same numbers, and rows reworded, by the migration', async () => {
    const db = t.database.db;
    // The database as an older release left it: each default source in an old wording (the
    // Chinese one where there is one), one number an admin changed since, an admin's own source.
    const oldOf = (pairs: readonly (readonly [string, string])[]) => {
      const map = new Map<string, string>();
      for (const [old, now] of pairs) map.set(now, old); // later (Chinese) wording wins
      return map;
    };
    const slaOld = oldOf(REWORDED.SLA);
    const sla = await get<SlaView>('/api/admin/sla-policy');
    const oldPolicy = structuredClone(sla.policy);
    for (const rule of oldPolicy.rules) {
      for (const target of [rule.firstResponse, rule.resolution]) if (target) target.source = slaOld.get(target.source) ?? target.source;
    }
    oldPolicy.departmentReply.source = `${slaOld.get(oldPolicy.departmentReply.source)}；v2：1 小时（工作时间） → 45 分钟（工作时间）（部门要求更快回复）`;
    oldPolicy.departmentReply.minutes = 45;
    const claim = oldPolicy.rules.find((r) => r.kind === 'claim')!;
    claim.resolution!.source = '理赔管理办法（2026 版）第 5 条';
    await db.insertInto('sla_policies').values({ version: 2, policy: JSON.stringify(oldPolicy), note: '部门要求更快回复', created_by: 'admin' }).execute();

    const limitsOld = oldOf(REWORDED.TIME_LIMITS);
    const limits = await get<TimeLimitView>('/api/time-limit-policy');
    const oldRules = structuredClone(limits.current.rules);
    for (const rule of Object.values(oldRules)) rule.source = limitsOld.get(rule.source) ?? rule.source;
    await db.insertInto('time_limit_policies').values({ version: 2, rules: JSON.stringify(oldRules), note: '旧版本', created_by: 'admin' }).execute();

    for (const [table, pairs] of [['standard_phrases', REWORDED.STANDARD], ['forbidden_phrases', REWORDED.FORBIDDEN], ['calendar_days', REWORDED.CALENDAR]] as const) {
      for (const [now, old] of oldOf(pairs)) await db.updateTable(table).set({ source: old }).where('source', '=', now).execute();
    }
    // an admin's own wording of one phrase's source
    await db.updateTable('standard_phrases').set({ source: '本公司话术手册第 2 页' }).where('key', '=', 'greeting.1').execute();

    const before = await answeredSources();
    expect(before.filter(({ source }) => INTERNAL.test(source)).length).toBeGreaterThan(50);

    await up(db);

    const after = await answeredSources();
    expectReadable(after.filter(({ source }) => !source.startsWith('理赔管理办法') && !source.startsWith('本公司话术手册')));

    const slaNow = await get<SlaView>('/api/admin/sla-policy');
    expect(slaNow).toMatchObject({ version: 3, note: SYSTEM_NOTES.sourcesReworded.zh, createdBy: 'system' });
    expect(slaNow.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    // the same numbers, rule by rule
    const numbers = (p: SlaView['policy']) => JSON.stringify(p, (key, value: unknown) => (key === 'source' ? undefined : value));
    expect(numbers(slaNow.policy)).toBe(numbers(oldPolicy));
    // the change line an admin's change appended stays; the default it was appended to is reworded
    expect(slaNow.policy.departmentReply.source).toBe('客服用语规范 §三 回复时限「需反馈至相关部门协调解决的，1 小时内」；v2：1 小时（工作时间） → 45 分钟（工作时间）（部门要求更快回复）');
    expect(slaNow.policy.rules.find((r) => r.kind === 'claim')!.resolution!.source).toBe('理赔管理办法（2026 版）第 5 条');
    // history is not rewritten
    const version2 = await get<{ policy: SlaView['policy'] }>('/api/admin/sla-policy/2');
    expect(version2.policy).toEqual(oldPolicy);

    const limitsNow = await get<TimeLimitView>('/api/time-limit-policy');
    expect(limitsNow.current).toMatchObject({ version: 3, note: SYSTEM_NOTES.sourcesReworded.zh, createdBy: 'system' });
    for (const [key, rule] of Object.entries(limitsNow.current.rules)) expect({ key, value: rule.value }).toEqual({ key, value: oldRules[key]!.value });
    expect(limitsNow.history.find((v) => v.version === 2)!.rules).toEqual(oldRules);

    const standard = await get<{ items: { key: string; source: string }[] }>('/api/admin/phrases/standard');
    expect(standard.items.find((p) => p.key === 'greeting.1')!.source).toBe('本公司话术手册第 2 页');

    // run again: nothing left to reword, no further version
    await up(db);
    expect((await get<SlaView>('/api/admin/sla-policy')).version).toBe(3);
    expect((await get<TimeLimitView>('/api/time-limit-policy')).current.version).toBe(3);
  });
});
