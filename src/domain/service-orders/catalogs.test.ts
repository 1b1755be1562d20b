import { describe, expect, it } from 'vitest';
import { DEFAULT_CODE_GROUPS, findCode, validateCodeGroups, type CodeGroup } from './catalogs.js';

describe('default catalogs', () => {
  it('are valid, and hold reason, damage and cause groups', () => {
    expect(validateCodeGroups(DEFAULT_CODE_GROUPS)).toEqual([]);
    expect(new Set(DEFAULT_CODE_GROUPS.map((g) => g.catalog))).toEqual(new Set(['reason', 'damage', 'cause']));
  });
});

describe('findCode', () => {
  it.each([
    { catalog: 'reason', group: 'SV-REPAIR', code: '0001', found: '锁具损坏' },
    { catalog: 'cause', group: 'CS-DONE', code: '0004', found: '退回厂商' },
    { catalog: 'reason', group: 'SV-REPAIR', code: '0099', found: undefined },
    { catalog: 'reason', group: 'NOPE', code: '0001', found: undefined },
    // a group of another catalog is not found in this one
    { catalog: 'cause', group: 'SV-REPAIR', code: '0001', found: undefined },
  ] as const)('$catalog $group/$code', ({ catalog, group, code, found }) => {
    expect(findCode(DEFAULT_CODE_GROUPS, catalog, { group, code })?.label['zh-CN']).toBe(found);
  });
});

describe('validateCodeGroups', () => {
  const group: CodeGroup = { catalog: 'reason', group: 'SV-X', label: { 'zh-CN': '测试', 'en-US': 'Test' }, codes: [{ code: '0001', label: { 'zh-CN': '一', 'en-US': 'One' } }] };
  it.each([
    { case: 'a group twice in a catalog', groups: [group, group], error: 'reason/SV-X: group listed twice' },
    { case: 'a code twice in a group', groups: [{ ...group, codes: [...group.codes, ...group.codes] }], error: 'reason/SV-X/0001: code listed twice' },
    { case: 'an empty group', groups: [{ ...group, codes: [] }], error: 'reason/SV-X: a group needs at least one code' },
    { case: 'a code not four digits', groups: [{ ...group, codes: [{ ...group.codes[0]!, code: '1' }] }], error: 'reason/SV-X/1: a code is four digits' },
    { case: 'a group in lower case', groups: [{ ...group, group: 'sv-x' }], error: 'reason/sv-x: a group is 2–12 capital letters, digits or hyphens, starting with a letter' },
    { case: 'a label missing in English', groups: [{ ...group, label: { 'zh-CN': '测试', 'en-US': ' ' } }], error: 'reason/SV-X: a label in both languages' },
    { case: 'an unknown catalog', groups: [{ ...group, catalog: 'colour' as never }], error: 'colour/SV-X: unknown catalog' },
  ])('refuses $case', ({ groups, error }) => {
    expect(validateCodeGroups(groups)).toContain(error);
  });

  it('allows the same group name in two catalogs', () => {
    expect(validateCodeGroups([group, { ...group, catalog: 'damage' }])).toEqual([]);
  });
});
