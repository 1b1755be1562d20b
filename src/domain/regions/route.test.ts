import { describe, expect, it } from 'vitest';
import { classifyRoute, type RouteClass, type RouteEnd } from './route.js';

const hangzhou: RouteEnd = { provinceCode: '330000', cityCode: '330100' };
const hangzhouXihu: RouteEnd = { provinceCode: '330000', cityCode: '330106' };
const ningbo: RouteEnd = { provinceCode: '330000', cityCode: '330200' };
const zhejiang: RouteEnd = { provinceCode: '330000', cityCode: null };
const shenzhen: RouteEnd = { provinceCode: '440000', cityCode: '440300' };
const beijingChaoyang: RouteEnd = { provinceCode: '110000', cityCode: '110000' };
const beijingHaidian: RouteEnd = { provinceCode: '110000', cityCode: '110108' };
const beijingGbt: RouteEnd = { provinceCode: '110000', cityCode: '110100' };
const chongqingCity: RouteEnd = { provinceCode: '500000', cityCode: '500103' };
const chongqingCounty: RouteEnd = { provinceCode: '500000', cityCode: '500240' };
const xiantao: RouteEnd = { provinceCode: '420000', cityCode: '429004' };
const qianjiang: RouteEnd = { provinceCode: '420000', cityCode: '429005' };
const hongKong: RouteEnd = { provinceCode: '810000', cityCode: '810000' };
const hongKongWanchai: RouteEnd = { provinceCode: '810000', cityCode: '810002' };
const macao: RouteEnd = { provinceCode: '820000', cityCode: '820000' };
const taiwan: RouteEnd = { provinceCode: '710000', cityCode: null };
const hongKongByCountry: RouteEnd = { provinceCode: '', cityCode: null, countryCode: 'HK' };
const tokyo: RouteEnd = { provinceCode: '', cityCode: null, countryCode: 'JP' };
const mainlandByCountry: RouteEnd = { provinceCode: '440000', cityCode: '440300', countryCode: 'cn' };

describe('classifyRoute', () => {
  it.each<{ case: string; from: RouteEnd; to: RouteEnd; route: RouteClass }>([
    { case: '同城: same city', from: hangzhou, to: hangzhouXihu, route: 'same_city' },
    { case: '省内异地: same province', from: hangzhou, to: ningbo, route: 'intra_province' },
    { case: '省际: other province', from: hangzhou, to: shenzhen, route: 'inter_province' },
    { case: 'city unknown in the same province: the longer promise', from: zhejiang, to: hangzhou, route: 'intra_province' },
    { case: 'both cities unknown', from: zhejiang, to: zhejiang, route: 'intra_province' },
    { case: 'Beijing districts are one city', from: beijingChaoyang, to: beijingHaidian, route: 'same_city' },
    { case: 'GB/T 2260 110100 is Beijing', from: beijingGbt, to: beijingHaidian, route: 'same_city' },
    { case: 'Chongqing districts and counties are one city', from: chongqingCity, to: chongqingCounty, route: 'same_city' },
    { case: 'two province-governed county-level cities', from: xiantao, to: qianjiang, route: 'intra_province' },
    { case: 'mainland given as CN', from: mainlandByCountry, to: shenzhen, route: 'same_city' },
    { case: 'Hong Kong to Hong Kong is 同城', from: hongKong, to: hongKongWanchai, route: 'same_city' },
    { case: 'HK given as a country', from: hongKongByCountry, to: hongKong, route: 'same_city' },
    { case: 'mainland to Hong Kong', from: shenzhen, to: hongKong, route: 'hmt' },
    { case: 'Macao to mainland', from: macao, to: beijingChaoyang, route: 'hmt' },
    { case: 'Hong Kong to Macao', from: hongKong, to: macao, route: 'hmt' },
    { case: 'Taiwan to Taiwan, cities unknown', from: taiwan, to: taiwan, route: 'hmt' },
    { case: 'mainland to Taiwan', from: hangzhou, to: taiwan, route: 'hmt' },
    { case: 'mainland to Japan', from: shenzhen, to: tokyo, route: 'international' },
    { case: 'Japan to Hong Kong', from: tokyo, to: hongKong, route: 'international' },
  ])('$case → $route', ({ from, to, route }) => {
    expect(classifyRoute(from, to)).toBe(route);
    expect(classifyRoute(to, from)).toBe(route);
  });
});
