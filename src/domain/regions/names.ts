/**
 * Short forms people write for division names: 浙江 for 浙江省, 深圳 for 深圳市, 恩施 for
 * 恩施土家族苗族自治州, 浦东 for 浦东新区. A short form keeps at least two characters.
 */

/** The 55 minority nationalities as they appear in autonomous-area names (民族自治地方). */
const NATIONALITIES = [
  '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼',
  '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土',
  '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克',
  '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺',
  // 各族 "of all nationalities" (龙胜各族自治县)
  '各',
].sort((a, b) => b.length - a.length);

const PROVINCE_SUFFIXES = ['特别行政区', '自治区', '省', '市'];
// 林区 and 县 for the county-level units a province governs directly (神农架林区, 定安县).
const CITY_SUFFIXES = ['自治州', '地区', '林区', '盟', '市', '县'];
const DISTRICT_SUFFIXES = ['自治县', '自治旗', '新区', '林区', '特区', '区', '县', '市', '旗'];

/** 恩施土家族苗族 → 恩施, 伊犁哈萨克 → 伊犁, 广西壮族 → 广西, 鄂温克族 → 鄂温克. */
function withoutNationalities(base: string): string {
  let rest = base;
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of NATIONALITIES) {
      // A one-character name (回, 藏 …) is stripped only with 族, so 大厂回族 → 大厂 but not 白 in 白山.
      const forms = n.length > 1 ? [`${n}族`, n] : [`${n}族`];
      const form = forms.find((f) => rest.endsWith(f) && rest.length - f.length >= 2);
      if (form) {
        rest = rest.slice(0, -form.length);
        changed = true;
        break;
      }
    }
  }
  return rest.endsWith('族') && rest.length > 2 ? rest.slice(0, -1) : rest;
}

function shortForm(name: string, suffixes: readonly string[]): string | null {
  const suffix = suffixes.find((s) => name.endsWith(s));
  if (!suffix) return null;
  const base = withoutNationalities(name.slice(0, -suffix.length));
  return base.length >= 2 && base !== name ? base : null;
}

/**
 * How people write autonomous areas in full: 恩施州 for 恩施土家族苗族自治州, 石柱县 for
 * 石柱土家族自治县, 鄂温克旗 for 鄂温克族自治旗.
 */
export function colloquialForm(name: string): string | null {
  for (const [suffix, plain] of [['自治州', '州'], ['自治县', '县'], ['自治旗', '旗']] as const) {
    if (!name.endsWith(suffix)) continue;
    const base = withoutNationalities(name.slice(0, -suffix.length));
    return base.length >= 2 ? `${base}${plain}` : null;
  }
  return null;
}

export function provinceShortForm(name: string): string | null {
  return shortForm(name, PROVINCE_SUFFIXES);
}

export function cityShortForm(name: string): string | null {
  return shortForm(name, CITY_SUFFIXES);
}

export function districtShortForm(name: string): string | null {
  return shortForm(name, DISTRICT_SUFFIXES);
}

/** Traditional characters common in Hong Kong, Macao and Taiwan addresses, one for one. */
const TRADITIONAL: Record<string, string> = {
  區: '区', 灣: '湾', 龍: '龙', 門: '门', 臺: '台', 東: '东', 島: '岛', 廣: '广', 嶼: '屿', 圍: '围',
  貢: '贡', 黃: '黄', 觀: '观', 馬: '马', 聖: '圣', 瑪: '玛', 氹: '凼', 風: '风', 順: '顺', 濟: '济',
  離: '离', 別: '别', 頭: '头', 灘: '滩', 環: '环',
};

/** Same length as the input, so positions found in it are positions in the original text. */
export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += TRADITIONAL[ch] ?? ch;
  return out;
}
