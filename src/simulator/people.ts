/**
 * People and businesses that send and receive parcels: common Chinese surnames and given names,
 * mobile numbers of the real number ranges, company names of the e-commerce sellers who ship on a
 * monthly-settled account (月结).
 */
import type { Random } from './random.js';

/** The most common surnames, roughly by frequency (weight), and a few two-character ones. */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 70], ['张', 67], ['刘', 54], ['陈', 45], ['杨', 31], ['赵', 20], ['黄', 20], ['周', 19], ['吴', 19],
  ['徐', 14], ['孙', 13], ['胡', 12], ['朱', 12], ['高', 11], ['林', 11], ['何', 11], ['郭', 11], ['马', 10], ['罗', 9],
  ['梁', 8], ['宋', 8], ['郑', 8], ['谢', 7], ['韩', 7], ['唐', 7], ['冯', 7], ['于', 6], ['董', 6], ['萧', 6],
  ['程', 6], ['曹', 6], ['袁', 5], ['邓', 5], ['许', 5], ['傅', 5], ['沈', 5], ['曾', 5], ['彭', 5], ['吕', 4],
  ['苏', 4], ['卢', 4], ['蒋', 4], ['蔡', 4], ['贾', 4], ['丁', 4], ['魏', 4], ['薛', 4], ['叶', 4], ['阎', 3],
  ['余', 3], ['潘', 3], ['杜', 3], ['戴', 3], ['夏', 3], ['钟', 3], ['汪', 3], ['田', 3], ['任', 3], ['姜', 3],
  ['范', 3], ['方', 3], ['石', 3], ['姚', 3], ['谭', 3], ['廖', 3], ['邹', 3], ['熊', 3], ['金', 3], ['陆', 3],
  ['郝', 2], ['孔', 2], ['白', 2], ['崔', 2], ['康', 2], ['毛', 2], ['邱', 2], ['秦', 2], ['江', 2], ['史', 2],
  ['顾', 2], ['侯', 2], ['邵', 2], ['孟', 2], ['龙', 2], ['万', 2], ['段', 2], ['雷', 2], ['钱', 2], ['汤', 2],
  ['尹', 2], ['黎', 2], ['易', 2], ['常', 2], ['武', 2], ['乔', 2], ['贺', 2], ['赖', 2], ['龚', 2], ['文', 2],
  ['欧阳', 0.5], ['司马', 0.2], ['上官', 0.2], ['诸葛', 0.1],
];

/** Characters that start and end given names; one-character names are common too. */
const GIVEN_FIRST = '子梓浩宇俊佳嘉思欣雨晓志建国家明文海晨一金永春秋雪丽美玉秀桂淑德红伟立新小天宏承云慧';
const GIVEN_SECOND = '轩涵萱怡然豪杰博洋磊涛强军平华芳英兰敏静婷娜琳颖霞燕鹏飞辉斌峰超勇刚亮龙凤宁雯琪瑶欣阳';

function charsOf(text: string): string[] {
  return [...text];
}
const FIRST = charsOf(GIVEN_FIRST);
const SECOND = charsOf(GIVEN_SECOND);

export interface PersonName {
  name: string;
  surname: string;
}

export function personName(random: Random): PersonName {
  const surname = random.weighted(SURNAMES);
  const given = random.chance(0.25) ? random.pick(SECOND) : random.pick(FIRST) + random.pick(SECOND);
  return { name: surname + given, surname };
}

/** Mobile prefixes in use (号段) of the three operators and the virtual operators. */
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '145', '147', '150', '151', '152', '153',
  '155', '156', '157', '158', '159', '166', '170', '171', '173', '175', '176', '177', '178', '180', '181', '182',
  '183', '184', '185', '186', '187', '188', '189', '191', '193', '195', '196', '198', '199',
];

/** 11 digits, 1[3-9]xxxxxxxxx. */
export function mobileNumber(random: Random): string {
  return random.pick(MOBILE_PREFIXES) + random.digits(8);
}

/** As carriers print a courier's number in a scan: 138****1234. */
export function maskedPhone(phone: string): string {
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}

const BRANDS = ['优品', '鑫源', '恒达', '锦程', '华美', '盛世', '金鼎', '德信', '宏远', '嘉禾', '天成', '永兴', '瑞祥', '乐购', '云帆', '星辰', '青禾', '佳禾', '百川', '尚品'];
const TRADES = ['电子商务', '服饰', '贸易', '日用品', '电子科技', '食品', '家居用品', '化妆品', '母婴用品', '汽车配件', '茶业', '鞋业'];

/** 杭州云帆电子商务有限公司 */
export function companyName(random: Random, cityShortName: string): string {
  return `${cityShortName}${random.pick(BRANDS)}${random.pick(TRADES)}有限公司`;
}

export interface Courier {
  name: string;
  /** how scan texts call the courier: 王师傅 */
  callName: string;
  phone: string;
}

export function courier(random: Random): Courier {
  const { name, surname } = personName(random);
  return { name, callName: `${surname}师傅`, phone: mobileNumber(random) };
}
