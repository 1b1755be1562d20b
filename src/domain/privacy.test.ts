import { describe, expect, it } from 'vitest';
import { lastFourDigits, maskAddress, maskName, maskPhone } from './privacy.js';

describe('masking personal data', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['李', '*'],
    ['Alice', 'A****'],
    [null, null],
    ['', ''],
  ])('name %s → %s', (name, masked) => expect(maskName(name)).toBe(masked));

  it.each([
    ['13800138000', '138****8000'],
    ['138-0013-8000', '138****8000'],
    ['5888-1234', '****1234'],
    ['123', '***'],
    [null, null],
  ])('phone %s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it.each([
    ['浙江省杭州市西湖区文三路90号', '浙江省 杭州市 西湖区', '浙江省杭州市西湖区****'],
    ['上海市浦东新区张江路88号', null, '上海市浦东新区****'],
    ['北京市朝阳区建国路88号', '北京市 北京市 朝阳区', '北京市朝阳区****'],
    ['某某路1号', null, '****'],
  ])('address %s → %s', (address, region, masked) => expect(maskAddress(address, region)).toBe(masked));

  it.each([
    ['13800138000', '8000'],
    ['+86 138 0013 8000', '8000'],
    ['12', null],
    [null, null],
  ])('last four digits of %s → %s', (phone, four) => expect(lastFourDigits(phone)).toBe(four));
});
