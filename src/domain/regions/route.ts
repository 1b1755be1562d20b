/**
 * The route class of a shipment decides its delivery time limit (时效, docs/product.md §7):
 * 同城 same city, 省内异地 another city of the same province, 省际 another province,
 * 港澳台 Hong Kong / Macao / Taiwan, 国际 abroad.
 */
import { isHmtCode, provinceOf, regionOf } from './divisions.js';

export const ROUTE_CLASSES = ['same_city', 'intra_province', 'inter_province', 'hmt', 'international'] as const;
export type RouteClass = (typeof ROUTE_CLASSES)[number];

export interface RouteEnd {
  /** GB/T 2260 code of the province (330000; the first two digits are what count) */
  provinceCode: string;
  /** the 同城 unit as regionOf gives it; any GB/T 2260 code inside the city also works */
  cityCode: string | null;
  /** ISO 3166 alpha-2; absent or 'CN' means the codes decide (mainland or HMT) */
  countryCode?: string | null;
}

/** HK, MO and TW given as countries are the HMT provinces 81, 82 and 71. */
const HMT_COUNTRIES: Record<string, string> = { HK: '810000', MO: '820000', TW: '710000' };

function countryOf(end: RouteEnd): string {
  return (end.countryCode ?? 'CN').toUpperCase();
}

function hmtProvinceOf(end: RouteEnd): string | undefined {
  const country = countryOf(end);
  return Object.hasOwn(HMT_COUNTRIES, country) ? HMT_COUNTRIES[country] : undefined;
}

function provinceCodeOf(end: RouteEnd): string {
  return hmtProvinceOf(end) ?? provinceOf(end.provinceCode);
}

function isAbroad(end: RouteEnd): boolean {
  return countryOf(end) !== 'CN' && hmtProvinceOf(end) === undefined;
}

/** The 同城 unit of an end: 110100 and 110105 both mean Beijing (110000). */
function cityUnitOf(end: RouteEnd): string | null {
  const code = end.cityCode ?? hmtProvinceOf(end) ?? null;
  if (!code) return null;
  return regionOf(code)?.cityCode ?? code;
}

function sameCity(origin: RouteEnd, destination: RouteEnd): boolean {
  const a = cityUnitOf(origin);
  return a !== null && a === cityUnitOf(destination);
}

export function classifyRoute(origin: RouteEnd, destination: RouteEnd): RouteClass {
  if (isAbroad(origin) || isAbroad(destination)) return 'international';
  const from = provinceCodeOf(origin);
  const to = provinceCodeOf(destination);
  // docs/product.md §7: 港澳台 has its own limit, except within one SAR (Hong Kong to Hong Kong is 同城).
  if (isHmtCode(from) || isHmtCode(to)) return sameCity(origin, destination) ? 'same_city' : 'hmt';
  if (sameCity(origin, destination)) return 'same_city';
  // Same province with a city unknown on one side: 省内异地, the longer promise, so an unknown
  // city never makes a parcel look late.
  return from === to ? 'intra_province' : 'inter_province';
}
