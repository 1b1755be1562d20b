import { describe, expect, it } from 'vitest';
import { cities, districts, provinceName, provinces, regionLabel, regionOf, type Region } from './divisions.js';

describe('GB/T 2260 divisions', () => {
  it('loads every province-level unit, Taiwan, Hong Kong and Macao included', () => {
    expect(provinces.size).toBe(34);
    expect(['710000', '810000', '820000'].map((code) => provinces.get(code)?.name)).toEqual([
      '台湾省',
      '香港特别行政区',
      '澳门特别行政区',
    ]);
    expect(cities.size).toBeGreaterThan(330);
    expect(districts.size).toBeGreaterThan(2900);
  });

  it.each<{ case: string; code: string; region: Region | null }>([
    {
      case: 'a district of a prefecture-level city',
      code: '330106',
      region: { provinceCode: '330000', cityCode: '330100', districtCode: '330106', names: { province: '浙江省', city: '杭州市', district: '西湖区' } },
    },
    {
      case: 'a city',
      code: '440300',
      region: { provinceCode: '440000', cityCode: '440300', districtCode: null, names: { province: '广东省', city: '深圳市', district: null } },
    },
    {
      case: 'a province (city unknown)',
      code: '330000',
      region: { provinceCode: '330000', cityCode: null, districtCode: null, names: { province: '浙江省', city: null, district: null } },
    },
    {
      case: 'a Beijing district: the municipality is the city',
      code: '110105',
      region: { provinceCode: '110000', cityCode: '110000', districtCode: '110105', names: { province: '北京市', city: '北京市', district: '朝阳区' } },
    },
    {
      case: 'Beijing itself is a city',
      code: '110000',
      region: { provinceCode: '110000', cityCode: '110000', districtCode: null, names: { province: '北京市', city: '北京市', district: null } },
    },
    {
      case: 'GB/T 2260 市辖区 grouping of a municipality',
      code: '310100',
      region: { provinceCode: '310000', cityCode: '310000', districtCode: null, names: { province: '上海市', city: '上海市', district: null } },
    },
    {
      case: 'a Chongqing county (GB/T 2260 500200 县) is in the one city',
      code: '500240',
      region: { provinceCode: '500000', cityCode: '500000', districtCode: '500240', names: { province: '重庆市', city: '重庆市', district: '石柱土家族自治县' } },
    },
    {
      case: 'a county-level city governed by its province is its own city',
      code: '429004',
      region: { provinceCode: '420000', cityCode: '429004', districtCode: null, names: { province: '湖北省', city: '仙桃市', district: null } },
    },
    {
      case: 'a Hong Kong district',
      code: '810005',
      region: {
        provinceCode: '810000',
        cityCode: '810000',
        districtCode: '810005',
        names: { province: '香港特别行政区', city: '香港特别行政区', district: '油尖旺区' },
      },
    },
    {
      case: 'Taiwan: no city list in the data set',
      code: '710000',
      region: { provinceCode: '710000', cityCode: null, districtCode: null, names: { province: '台湾省', city: null, district: null } },
    },
    { case: 'unknown code', code: '999999', region: null },
    { case: 'not a code', code: 'abc', region: null },
    { case: 'empty', code: '', region: null },
  ])('regionOf: $case', ({ code, region }) => {
    expect(regionOf(code)).toEqual(region);
  });

  it.each([
    { province: '330000', city: '330100', district: '330106', label: '浙江省杭州市西湖区' },
    { province: '110000', city: '110000', district: '110105', label: '北京市朝阳区' },
    { province: '420000', city: '429004', district: null, label: '湖北省仙桃市' },
    { province: '440000', city: null, district: null, label: '广东省' },
    { province: '440000', city: '449999', district: null, label: '广东省' },
    { province: '990000', city: null, district: null, label: null },
  ])('regionLabel $province $city $district → $label', ({ province, city, district, label }) => {
    expect(regionLabel(province, city, district)).toBe(label);
  });

  it.each([
    { code: '330106', name: '浙江省' },
    { code: '81', name: '香港特别行政区' },
    { code: '990000', name: null },
  ])('provinceName $code → $name', ({ code, name }) => {
    expect(provinceName(code)).toBe(name);
  });
});
