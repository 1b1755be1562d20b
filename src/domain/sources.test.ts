import { describe, expect, it } from 'vitest';
import { DEFAULT_TICKET_CATEGORIES, DEFAULT_TICKET_CAUSES } from '../modules/reference/seed.js';
import { FORBIDDEN_PHRASES, STANDARD_PHRASES } from './phrases/catalog.js';
import { CHINA_PUBLIC_HOLIDAYS } from './sla/holidays-cn.js';
import { DEFAULT_SLA_POLICY } from './sla/policy.js';
import { CITATIONS, OLD_CLAIMS_DEFAULT_NOTES, OLD_DEFAULT_NOTES, SOURCE_DOCUMENTS, sourceText, SYSTEM_NOTES, systemNoteText } from './sources.js';
import { DEFAULT_POLICY_NOTE, DEFAULT_TIME_LIMIT_POLICY } from './time-limits/policy.js';
import { DEFAULT_TIER_POLICY } from './customers/tiers.js';

/** What a user must never read as a source: the names of internal planning files. */
const INTERNAL = /\b[Ss]eeds?\b|种子|PRODUCT|STYLE|\.md\b/;
const HAN = /\p{Script=Han}/u;

const slaTargets = DEFAULT_SLA_POLICY.rules.flatMap((rule) =>
  (['firstResponse', 'resolution'] as const).flatMap((which) => {
    const target = rule[which];
    return target ? [{ what: `SLA ${rule.kind}/${rule.priority ?? '*'}/${rule.tier ?? '*'} ${which}`, source: target.source }] : [];
  }),
);

const DEFAULTS: { what: string; source: string }[] = [
  ...slaTargets,
  { what: 'SLA departmentReply', source: DEFAULT_SLA_POLICY.departmentReply.source },
  ...Object.entries(DEFAULT_TIME_LIMIT_POLICY.rules).map(([key, rule]) => ({ what: `time limit ${key}`, source: rule.source })),
  ...Object.entries(DEFAULT_TIER_POLICY.rules).map(([key, rule]) => ({ what: `tier ${key}`, source: rule.source })),
  ...STANDARD_PHRASES.map((p) => ({ what: `standard phrase ${p.key}`, source: p.source })),
  ...FORBIDDEN_PHRASES.map((p) => ({ what: `forbidden phrase ${p.phrase}`, source: p.source })),
  ...CHINA_PUBLIC_HOLIDAYS.map((y) => ({ what: `calendar ${y.year}`, source: y.source })),
];

describe('the default sources', () => {
  it.each(DEFAULTS)('$what cites a real source, readable in zh-CN and en-US', ({ source }) => {
    expect(source.trim()).not.toBe('');
    const zh = sourceText(source, 'zh-CN');
    const en = sourceText(source, 'en-US');
    expect(zh).not.toMatch(INTERNAL);
    expect(en).not.toMatch(INTERNAL);
    expect(zh).toMatch(HAN);
    // every citation of a default is known, so nothing Chinese is left in the English form
    expect(en).not.toMatch(HAN);
  });

  it.each([...DEFAULT_TICKET_CATEGORIES, ...DEFAULT_TICKET_CAUSES])('ticket code $code is named without an internal file', (code) => {
    expect(`${code.nameZh} ${code.nameEn}`).not.toMatch(INTERNAL);
  });

  it.each(Object.entries({ ...SOURCE_DOCUMENTS, ...CITATIONS, ...SYSTEM_NOTES }))('%s is written in both languages, no internal file', (_, text) => {
    expect(text.zh).toMatch(HAN);
    expect(text.en).not.toMatch(HAN);
    expect(`${text.zh} ${text.en}`).not.toMatch(INTERNAL);
    expect(text.zh).not.toContain('；');
  });

  it('the note of a version made from the defaults names its basis, in both languages', () => {
    expect(DEFAULT_POLICY_NOTE).not.toMatch(INTERNAL);
    for (const note of [DEFAULT_POLICY_NOTE, ...OLD_DEFAULT_NOTES]) {
      expect(systemNoteText(note, 'zh-CN')).toBe(SYSTEM_NOTES.defaults.zh);
      expect(systemNoteText(note, 'en-US')).toBe(SYSTEM_NOTES.defaults.en);
    }
    expect(systemNoteText(SYSTEM_NOTES.sourcesReworded.zh, 'en-US')).toBe(SYSTEM_NOTES.sourcesReworded.en);
    expect(systemNoteText('大客户协议调整', 'en-US')).toBeUndefined();
    // the claims policy's version 1, as stored now and as older databases stored it
    expect(`${SYSTEM_NOTES.claimsDefaults.zh} ${SYSTEM_NOTES.claimsDefaults.en}`).not.toMatch(INTERNAL);
    for (const note of [SYSTEM_NOTES.claimsDefaults.zh, ...OLD_CLAIMS_DEFAULT_NOTES]) {
      expect(systemNoteText(note, 'zh-CN')).toBe(SYSTEM_NOTES.claimsDefaults.zh);
      expect(systemNoteText(note, 'en-US')).toBe(SYSTEM_NOTES.claimsDefaults.en);
    }
  });
});

describe('sourceText', () => {
  it.each([
    { stored: '公司服务承诺「投诉1时回」', en: 'Company service commitments ("a complaint answered within 1 hour")' },
    { stored: '公司服务承诺「查询1次30分」；YZ/T 0128-2007《快递服务》 §5.3.3', en: 'Company service commitments ("a query answered in 30 minutes"); YZ/T 0128-2007 Express Service (postal industry standard) §5.3.3' },
    // a known document's name, then the admin's own words
    { stored: 'GB/T 27917《快递服务》 6.2', en: 'GB/T 27917 Express Service (national standard) 6.2' },
    { stored: '国务院办公厅关于2027年部分节假日安排的通知', en: 'State Council General Office notice on the 2027 public holiday arrangements' },
    // lines a change appends: the version and the admin's note as written
    { stored: '公司服务承诺「同1，异3」；v2：24 → 36（旺季）', en: 'Company service commitments ("same city 1 day, elsewhere 3 days"); v2: 24 → 36（旺季）' },
    { stored: '大客户服务协议第 3 条；v4 新增', en: '大客户服务协议第 3 条; added in v4' },
    // an admin's own source stays as typed
    { stored: 'Key-account agreement 2026, clause 3', en: 'Key-account agreement 2026, clause 3' },
  ])('$stored', ({ stored, en }) => {
    expect(sourceText(stored, 'zh-CN')).toBe(stored);
    expect(sourceText(stored, 'en-US')).toBe(en);
  });
});
