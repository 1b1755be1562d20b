import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckCharacter, normalizeCreditCode } from './credit-code.js';

describe('unified social credit code (GB 32100-2015)', () => {
  // Codes of real companies, as printed on their business licences.
  it.each([
    ['914403001922038216', '华为技术有限公司 (check 6)'],
    ['91440300708461136T', '深圳市腾讯计算机系统有限公司 (check T)'],
    ['91330100799655058B', '浙江天猫网络有限公司 (check B)'],
    ['91110000600037341L', 'a Beijing foreign-invested company (check L)'],
    ['911100001000044477', '中国石油天然气集团有限公司 (check 7)'],
    ['91110108551385082Q', '北京百度网讯科技有限公司 (check Q)'],
  ])('accepts %s — %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true, code });
  });

  it.each([
    ['9144 0300-7084 6113 6t', '91440300708461136T', 'spaces, hyphens and a lower-case letter as typed'],
  ])('normalises %s to %s (%s)', (typed, stored) => {
    expect(normalizeCreditCode(typed)).toBe(stored);
    expect(checkCreditCode(typed)).toEqual({ ok: true, code: stored });
  });

  it.each([
    ['914403001922038217', 'check_digit', 'last character off by one'],
    ['91440300708461136X', 'check_digit', 'a valid character that is not the check'],
    ['914403001922083216', 'check_digit', 'two digits swapped'],
    ['91310000MA1FL3L46E', 'check_digit', 'made up in the right shape'],
    ['91440300708461136', 'length', '17 characters'],
    ['9144030070846113600', 'length', '19 characters'],
    ['', 'length', 'empty'],
    ['91440300708461136I', 'character', 'I is never used'],
    ['9144030070846113OT', 'character', 'O is never used'],
    ['91440300708461136Z', 'character', 'Z is never used'],
    ['91440300708461136S', 'character', 'S is never used'],
    ['9144０300708461136T', 'character', 'a full-width digit'],
    ['91A40300708461136T', 'region', 'a letter in the region code'],
  ])('refuses %s as %s (%s)', (code, problem) => {
    expect(checkCreditCode(code)).toEqual({ ok: false, problem });
  });

  it('computes the check character that completes a code', () => {
    expect(creditCodeCheckCharacter('91440300708461136')).toBe('T');
    expect(creditCodeCheckCharacter('91440300192203821')).toBe('6');
  });
});
