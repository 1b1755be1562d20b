import { describe, expect, it } from 'vitest';
import { PHRASE_TEXT_MAX, placeholdersIn, promiseDate, renderTemplate, validateTemplate, type Placeholder } from './template.js';

describe('placeholdersIn', () => {
  it.each([
    { case: 'none', text: '我们马上为您查询。', names: [] },
    { case: 'one', text: '您好，我是{agentName}。', names: ['agentName'] },
    { case: 'several in order', text: '{customerName}您好，运单{waybillNo}将于{date}送达', names: ['customerName', 'waybillNo', 'date'] },
    { case: 'repeated once', text: '{waybillNo}，{waybillNo}', names: ['waybillNo'] },
    { case: 'unknown too', text: '{foo}和{minutes}', names: ['foo', 'minutes'] },
    { case: 'empty braces', text: '请看{}', names: [''] },
    { case: 'full-width braces are text', text: '｛customerName｝', names: [] },
  ])('$case', ({ text, names }) => {
    expect(placeholdersIn(text)).toEqual(names);
  });
});

describe('renderTemplate', () => {
  it.each([
    {
      case: 'all values',
      text: '{customerName}您好，我是{agentName}。',
      values: { customerName: '张先生', agentName: '小李' },
      out: '张先生您好，我是小李。',
      missing: [],
    },
    {
      case: 'missing stays visible',
      text: '您的快件{waybillNo}将于{date}前送达。',
      values: { waybillNo: 'SF1234567890' },
      out: '您的快件SF1234567890将于{date}前送达。',
      missing: ['date'],
    },
    {
      case: 'blank value counts as missing',
      text: '{customerName}您好',
      values: { customerName: '  ' },
      out: '{customerName}您好',
      missing: ['customerName'],
    },
    {
      case: 'repeated placeholder, listed once',
      text: '{minutes}分钟，{minutes}分钟',
      values: {},
      out: '{minutes}分钟，{minutes}分钟',
      missing: ['minutes'],
    },
    {
      case: 'repeated placeholder filled everywhere',
      text: '{minutes}分钟，{minutes}分钟',
      values: { minutes: '5' },
      out: '5分钟，5分钟',
      missing: [],
    },
    { case: 'unknown placeholder untouched', text: '{foo}您好', values: { customerName: 'x' }, out: '{foo}您好', missing: [] },
    {
      case: 'value is inserted literally, not expanded again',
      text: '{customerName}：{date}',
      values: { customerName: '{date}', date: '今天' },
      out: '{date}：今天',
      missing: [],
    },
    { case: 'no placeholders', text: '没关系，请您不要介意。', values: {}, out: '没关系，请您不要介意。', missing: [] },
  ] satisfies {
    case: string;
    text: string;
    values: Partial<Record<Placeholder, string>>;
    out: string;
    missing: Placeholder[];
  }[])('$case', ({ text, values, out, missing }) => {
    expect(renderTemplate(text, values)).toEqual({ text: out, missing });
  });
});

describe('validateTemplate', () => {
  it.each([
    { case: 'valid', text: '您好，我是{agentName}，请问有什么能帮您？', errors: [] },
    { case: 'valid without placeholders', text: '不用谢，这是我们应该做的。', errors: [] },
    { case: 'empty', text: '', errors: ['TEMPLATE_EMPTY'] },
    { case: 'blank', text: ' \n\u3000', errors: ['TEMPLATE_EMPTY'] },
    { case: 'exactly the limit', text: '好'.repeat(PHRASE_TEXT_MAX), errors: [] },
    { case: 'too long', text: '好'.repeat(PHRASE_TEXT_MAX + 1), errors: ['TEMPLATE_TOO_LONG'] },
    { case: 'unknown placeholder', text: '{name}您好', errors: ['TEMPLATE_UNKNOWN_PLACEHOLDER:{name}'] },
    { case: 'wrong case is unknown', text: '{CustomerName}您好', errors: ['TEMPLATE_UNKNOWN_PLACEHOLDER:{CustomerName}'] },
    { case: 'empty braces', text: '您好{}', errors: ['TEMPLATE_UNKNOWN_PLACEHOLDER:{}'] },
    { case: 'unclosed brace', text: '您好{customerName', errors: ['TEMPLATE_UNBALANCED_BRACES'] },
    { case: 'stray closing brace', text: '您好customerName}', errors: ['TEMPLATE_UNBALANCED_BRACES'] },
    {
      case: 'nested braces',
      text: '{{customerName}}',
      errors: ['TEMPLATE_UNBALANCED_BRACES'],
    },
    {
      case: 'several problems',
      text: `{foo}${'好'.repeat(PHRASE_TEXT_MAX)}{`,
      errors: ['TEMPLATE_TOO_LONG', 'TEMPLATE_UNBALANCED_BRACES', 'TEMPLATE_UNKNOWN_PLACEHOLDER:{foo}'],
    },
  ])('$case', ({ text, errors }) => {
    expect(validateTemplate(text)).toEqual(errors);
  });
});

describe('promiseDate', () => {
  // 2026-11-22 10:00 in Asia/Shanghai (UTC+8).
  const now = new Date('2026-11-22T02:00:00Z');
  it.each<{ case: string; dueAt: string | null; out: string | undefined }>([
    { case: 'due later today, rounded down to the half hour', dueAt: '2026-11-22T09:37:00Z', out: '今天17:30' },
    { case: 'due soon: the exact minute, never a rounded time already past', dueAt: '2026-11-22T02:10:00Z', out: '今天10:10' },
    { case: 'due tomorrow', dueAt: '2026-11-23T02:00:00Z', out: '明天10:00' },
    { case: 'due in a week', dueAt: '2026-11-29T07:15:00Z', out: '11月29日15:00' },
    { case: 'due next year: with the year', dueAt: '2027-01-02T01:00:00Z', out: '2027年1月2日9:00' },
    { case: 'no deadline: left for the agent', dueAt: null, out: undefined },
    { case: 'overdue: left for the agent, never a date already past', dueAt: '2026-11-22T01:59:00Z', out: undefined },
    { case: 'due right now: left for the agent', dueAt: '2026-11-22T02:00:00Z', out: undefined },
  ])('$case', ({ dueAt, out }) => {
    expect(promiseDate(dueAt === null ? null : new Date(dueAt), now, 'Asia/Shanghai')).toBe(out);
  });

  it('counts days in the company time zone, not in UTC', () => {
    // 23:30 local; due 00:30 local the next day (still the same UTC day).
    expect(promiseDate(new Date('2026-11-22T16:30:00Z'), new Date('2026-11-22T15:30:00Z'), 'Asia/Shanghai')).toBe('明天0:30');
  });
});
