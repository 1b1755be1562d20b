/**
 * An amount in Chinese capital numerals (大写金额), as invoices and receipts print 价税合计: by
 * 中国人民银行《正确填写票据和结算凭证的基本规定》 — 零壹贰叁肆伍陆柒捌玖 with 拾佰仟万亿; a run of
 * zeros inside the number is written as one 零; an amount ending at 元 ends with 整, one with 角 or
 * 分 does not; 角 zero before a 分 is written 零 (叁佰贰拾伍元零肆分). 10–19 yuan are written with
 * 壹拾, as the rules' examples do. Integer fen in, text out.
 */

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['仟', '佰', '拾', ''];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/** 15312 → 壹佰伍拾叁元壹角贰分; 0 → 零元整. For 0 ≤ fen < 10^16. */
export function amountInWords(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`amountInWords: ${fen} is not a non-negative integer of fen`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  const whole = yuan > 0 ? `${integerWords(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${whole || '零元'}整`;
  let text = whole;
  if (jiao > 0) text += `${DIGITS[jiao]}角`;
  else if (yuan > 0) text += '零';
  if (cents > 0) text += `${DIGITS[cents]}分`;
  return text;
}

function integerWords(n: number): string {
  const sections: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10_000)) sections.push(rest % 10_000);
  let text = '';
  let zeroPending = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    const section = sections[i]!;
    if (section === 0) {
      if (text) zeroPending = true;
      continue;
    }
    if (text && (zeroPending || section < 1000)) text += '零';
    text += sectionWords(section) + BIG_UNITS[i];
    zeroPending = false;
  }
  return text;
}

/** 1–9999 → its words: 1005 壹仟零伍, 1050 壹仟零伍拾, 10 壹拾. */
function sectionWords(section: number): string {
  const digits = String(section).padStart(4, '0');
  let text = '';
  let zero = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(digits[i]);
    if (d === 0) {
      if (text) zero = true;
      continue;
    }
    if (zero) text += '零';
    text += DIGITS.charAt(d) + SMALL_UNITS[i]!;
    zero = false;
  }
  return text;
}
