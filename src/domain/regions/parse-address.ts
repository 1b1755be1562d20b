/**
 * Reads the province, city and district off the front of a Chinese address, as people write it:
 * "浙江省杭州市西湖区文三路90号", "广东深圳南山区科技园", "上海浦东新区张江路", "香港九龙尖沙咀".
 * Called for every shipment at ingest (docs/product.md §1: addresses carry GB/T 2260 codes), so the
 * name indexes are built once and a parse only probes them at a few positions.
 */
import { cities, districts, provinces } from './divisions.js';
import { cityShortForm, colloquialForm, districtShortForm, provinceShortForm, toSimplified } from './names.js';

export interface ParsedAddress {
  provinceCode: string;
  /** null when the text names only a province that is not itself a city (浙江省…, 台湾…) */
  cityCode: string | null;
  districtCode: string | null;
  /** the part of the text that named the region, e.g. "浙江省杭州市西湖区" */
  matched: string;
}

interface NameIndex {
  codesByName: Map<string, string[]>;
  /** names that are short forms (浙江, 深圳, 浦东) rather than full names */
  shortNames: Set<string>;
  maxLength: number;
}

function nameIndex(entries: Iterable<{ code: string; name: string }>, shortForm: (name: string) => string | null): NameIndex {
  const index: NameIndex = { codesByName: new Map(), shortNames: new Set(), maxLength: 0 };
  const add = (name: string, code: string, isShort: boolean) => {
    const codes = index.codesByName.get(name) ?? [];
    // The data keeps a renumbered unit under its old code too (三明市 三元区 350403 → 350404):
    // within one city the same name means the newer, higher code.
    const sibling = codes.findIndex((c) => c.slice(0, 4) === code.slice(0, 4));
    if (sibling === -1) codes.push(code);
    else codes[sibling] = codes[sibling]! > code ? codes[sibling]! : code;
    index.codesByName.set(name, codes);
    if (isShort) index.shortNames.add(name);
    index.maxLength = Math.max(index.maxLength, name.length);
  };
  for (const { code, name } of entries) {
    add(name, code, false);
    const colloquial = colloquialForm(name);
    if (colloquial) add(colloquial, code, false);
    const short = shortForm(name);
    if (short) add(short, code, true);
  }
  // A name that is somebody's full name is never treated as a short form.
  for (const { name } of entries) index.shortNames.delete(name);
  return index;
}

const provinceIndex = nameIndex(
  [...provinces.values(), { code: '150000', name: '内蒙' }],
  provinceShortForm,
);
const cityIndex = nameIndex(cities.values(), cityShortForm);
const districtIndex = nameIndex(districts.values(), districtShortForm);

/** After a short form, one of these means the text names some other unit (朝阳区 is not 朝阳市). */
const LEVEL_SUFFIX = /^[省市区县州盟旗]/;
const SEPARATORS = /^[\s,，、/|·\-—]+/;
const COUNTRY_PREFIX = /^(中华人民共和国|中国)/;

interface Match {
  code: string;
  start: number;
  end: number;
  short: boolean;
}

function matchesAt(text: string, pos: number, index: NameIndex): Match[] {
  const found: Match[] = [];
  for (let length = Math.min(index.maxLength, text.length - pos); length >= 2; length--) {
    const name = text.slice(pos, pos + length);
    const codes = index.codesByName.get(name);
    if (!codes) continue;
    const short = index.shortNames.has(name);
    if (short && LEVEL_SUFFIX.test(text.slice(pos + length))) continue;
    for (const code of codes) found.push({ code, start: pos, end: pos + length, short });
  }
  return found;
}

/** Keep only matches whose name points at exactly one unit among those allowed. */
function unambiguous(matches: Match[], allowed: (code: string) => boolean): Match[] {
  const kept = matches.filter((m) => allowed(m.code));
  return kept.filter((m) => kept.filter((o) => o.end === m.end).length === 1);
}

function skipSeparators(text: string, pos: number): number {
  const gap = SEPARATORS.exec(text.slice(pos));
  return gap ? pos + gap[0].length : pos;
}

interface Reading {
  provinceCode: string;
  cityCode: string | null;
  districtCode: string | null;
  end: number;
  /** characters that named a unit: the reading that explains most of the text wins */
  named: number;
}

export function parseAddress(text: string): ParsedAddress | null {
  const original = text.trim();
  const simplified = toSimplified(original);
  const country = COUNTRY_PREFIX.exec(simplified);
  const start = skipSeparators(simplified, country ? country[0].length : 0);

  let best: Reading | null = null;
  const consider = (reading: Reading) => {
    if (reading.named > 0 && (!best || reading.named > best.named)) best = reading;
  };

  const provinceOptions: (Match | null)[] = [null, ...matchesAt(simplified, start, provinceIndex)];
  for (const p of provinceOptions) {
    const afterProvince = p ? skipSeparators(simplified, p.end) : start;
    const province = p ? provinces.get(p.code) : undefined;

    // A municipality or SAR is its own city, which "上海上海市浦东新区" may also repeat.
    const impliedCity = province?.isCity ? province.code : null;
    const cityOptions: (Match | null)[] = [
      null,
      ...unambiguous(matchesAt(simplified, afterProvince, cityIndex), (code) => !p || cities.get(code)?.provinceCode === p.code),
    ];

    for (const c of cityOptions) {
      const afterCity = c ? skipSeparators(simplified, c.end) : afterProvince;
      const parentKnown = Boolean(c ?? p);
      const districtOptions: (Match | null)[] = [
        null,
        ...unambiguous(matchesAt(simplified, afterCity, districtIndex), (code) => {
          const d = districts.get(code);
          if (!d) return false;
          if (c) return d.cityCode === c.code;
          if (p) return d.provinceCode === p.code;
          return true;
        }).filter((m) => parentKnown || !m.short),
      ];

      for (const d of districtOptions) {
        const district = d ? districts.get(d.code) : undefined;
        const cityCode = c?.code ?? district?.cityCode ?? impliedCity;
        const provinceCode = p?.code ?? (cityCode ? cities.get(cityCode)?.provinceCode : undefined);
        if (!provinceCode) continue;
        const parts = [p, c, d].filter((m): m is Match => m !== null);
        consider({
          provinceCode,
          cityCode,
          districtCode: district?.code ?? null,
          end: Math.max(...parts.map((m) => m.end)),
          named: parts.reduce((sum, m) => sum + (m.end - m.start), 0),
        });
      }
    }
  }

  if (!best) return null;
  const { provinceCode, cityCode, districtCode, end } = best as Reading;
  return { provinceCode, cityCode, districtCode, matched: original.slice(start, end) };
}
