/**
 * Places parcels go from and to: real GB/T 2260 provinces, cities and districts (the maps of
 * domain/regions/divisions.ts), weighted towards the busy e-commerce regions, with street
 * addresses people write, and the carrier's own network named after them (营业部 per district,
 * 转运中心 per city, the provincial capital as the gateway hub).
 */
import { cities, districts, provinces, type District } from '../domain/regions/divisions.js';
import { cityShortForm, colloquialForm, districtShortForm, provinceShortForm } from '../domain/regions/names.js';
import { parseAddress } from '../domain/regions/parse-address.js';
import type { Random } from './random.js';

export interface Place {
  provinceCode: string;
  provinceName: string;
  cityCode: string;
  cityName: string;
  districtCode: string | null;
  districtName: string | null;
}

/** Rough share of express volume by province (sent and received): 广东, 浙江, 江苏 … lead. */
const PROVINCE_WEIGHTS: Record<string, number> = {
  '440000': 22, '330000': 18, '320000': 9, '310000': 6, '370000': 6, '350000': 5, '110000': 4, '130000': 4,
  '410000': 4, '340000': 3, '420000': 3, '510000': 3, '430000': 2.5, '360000': 2, '450000': 1.5, '500000': 1.5,
  '120000': 1.5, '610000': 1.5, '210000': 1.5, '530000': 1.2, '140000': 1, '230000': 0.8, '520000': 0.8,
  '220000': 0.6, '150000': 0.6, '460000': 0.5, '620000': 0.5, '650000': 0.5, '640000': 0.2, '630000': 0.15,
  '540000': 0.1,
};

/** Cities that ship far more than their neighbours (义乌 is in 金华, 330700). Others weigh 1, capitals 3. */
const CITY_WEIGHTS: Record<string, number> = {
  '440100': 8, '440300': 8, '441900': 4, '440600': 3, '440500': 1.5, '445200': 1.5, '442000': 1,
  '330100': 6, '330700': 7, '330200': 3, '330300': 3, '331000': 2, '330400': 1.5, '330600': 1.5,
  '320500': 5, '320100': 4, '320200': 2, '320400': 1.5, '320600': 1.5,
  '370200': 4, '371300': 3, '370700': 1.5, '370600': 1,
  '350500': 4, '350200': 3, '350300': 1,
  '130600': 2, '131000': 1.5, '410100': 5, '420100': 6, '430100': 5, '340100': 5, '510100': 8, '610100': 6,
  '210200': 3, '530100': 5, '230100': 4, '220100': 4, '520100': 4,
  // 三沙市: islands with barely a resident; no parcels go there in a demo.
  '460300': 0,
};

/** Regions of the carrier's trunk network: two provinces in one region are a short line haul. */
const NETWORK_REGION: Record<string, string> = {
  '11': 'north', '12': 'north', '13': 'north', '14': 'north', '15': 'north',
  '21': 'northeast', '22': 'northeast', '23': 'northeast',
  '31': 'east', '32': 'east', '33': 'east', '34': 'east', '35': 'east', '36': 'east', '37': 'east',
  '41': 'central', '42': 'central', '43': 'central',
  '44': 'south', '45': 'south', '46': 'south', '81': 'south', '82': 'south',
  '50': 'southwest', '51': 'southwest', '52': 'southwest', '53': 'southwest', '54': 'southwest',
  '61': 'northwest', '62': 'northwest', '63': 'northwest', '64': 'northwest', '65': 'northwest',
};
const NEIGHBOUR_REGIONS = new Set([
  'north|northeast', 'north|east', 'north|central', 'north|northwest', 'east|central', 'east|south',
  'central|south', 'central|southwest', 'central|northwest', 'south|southwest', 'southwest|northwest',
]);
/** Far-flung provinces: 西藏, 新疆, 青海 — every line haul there is long. */
const REMOTE_PREFIXES = new Set(['54', '65', '63']);

export type Distance = 'same_city' | 'same_province' | 'near' | 'neighbour' | 'far';

