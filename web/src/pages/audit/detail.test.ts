import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '../../i18n';
import type { AuditEntry } from '../../services/types';
import { detailItems, subjectName } from './detail';

const zh: Translate = (key, params) => translate(key, params, 'zh-CN');
const en: Translate = (key, params) => translate(key, params, 'en-US');
const DEPT = '3f2a1b4c-0000-4000-8000-000000000001';
const lookups = { departmentName: (id: string) => (id === DEPT ? '客服呼叫中心' : undefined) };

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: '1',
  at: '2026-11-22T02:00:00Z',
  actorId: null,
  actorName: '系统',
  action: 'user.create',
  subjectType: 'user',
  subjectId: '9c1d2e3f-1111-4111-8111-111111111111',
  ip: null,
  detail: {},
  ...over,
});

describe('audit detail in words', () => {
  it.each<{ case: string; detail: Record<string, unknown>; zh: string[]; en?: string[] }>([
    { case: 'why a customer was shown unmasked', detail: { ground: 'personal_data_role' }, zh: ['查看理由：有权查看个人信息的角色'], en: ['Reason for viewing: Role that may see personal data'] },
    { case: "the ticket's owner", detail: { ground: 'owner' }, zh: ['查看理由：工单负责人'] },
    {
      case: 'a new user: role and department by name',
      detail: { username: 'agent09', role: 'agent', departmentId: DEPT },
      // the username is the subject's name, shown in its own column: after what the row adds
      zh: ['角色：客服专员', '部门：客服呼叫中心', '用户名：agent09'],
      en: ['Role: Agent', 'Department: 客服呼叫中心', 'Username: agent09'],
    },
    {
      case: 'a changed user: from → to, yes/no',
      detail: { displayName: { from: '王敏', to: '王晓敏' }, active: { from: true, to: false } },
      zh: ['姓名：王敏 → 王晓敏', '启用：是 → 否'],
    },
    { case: 'a failed sign-in: the reason in words', detail: { reason: 'wrong_password' }, zh: ['原因：密码错误'], en: ['Reason: Wrong password'] },
    {
      case: "a KPI target: the team's department by name, the scope in words",
      detail: { kpiId: 'first_response_time', scopeKind: 'team', departmentId: DEPT, value: 20, validFrom: '2026-08-10', reason: '呼叫中心首次响应目标' },
      zh: ['范围：团队', '部门：客服呼叫中心', '目标值：20', '生效日期：2026-08-10', '原因：呼叫中心首次响应目标', '指标代码：first_response_time'],
      en: ['Scope: Team', 'Department: 客服呼叫中心', 'Target: 20', 'In force from: 2026-08-10', 'Reason: 呼叫中心首次响应目标', 'KPI code: first_response_time'],
    },
    {
      case: 'a KPI target as stored (jsonb: shortest keys first): the target, the reason and the scope come before its names and code',
      detail: {
        kpiId: 'first_response_time',
        value: 20,
        nameEn: 'First response time',
        nameZh: '首次响应时长',
        reason: '呼叫中心首次响应目标',
        scopeKind: 'team',
        validFrom: '2026-08-10',
        departmentId: DEPT,
      },
      zh: ['目标值：20', '原因：呼叫中心首次响应目标', '范围：团队', '生效日期：2026-08-10', '部门：客服呼叫中心', '英文名称：First response time', '中文名称：首次响应时长', '指标代码：first_response_time'],
    },
    {
      case: 'a time-limit change: rules by their names',
      detail: { fromVersion: 1, changes: { promiseSameCity: { value: 30 } }, note: '旺季放宽' },
      zh: ['修改内容：承诺时效 · 同城 30', '原版本：1', '修改说明：旺季放宽'],
    },
    {
      case: 'an unknown department and another id: their start only',
      detail: { departmentId: 'aaaaaaaa-0000-4000-8000-000000000002', attachmentId: 'bbbbbbbb-0000-4000-8000-000000000003', sizeBytes: 2048 },
      zh: ['部门：aaaaaaaa…', '大小：2.0 KB', '附件：bbbbbbbb…'],
    },
    { case: 'an unknown key stays as stored', detail: { somethingNew: 'x', forbidden: null }, zh: ['somethingNew：x', 'forbidden：—'] },
  ])('$case', ({ detail, zh: inChinese, en: inEnglish }) => {
    const show = (t: Translate) => detailItems(t, detail, lookups).map((i) => `${i.label}${t === zh ? '：' : ': '}${i.value}`);
    expect(show(zh)).toEqual(inChinese);
    if (inEnglish) expect(show(en)).toEqual(inEnglish);
  });

  it('cuts a long value in the table, not in the expanded row', () => {
    const text = '您好'.repeat(100);
    expect(detailItems(zh, { text }, {})[0]!.value).toHaveLength(61);
    expect(detailItems(zh, { text }, {}, Number.POSITIVE_INFINITY)[0]!.value).toBe(text);
  });
});

describe('subjectName', () => {
  it.each<{ case: string; entry: AuditEntry; name: string | undefined }>([
    { case: 'a user by the username in the detail', entry: entry({ detail: { username: 'agent09', role: 'agent' } }), name: 'agent09' },
    { case: 'a renamed user by the new name', entry: entry({ action: 'user.update', detail: { displayName: { from: '王敏', to: '王晓敏' } } }), name: '王晓敏' },
    { case: 'an API key by its name', entry: entry({ subjectType: 'api_key', detail: { name: '订单系统' } }), name: '订单系统' },
    { case: 'a ticket by its number', entry: entry({ subjectType: 'ticket', detail: { number: 'T20261122-0001', ground: '回访' } }), name: 'T20261122-0001' },
    {
      case: 'a sign-in by the account signing in',
      entry: entry({ action: 'auth.sign_in', actorId: '9c1d2e3f-1111-4111-8111-111111111111', actorName: 'agent01' }),
      name: 'agent01',
    },
    { case: 'a waybill is its own name', entry: entry({ subjectType: 'shipment', subjectId: 'SF1234567890' }), name: 'SF1234567890' },
    { case: 'only an id: no name', entry: entry({ action: 'user.unlock' }), name: undefined },
  ])('$case', ({ entry: e, name }) => {
    expect(subjectName(e)).toBe(name);
  });

  it('a KPI target by its name in the reader\'s language', () => {
    const target = entry({ action: 'kpi_target.set', subjectType: 'kpi_target', detail: { kpiId: 'first_response_time', nameZh: '首次响应时长', nameEn: 'First response time', value: 20 } });
    expect(subjectName(target, 'zh-CN')).toBe('首次响应时长');
    expect(subjectName(target, 'en-US')).toBe('First response time');
  });
});
