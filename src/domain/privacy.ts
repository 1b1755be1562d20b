/**
 * Personal data is confidential (docs/product.md §5, 客服用语规范 §二.4-5): names, phones and addresses
 * leave the server masked, for every role, on every page and in every list. The one way to see them
 * in full is a reveal (a ticket's customer, a shipment's parties), which checks a ground and writes
 * an audit entry before the data leaves. Data is stored as typed and masked on the way out.
 *
 * The rule shows no more than a surname, a phone's carrier prefix or area code with its last four
 * digits, and an address's region down to the district.
 */

/** 复姓: two-character surnames, kept whole in a masked name of three characters or more. */
const COMPOUND_SURNAMES = new Set(
  (
    '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 轩辕 令狐 澹台 端木 独孤 南宫 西门 ' +
    '闻人 呼延 申屠 太史 万俟 钟离 赫连 第五 百里 东郭 拓跋 濮阳 淳于 单于 公冶 太叔 仲孙 宗政 公羊 公西 梁丘 ' +
    '左丘 谷梁 羊舌 微生 漆雕 乐正 壤驷 亓官 巫马 颛孙 子车 段干 东门 鲜于 闾丘 司寇 公良 即墨'
  ).split(' '),
);

/** How people are addressed after a surname (李女士, 陈先生); such a name reveals only the surname. */
const HONORIFICS = ['先生', '女士', '小姐', '太太', '夫人', '老师', '师傅', '阿姨', '大姐', '大哥', '同学', '经理', '老板', '总'];

/** Characters between the parts of a name (阿卜杜拉·艾力, Mary-Jane Watson) that stay as typed. */
const SEPARATORS = /[\s·•・.\-'’]/u;
const CJK = /\p{Script=Han}/u;

/** The surname a Chinese name starts with: a compound one when the name is long enough to have a given name after it. */
function surnameLength(chars: readonly string[]): number {
  return chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1;
}

/** Every character after the first `keep` becomes *, separators stay. */
function starAfter(chars: readonly string[], keep: number): string {
  return chars.map((c, i) => (i < keep || SEPARATORS.test(c) ? c : '*')).join('');
}

/**
 * 陈玉鹏 → 陈**, 欧阳娜娜 → 欧阳**, 李女士 → 李女士 (surname and honorific, as typed), 陈玉鹏先生 →
 * 陈**先生, 李 → 李, 老王 → 老王; Latin names keep each word's initial: John Smith → J*** S****.
 */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const trimmed = name.trim();
  if (!CJK.test(trimmed)) {
    // Latin (or any other script): each word's first letter, the rest starred.
    return trimmed
      .split(/(\s+)/)
      .map((word) => (/^\s+$/.test(word) ? word : starAfter([...word], 1)))
      .join('');
  }
  const honorific = HONORIFICS.find((h) => trimmed.endsWith(h) && trimmed.length > h.length) ?? '';
  const chars = [...trimmed.slice(0, trimmed.length - honorific.length)];
  // 老王, 小李: a surname with the familiar prefix reveals only the surname.
  if (chars.length === 2 && (chars[0] === '老' || chars[0] === '小')) return trimmed;
  const keep = surnameLength(chars);
  // A surname alone (李, 欧阳 with 先生) is shown as typed.
  if (chars.length <= keep || (honorific && chars.length === 2 && COMPOUND_SURNAMES.has(chars.join('')))) return trimmed;
  return starAfter(chars, keep) + honorific;
}

/** Whether a name as sent out is the name in full: nothing was hidden by maskName (李女士, 老王). */
export function nameShowsInFull(name: string | null): boolean {
  return name !== null && maskName(name) === name.trim();
}

/**
 * 13800138000 and +86 138 0013 8000 → 138****8000 (mobile: carrier prefix and last 4); 0571-88881234 →
 * 0571-****1234 and 010-12345678 → 010-****5678 (landline: area code and last 4); any other number
 * keeps only its last 4 digits.
 */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  let digits = phone.replace(/\D/g, '');
  // The country code (+86, 0086) says nothing about the person.
  if (/^\s*(\+|00)86/.test(phone)) digits = digits.replace(/^0{0,2}86/, '');
  if (digits.length === 11 && digits.startsWith('1')) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  // 区号: 010 and 02x are three digits, the others four (GB/T 13401 / the national numbering plan).
  if (digits.startsWith('0') && digits.length >= 10 && digits.length <= 12) {
    const area = /^0(10|2\d)/.test(digits) ? 3 : 4;
    const local = digits.slice(area);
    return `${digits.slice(0, area)}-${'*'.repeat(local.length - 4)}${local.slice(-4)}`;
  }
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** A part of the region: no digit, no street word, a few characters at most. */
const REGION_PART = /[^\d０-９路街巷弄号道村组栋楼室]{1,12}?/.source;
const REGION_PREFIX = new RegExp(
  `^(${REGION_PART}${/(?:省|自治区|特别行政区|市)/.source})?(${REGION_PART}${/(?:市|州|盟|地区)/.source})?(${REGION_PART}${/(?:区|县|旗)/.source})?`,
  'u',
);

/**
 * Keeps the region the address starts with (province, city, district or county) and hides the
 * rest: 浙江省杭州市西湖区文三路90号 → 浙江省杭州市西湖区****. A part of the region never holds a digit
 * or a street word, so 人民路88号市场 shows nothing.
 */
export function maskAddress(address: string | null, region: string | null): string | null {
  if (!address) return address;
  const text = address.trim();
  const compactRegion = region?.replace(/\s+/g, '') ?? '';
  if (compactRegion && text.startsWith(compactRegion)) return `${compactRegion}****`;
  return `${REGION_PREFIX.exec(text)?.[0] ?? ''}****`;
}

/** The last 4 digits of a phone number, for the public check. */
export function lastFourDigits(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}
