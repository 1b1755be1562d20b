import { describe, expect, it } from 'vitest';
import { lastFourDigits, maskAddress, maskName, maskPhone, nameShowsInFull } from './privacy.js';

describe('masking personal data: no more than a surname, a prefix and 4 digits, a district', () => {
  it.each([
    // Chinese names of 1–4+ characters: the surname stays, each other character is a *
    ['李', '李'],
    ['张三', '张*'],
    ['陈玉鹏', '陈**'],
    ['王小明明', '王***'],
    ['买买提江', '买***'],
    ['阿卜杜拉·艾力', '阿***·**'],
    ['  陈玉鹏 ', '陈**'],
    // 复姓: kept whole when a given name follows
    ['欧阳娜娜', '欧阳**'],
    ['欧阳修', '欧阳*'],
    ['司马光', '司马*'],
    ['诸葛孔明', '诸葛**'],
    ['欧阳', '欧*'],
    // a surname with an honorific reveals only the surname: shown as typed
    ['李女士', '李女士'],
    ['陈先生', '陈先生'],
    ['王小姐', '王小姐'],
    ['欧阳先生', '欧阳先生'],
    ['刘师傅', '刘师傅'],
    ['老王', '老王'],
    ['小李', '小李'],
    // a full name with an honorific: the given name is hidden, the honorific stays
    ['陈玉鹏先生', '陈**先生'],
    ['司马光先生', '司马*先生'],
    ['张三女士', '张*女士'],
    // Latin names: each word's initial
    ['Alice', 'A****'],
    ['John Smith', 'J*** S****'],
    ['Mary-Jane Watson', 'M***-**** W*****'],
    ['A', 'A'],
    [null, null],
    ['', ''],
  ])('name %j → %j', (name, masked) => expect(maskName(name)).toBe(masked));

  it.each([
    ['李女士', true],
    ['老王', true],
    ['陈玉鹏', false],
    ['Alice', false],
    [null, false],
  ])('name %j shows in full when masked: %j', (name, full) => expect(nameShowsInFull(name)).toBe(full));

  it.each([
    // mobile: carrier prefix and the last 4
    ['13800138000', '138****8000'],
    ['138-0013-8000', '138****8000'],
    ['+86 138 0013 8000', '138****8000'],
    ['+8613800138000', '138****8000'],
    ['0086 13800138000', '138****8000'],
    // landline: area code and the last 4
    ['0571-88881234', '0571-****1234'],
    ['057188881234', '0571-****1234'],
    ['010-12345678', '010-****5678'],
    ['(021) 6123 4567', '021-****4567'],
    ['0755-1234567', '0755-***4567'],
    // anything else: the last 4 only
    ['5888-1234', '****1234'],
    ['400-820-8820', '******8820'],
    ['123', '***'],
    [null, null],
  ])('phone %j → %j', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it.each([
    ['浙江省杭州市西湖区文三路90号', '浙江省 杭州市 西湖区', '浙江省杭州市西湖区****'],
    ['浙江省杭州市西湖区文三路90号', null, '浙江省杭州市西湖区****'],
    ['上海市浦东新区张江路88号', null, '上海市浦东新区****'],
    ['北京市朝阳区建国路88号', '北京市 北京市 朝阳区', '北京市朝阳区****'],
    ['广西壮族自治区南宁市青秀区民族大道100号', null, '广西壮族自治区南宁市青秀区****'],
    ['杭州西湖区文三路90号', null, '杭州西湖区****'],
    ['某某路1号', null, '****'],
    ['人民路88号市场3楼', null, '****'],
    ['文三路90号', '浙江省 杭州市 西湖区', '****'],
    [null, null, null],
  ])('address %j (region %j) → %j', (address, region, masked) => expect(maskAddress(address, region)).toBe(masked));

  it.each([
    ['13800138000', '8000'],
    ['+86 138 0013 8000', '8000'],
    ['12', null],
    [null, null],
  ])('last four digits of %j → %j', (phone, four) => expect(lastFourDigits(phone)).toBe(four));
});