export function distanceBetween(from: Pick<Place, 'cityCode' | 'provinceCode'>, to: Pick<Place, 'cityCode' | 'provinceCode'>): Distance {
  if (from.cityCode === to.cityCode) return 'same_city';
  if (from.provinceCode === to.provinceCode) return 'same_province';
  const a = from.provinceCode.slice(0, 2);
  const b = to.provinceCode.slice(0, 2);
  if (REMOTE_PREFIXES.has(a) || REMOTE_PREFIXES.has(b)) return 'far';
  const ra = NETWORK_REGION[a];
  const rb = NETWORK_REGION[b];
  if (!ra || !rb) return 'far';
  if (ra === rb) return 'near';
  return NEIGHBOUR_REGIONS.has(`${ra}|${rb}`) || NEIGHBOUR_REGIONS.has(`${rb}|${ra}`) ? 'neighbour' : 'far';
}

/** One district per name within a city: the data keeps a renumbered unit under its old code too. */
const districtsByCity = new Map<string, District[]>();
for (const d of districts.values()) {
  const list = districtsByCity.get(d.cityCode) ?? [];
  const same = list.findIndex((o) => o.name === d.name);
  if (same === -1) list.push(d);
  else if (list[same]!.code < d.code) list[same] = d;
  districtsByCity.set(d.cityCode, list);
}

function cityWeight(code: string): number {
  return CITY_WEIGHTS[code] ?? (code.endsWith('0100') ? 3 : 1);
}

const cityEntriesByProvince = new Map<string, [string, number][]>();
for (const c of cities.values()) {
  const list = cityEntriesByProvince.get(c.provinceCode) ?? [];
  list.push([c.code, cityWeight(c.code)]);
  cityEntriesByProvince.set(c.provinceCode, list);
}

const MAINLAND_PROVINCES = Object.entries(PROVINCE_WEIGHTS).filter(([code]) => cityEntriesByProvince.has(code));

export function placeIn(random: Random, cityCode: string): Place {
  const city = cities.get(cityCode);
  if (!city) throw new RangeError(`unknown city ${cityCode}`);
  const province = provinces.get(city.provinceCode)!;
  const choices = districtsByCity.get(cityCode) ?? [];
  const district = choices.length ? random.pick(choices) : null;
  return {
    provinceCode: province.code,
    provinceName: province.name,
    cityCode: city.code,
    cityName: city.name,
    districtCode: district?.code ?? null,
    districtName: district?.name ?? null,
  };
}

function cityIn(random: Random, provinceCode: string, excludeCity?: string): string | null {
  const entries = (cityEntriesByProvince.get(provinceCode) ?? []).filter(([code, w]) => code !== excludeCity && w > 0);
  return entries.length ? random.weighted(entries) : null;
}

export interface PlaceChoice {
  /** flatten the weights (recipients are spread wider than senders) */
  spread?: boolean;
  /** stay in this province */
  province?: string;
  /** not in this province */
  excludeProvince?: string;
  /** not in this city */
  excludeCity?: string;
}

/** A mainland place, weighted by volume; null when the constraints leave nothing. */
export function pickPlace(random: Random, choice: PlaceChoice = {}): Place | null {
  let provinceCode = choice.province;
  if (!provinceCode) {
    const entries = MAINLAND_PROVINCES.filter(([code]) => code !== choice.excludeProvince).map(
      ([code, w]) => [code, choice.spread ? Math.pow(w, 0.7) : w] as const,
    );
    provinceCode = random.weighted(entries);
  }
  const cityCode = cityIn(random, provinceCode, choice.excludeCity);
  return cityCode ? placeIn(random, cityCode) : null;
}

/** 香港 810000 or 澳门 820000, one city each. */
export function placeInSar(random: Random, sar: '810000' | '820000'): Place {
  return placeIn(random, sar);
}

export function isSar(place: Place): boolean {
  return place.provinceCode === '810000' || place.provinceCode === '820000';
}

export function isMunicipalityOrSar(place: Place): boolean {
  return place.cityCode === place.provinceCode;
}

