import { describe, expect, it } from 'vitest';
import { cities, districts, provinces } from './divisions.js';
import { parseAddress, type ParsedAddress } from './parse-address.js';

const at = (provinceCode: string, cityCode: string | null, districtCode: string | null, matched: string): ParsedAddress => ({
  provinceCode,
  cityCode,
  districtCode,
  matched,
});

describe('parseAddress', () => {
  it.each<{ text: string; parsed: ParsedAddress | null }>([
    // full names
    { text: '浙江省杭州市西湖区文三路90号', parsed: at('330000', '330100', '330106', '浙江省杭州市西湖区') },
    { text: '北京市朝阳区建国路88号', parsed: at('110000', '110000', '110105', '北京市朝阳区') },
    { text: '内蒙古自治区呼和浩特市新城区', parsed: at('150000', '150100', '150102', '内蒙古自治区呼和浩特市新城区') },
    // missing 省/市 suffixes
    { text: '广东深圳南山区科技园', parsed: at('440000', '440300', '440305', '广东深圳南山区') },
    { text: '杭州西湖文三路', parsed: at('330000', '330100', '330106', '杭州西湖') },
    { text: '广西南宁市青秀区民族大道', parsed: at('450000', '450100', '450103', '广西南宁市青秀区') },
    { text: '新疆伊犁伊宁市', parsed: at('650000', '654000', '654002', '新疆伊犁伊宁市') },
    { text: '湖北恩施州恩施市', parsed: at('420000', '422800', '422801', '湖北恩施州恩施市') },
    // municipalities
    { text: '上海浦东新区张江路', parsed: at('310000', '310000', '310115', '上海浦东新区') },
    { text: '上海 上海市 浦东新区 张江路', parsed: at('310000', '310000', '310115', '上海 上海市 浦东新区') },
    { text: '重庆市石柱县南宾镇', parsed: at('500000', '500000', '500240', '重庆市石柱县') },
    { text: '浦东新区张江路', parsed: at('310000', '310000', '310115', '浦东新区') },
    // Hong Kong, Macao, Taiwan
    { text: '香港九龙尖沙咀', parsed: at('810000', '810000', null, '香港') },
    { text: '香港特別行政區灣仔區告士打道', parsed: at('810000', '810000', '810002', '香港特別行政區灣仔區') },
    { text: '澳门氹仔', parsed: at('820000', '820000', null, '澳门') },
    { text: '台湾台北市信义区', parsed: at('710000', null, null, '台湾') },
    // a province name that is also a city name
    { text: '吉林市船营区', parsed: at('220000', '220200', '220204', '吉林市船营区') },
    { text: '吉林省吉林市昌邑区', parsed: at('220000', '220200', '220202', '吉林省吉林市昌邑区') },
    { text: '海南海口市美兰区', parsed: at('460000', '460100', '460108', '海南海口市美兰区') },
    // cities without districts, county-level cities governed by the province
    { text: '中国广东省东莞市长安镇', parsed: at('440000', '441900', null, '广东省东莞市') },
    { text: '湖北仙桃市', parsed: at('420000', '429004', null, '湖北仙桃市') },
    // ambiguous district names: the one under the matched city, none without one
    { text: '南京市鼓楼区中山路', parsed: at('320000', '320100', '320106', '南京市鼓楼区') },
    { text: '福州市鼓楼区', parsed: at('350000', '350100', '350102', '福州市鼓楼区') },
    { text: '长春市朝阳区', parsed: at('220000', '220100', '220104', '长春市朝阳区') },
    { text: '江苏鼓楼区', parsed: at('320000', null, null, '江苏') },
    { text: '朝阳区建国路', parsed: null },
    // a short form followed by another level's suffix names something else
    { text: '浙江省', parsed: at('330000', null, null, '浙江省') },
    { text: '文三路90号', parsed: null },
    { text: '', parsed: null },
    { text: '   ', parsed: null },
  ])('$text', ({ text, parsed }) => {
    expect(parseAddress(text)).toEqual(parsed);
  });

  it('is fast enough to run for every shipment at ingest', () => {
    const started = performance.now();
    for (let i = 0; i < 2_000; i++) parseAddress(`浙江省杭州市西湖区文三路${i}号`);
    expect((performance.now() - started) / 2_000).toBeLessThan(1); // ms per address
  });
});

describe('parseAddress over the whole data set', () => {
  it('finds every district from its full province, city and district names', () => {
    const misses: string[] = [];
    for (const d of districts.values()) {
      const city = cities.get(d.cityCode)!;
      const province = provinces.get(d.provinceCode)!;
      const text = `${province.name}${city.code === province.code ? '' : city.name}${d.name}88号`;
      const parsed = parseAddress(text);
      // A unit renumbered in place (三明市 三元区 350403 → 350404) is found under its newer code.
      const newest = [...districts.values()]
        .filter((o) => o.cityCode === d.cityCode && o.name === d.name)
        .reduce((a, b) => (a.code > b.code ? a : b)).code;
      if (parsed?.districtCode !== newest || parsed.cityCode !== city.code) misses.push(`${text} → ${JSON.stringify(parsed)}`);
    }
    expect(misses).toEqual([]);
  });

  it('finds every city from its short name after its province short name', () => {
    const misses: string[] = [];
    for (const c of cities.values()) {
      const province = provinces.get(c.provinceCode)!;
      if (province.code === c.code) continue;
      const text = `${province.name}${c.name}人民路1号`;
      if (parseAddress(text)?.cityCode !== c.code) misses.push(text);
    }
    expect(misses).toEqual([]);
  });
});
