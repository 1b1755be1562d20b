import { describe, expect, it } from 'vitest';
import { deltaText, kpiValueText, standingText, targetText } from './format.js';
import type { KpiLine } from './gather.js';

describe('a KPI in its unit', () => {
  it.each([
    ['percent', 96.256, '96.26%'],
    ['percent', null, '—'],
    ['per_million', 412.04, '412.0 件/百万件'],
    ['minutes', 35.4, '35 分钟'],
    ['minutes', 150, '2.5 小时'],
    ['fen', 1234567, '¥12,345.67'],
    ['fen_per_10k', 152300, '¥1,523.00/万件'],
  ] as const)('%s %s → %s', (unit, value, text) => expect(kpiValueText(unit, value)).toBe(text));

  it.each([
    ['percent', 0.7, '+0.70 个百分点'],
    ['percent', -1.6, '−1.60 个百分点'],
    ['minutes', -3, '−3 分钟'],
    ['fen', 0, '±¥0.00'],
    ['percent', null, '—'],
  ] as const)('change %s %s → %s', (unit, delta, text) => expect(deltaText(unit, delta)).toBe(text));

  const line = (over: Partial<KpiLine>): KpiLine => ({
    id: 'x',
    name: { 'zh-CN': 'x', 'en-US': 'x' },
    unit: 'percent',
    direction: 'higher_is_better',
    available: true,
    value: 95,
    previous: null,
    delta: null,
    better: null,
    target: null,
    standing: 'no_target',
    ...over,
  });

  it.each([
    [line({}), '无目标', '无目标'],
    [line({ target: { value: 95, direction: 'higher', versionId: 'v' }, standing: 'met' }), '≥ 95.00%', '达标'],
    [line({ target: { value: 30, direction: 'lower', versionId: 'v' }, standing: 'missed', unit: 'minutes' }), '≤ 30 分钟', '未达标'],
    [line({ available: false, standing: 'no_data' }), '无目标', '暂不可用'],
  ])('target %#', (l, target, standing) => {
    expect(targetText(l)).toBe(target);
    expect(standingText(l)).toBe(standing);
  });
});