/** 杭州 for 杭州市, 恩施 for 恩施土家族苗族自治州, 香港 for 香港特别行政区. */
export function cityShortName(place: Pick<Place, 'cityName'>): string {
  return cityShortForm(place.cityName) ?? provinceShortForm(place.cityName) ?? place.cityName;
}

/** How scan texts name the city: 【杭州市】, 【恩施州】, 【上海市】, 【香港】. */
export function cityLabel(place: Place): string {
  if (isSar(place)) return cityShortName(place);
  return colloquialForm(place.cityName) ?? place.cityName;
}

export interface NetworkPoint {
  name: string;
  /** GB/T 2260 code of where it is, for the scan's areaCode */
  areaCode: string;
  cityCode: string;
  provinceCode: string;
  /** the city it is in, for the 【…】 of a scan text */
  cityLabel: string;
  /** a customs port between the mainland and Hong Kong or Macao */
  customs?: boolean;
}

/** The district's 营业部 (杭州西湖营业部); 市区营业部 where the city has no districts (东莞). */
export function siteOf(place: Place): NetworkPoint {
  const district = place.districtName ? (districtShortForm(place.districtName) ?? place.districtName) : '市区';
  return {
    name: `${cityShortName(place)}${district}营业部`,
    areaCode: place.districtCode ?? place.cityCode,
    cityCode: place.cityCode,
    provinceCode: place.provinceCode,
    cityLabel: cityLabel(place),
  };
}

/** The city's 转运中心 (杭州转运中心). */
export function hubOf(cityCode: string): NetworkPoint {
  const place = placeWithoutDistrict(cityCode);
  return { name: `${cityShortName(place)}转运中心`, areaCode: cityCode, cityCode, provinceCode: place.provinceCode, cityLabel: cityLabel(place) };
}

/** Where parcels cross to Hong Kong (皇岗, 深圳福田) or Macao (拱北, 珠海香洲), and clear customs. */
export function customsPortFor(sarProvinceCode: string): NetworkPoint {
  return sarProvinceCode === '820000'
    ? { name: '珠海拱北口岸', areaCode: '440402', cityCode: '440400', provinceCode: '440000', cityLabel: '珠海市', customs: true }
    : { name: '深圳皇岗口岸', areaCode: '440304', cityCode: '440300', provinceCode: '440000', cityLabel: '深圳市', customs: true };
}

/** The mainland city whose 转运中心 handles a SAR's parcels: 深圳 for Hong Kong, 珠海 for Macao. */
export function sarGatewayCity(sarProvinceCode: string): string {
  return sarProvinceCode === '820000' ? '440400' : '440300';
}

/** Where a province's parcels meet the trunk network: the capital's 转运中心 (a municipality is its own). */
export function gatewayCityOf(provinceCode: string): string {
  const capital = `${provinceCode.slice(0, 2)}0100`;
  if (cities.has(capital)) return capital;
  if (cities.has(provinceCode)) return provinceCode;
  return (cityEntriesByProvince.get(provinceCode) ?? [])[0]?.[0] ?? provinceCode;
}

function placeWithoutDistrict(cityCode: string): Place {
  const city = cities.get(cityCode);
  if (!city) throw new RangeError(`unknown city ${cityCode}`);
  const province = provinces.get(city.provinceCode)!;
  return { provinceCode: province.code, provinceName: province.name, cityCode: city.code, cityName: city.name, districtCode: null, districtName: null };
}

