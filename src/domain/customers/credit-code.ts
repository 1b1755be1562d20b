/**
 * The unified social credit code (统一社会信用代码) of a company or other organisation, GB 32100-2015:
 * 18 characters — the registration authority (1), the organisation type (1), the GB/T 2260 region
 * of registration (6 digits), the organisation code (9, GB 11714) and a check character computed
 * over the first 17 (modulus 31, weights 3^i mod 31). The letters I, O, S, V and Z are never used.
 */

/** The 31 characters a code may hold, in the order of their values 0–30 (GB 32100-2015 Table 1). */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** The weight of each of the first 17 positions: 3^i mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'character' | 'region' | 'check_digit';

export type CreditCodeCheck = { ok: true; code: string } | { ok: false; problem: CreditCodeProblem };

/** The code as stored: spaces and hyphens people type are dropped, letters in capitals. */
export function normalizeCreditCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** The check character for the first 17 characters (all in the charset). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Whether `input` is a well-formed code whose check character is right; the normalised code when it is. */
export function checkCreditCode(input: string): CreditCodeCheck {
  const code = normalizeCreditCode(input);
  if (code.length !== 18) return { ok: false, problem: 'length' };
  if ([...code].some((c) => !CHARSET.includes(c))) return { ok: false, problem: 'character' };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { ok: false, problem: 'region' };
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return { ok: false, problem: 'check_digit' };
  return { ok: true, code };
}