const ROADS = [
  '人民路', '中山路', '解放路', '建设路', '和平路', '新华路', '文化路', '胜利路', '青年路', '长江路', '黄河路', '滨江路',
  '学院路', '工业路', '环城东路', '迎宾大道', '世纪大道', '振兴路', '光明路', '幸福路', '东风路', '健康路', '育才路',
  '花园路', '湖滨路', '文三路', '科技路', '创业大道', '金桥路', '天府大道', '友谊路', '北京路', '南京路', '延安路',
];
const COMMUNITIES = [
  '阳光花园', '金色家园', '幸福里', '翠苑', '世纪城', '锦绣华庭', '御景湾', '东方名苑', '绿洲花园', '滨江花园',
  '新城国际', '枫林苑', '紫薇苑', '和谐家园', '书香门第', '春晓苑', '桃源居', '万家新村', '香樟园', '江南名府',
];
const TOWERS = ['国际大厦', '财富中心', '科技大厦', '金融广场', '创意园', '商务中心', '时代广场', '环球中心', '软件园'];
const PARKS = ['电商产业园', '物流园', '工业园', '小商品城', '服装城', '创业园'];
const HK_ROADS = ['弥敦道', '皇后大道中', '轩尼诗道', '德辅道中', '英皇道', '广东道', '青山公路', '沙田正街', '荷李活道', '告士打道'];
const MO_ROADS = ['新马路', '南湾大马路', '高士德大马路', '殷皇子大马路', '罗理基博士大马路', '宋玉生广场'];
const SAR_BUILDINGS = ['中心大厦', '广场', '商业大厦', '花园', '中心'];

export type AddressKind = 'home' | 'office' | 'business';

export interface Address {
  text: string;
  /** the 小区 / 大厦 / 园区 people collect parcels near (for lockers and stations) */
  landmark: string;
  /** region codes to send with the address, or null to leave them for the server to parse */
  codes: { provinceCode: string; cityCode: string; districtCode: string | null } | null;
}

/** "浙江省杭州市西湖区" in full, or as people often write it, "杭州西湖区" / "上海浦东新区". */
function regionText(place: Place, full: boolean): string {
  const district = place.districtName ?? '';
  if (isSar(place)) return `${full ? place.provinceName : cityShortName(place)}${district}`;
  if (isMunicipalityOrSar(place)) return `${full ? place.provinceName : cityShortName(place)}${district}`;
  return full ? `${place.provinceName}${place.cityName}${district}` : `${cityShortName(place)}${place.districtName ? district : '市'}`;
}

function streetPart(random: Random, place: Place, kind: AddressKind): { street: string; landmark: string } {
  if (isSar(place)) {
    const road = random.pick(place.provinceCode === '810000' ? HK_ROADS : MO_ROADS);
    const building = `${random.pick(['金华', '永安', '美丽华', '信和', '新世界', '海港', '荣华', '富豪'])}${random.pick(SAR_BUILDINGS)}`;
    return { street: `${road}${random.int(1, 300)}号${building}${random.int(2, 30)}楼${random.pick(['A', 'B', 'C', 'D'])}室`, landmark: building };
  }
  const road = random.pick(ROADS);
  const number = `${random.int(1, 999)}号`;
  switch (kind) {
    case 'home': {
      const community = random.pick(COMMUNITIES);
      const room = `${random.int(1, 33)}${String(random.int(1, 4)).padStart(2, '0')}`;
      return { street: `${road}${number}${community}${random.int(1, 28)}栋${random.int(1, 4)}单元${room}室`, landmark: community };
    }
    case 'office': {
      const tower = random.pick(TOWERS);
      return { street: `${road}${number}${tower}${random.pick(['A', 'B', 'C'])}座${random.int(2, 32)}楼${random.int(1, 20)}号`, landmark: tower };
    }
    case 'business': {
      const park = random.pick(PARKS);
      return { street: `${road}${number}${park}${random.pick(['A', 'B', 'C', 'D', 'E'])}区${random.int(1, 30)}号`, landmark: park };
    }
  }
}

/**
 * A street address in the place. Codes are sent with 40% of addresses and left to the server's
 * parser otherwise, unless the parser would read the text as some other place: then they are sent
 * too, so the simulated shipment always lands where it was meant to.
 */
export function addressIn(random: Random, place: Place, kind: AddressKind): Address {
  const full = random.chance(0.6);
  const { street, landmark } = streetPart(random, place, kind);
  const text = `${regionText(place, full)}${street}`;
  const codes = { provinceCode: place.provinceCode, cityCode: place.cityCode, districtCode: place.districtCode };
  const parsed = parseAddress(text);
  const parsesBack = parsed?.provinceCode === place.provinceCode && parsed.cityCode === place.cityCode;
  return { text, landmark, codes: parsesBack && random.chance(0.6) ? null : codes };
}
