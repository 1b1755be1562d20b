import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  KUAIDI100_STATES,
  KUAIDI100_SUCCESS_ANSWER,
  gbt2260FromAreaCode,
  kuaidi100CodeForName,
  kuaidi100FailureAnswer,
  mapKuaidi100,
  mapKuaidi100State,
  parseKuaidi100Param,
  parseKuaidi100Time,
  verifyKuaidi100Sign,
  type Kuaidi100Mapping,
  type Kuaidi100Push,
} from './kuaidi100.js';
import { isSubStatusOf, type CanonicalEvent } from './vocabulary.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/kuaidi100/${name}`, import.meta.url), 'utf8');
const md5Upper = (s: string) => createHash('md5').update(s, 'utf8').digest('hex').toUpperCase();

function parsed(param: string): Kuaidi100Push {
  const result = parseKuaidi100Param(param);
  if (!result.ok) throw new Error(`fixture did not parse: ${result.problems.join('; ')}`);
  return result.value;
}

/** A push with the given records, for mapping one record at a time. */
function pushOf(data: unknown[], state: string | null = '0'): Kuaidi100Push {
  return parsed(JSON.stringify({ status: 'polling', message: '', lastResult: { state, com: 'zhongtong', nu: '7881', data } }));
}

const brief = (e: CanonicalEvent) => [e.eventTime.toISOString(), e.status, e.subStatus, e.site, e.areaCode, e.courier];

describe('快递100 state codes', () => {
  it.each([
    // main states
    { code: '0', status: 'in_transit', sub: 'in_transit' },
    { code: '1', status: 'picked_up', sub: 'picked_up' },
    { code: '2', status: 'stalled', sub: 'problem' },
    { code: '3', status: 'delivered', sub: 'self' },
    { code: '4', status: 'returned', sub: 'returned_to_sender' },
    { code: '5', status: 'out_for_delivery', sub: 'out_for_delivery' },
    { code: '6', status: 'returned', sub: 'returning' },
    { code: '7', status: 'in_transit', sub: 'transferred' },
    { code: '8', status: 'customs', sub: 'customs_pending' },
    { code: '14', status: 'refused', sub: 'refused' },
    // 揽收
    { code: '101', status: 'ordered', sub: 'created' },
    { code: '102', status: 'ordered', sub: 'pickup_scheduled' },
    { code: '103', status: 'picked_up', sub: 'picked_up' },
    // 在途
    { code: '1001', status: 'in_transit', sub: 'arrived' },
    { code: '1002', status: 'in_transit', sub: 'in_transit' },
    { code: '1003', status: 'in_transit', sub: 'forwarded' },
    // 派件
    { code: '501', status: 'awaiting_pickup', sub: 'locker' },
    // 签收
    { code: '301', status: 'delivered', sub: 'self' },
    { code: '302', status: 'delivered', sub: 'abnormal_signed' },
    { code: '303', status: 'delivered', sub: 'proxy' },
    { code: '304', status: 'delivered', sub: 'locker' },
    // 退签
    { code: '401', status: 'cancelled', sub: 'cancelled' },
    // 疑难
    { code: '201', status: 'stalled', sub: 'stalled' },
    { code: '202', status: 'stalled', sub: 'stalled' },
    { code: '203', status: 'refused', sub: 'refused' },
    { code: '204', status: 'failed_attempt', sub: 'other' },
    { code: '205', status: 'awaiting_pickup', sub: 'station' },
    { code: '206', status: 'failed_attempt', sub: 'unreachable' },
    { code: '207', status: 'failed_attempt', sub: 'address_issue' },
    { code: '208', status: 'stalled', sub: 'stalled' },
    { code: '209', status: 'damaged', sub: 'damaged' },
    { code: '210', status: 'stalled', sub: 'problem' },
    // 清关
    { code: '10', status: 'customs', sub: 'customs_pending' },
    { code: '11', status: 'customs', sub: 'customs_pending' },
    { code: '12', status: 'customs', sub: 'customs_cleared' },
    { code: '13', status: 'customs', sub: 'customs_held' },
  ])('$code → $status/$sub', ({ code, status, sub }) => {
    expect(mapKuaidi100State(code)).toEqual({ status, subStatus: sub });
  });

  it('every code in the table is covered by the table test above', () => {
    expect(Object.keys(KUAIDI100_STATES)).toHaveLength(36);
  });

  it.each([
    { case: 'unknown 1xx falls back to 揽收', code: '104', status: 'picked_up', sub: 'picked_up' },
    { case: 'unknown 100x falls back to 在途', code: '1009', status: 'in_transit', sub: 'in_transit' },
    { case: 'unknown 2xx falls back to 疑难', code: '211', status: 'stalled', sub: 'problem' },
    { case: 'unknown 3xx falls back to 签收', code: '305', status: 'delivered', sub: 'self' },
    { case: 'unknown 4xx falls back to 退签', code: '402', status: 'returned', sub: 'returned_to_sender' },
    { case: 'unknown 5xx falls back to 派件', code: '502', status: 'out_for_delivery', sub: 'out_for_delivery' },
    { case: 'unknown 6xx falls back to 退回', code: '601', status: 'returned', sub: 'returning' },
    { case: 'unknown 7xx falls back to 转投', code: '701', status: 'in_transit', sub: 'transferred' },
    { case: 'unknown 8xx falls back to 清关', code: '801', status: 'customs', sub: 'customs_pending' },
    { case: 'surrounding spaces are ignored', code: ' 301 ', status: 'delivered', sub: 'self' },
  ])('$case ($code)', ({ code, status, sub }) => {
    expect(mapKuaidi100State(code)).toEqual({ status, subStatus: sub });
  });

  it.each(['9', '15', '99', '901', '10000', 'abc', '', '-1'])('"%s" means nothing', (code) => {
    expect(mapKuaidi100State(code)).toBeNull();
  });

  it.each([
    { case: '501 at a 丰巢 locker', code: '501', text: '快件已放入【小区北门丰巢智能柜】', sub: 'locker' },
    { case: '501 at a 菜鸟驿站', code: '501', text: '快件已到达【XX小区菜鸟驿站】，请凭取件码取件', sub: 'station' },
    { case: '501 with both words keeps the default', code: '501', text: '已放入快递柜或驿站', sub: 'locker' },
    { case: '304 signed at a station', code: '304', text: '已由【兔喜生活超市】代收签收', sub: 'station' },
    { case: '304 signed at a locker', code: '304', text: '已从丰巢智能柜取出', sub: 'locker' },
    { case: '205 overdue at a locker', code: '205', text: '快件在丰巢柜超时未取', sub: 'locker' },
    { case: '205 overdue, no words', code: '205', text: '', sub: 'station' },
    { case: '3 signed by the recipient', code: '3', text: '您的快件已签收，签收人：本人', sub: 'self' },
    { case: '3 signed by family', code: '3', text: '已签收，签收人【家人】', sub: 'proxy' },
    { case: '3 signed by the doorman', code: '3', text: '已签收，由门卫代签', sub: 'proxy' },
    { case: '3 at a station', code: '3', text: '您的快件已由【菜鸟驿站】代收并签收', sub: 'station' },
    { case: '3 at a locker', code: '3', text: '已签收，快件已从丰巢智能柜取出', sub: 'locker' },
    { case: '301 is self whatever the words', code: '301', text: '由门卫代签', sub: 'self' },
  ])('the carrier’s words decide: $case', ({ code, text, sub }) => {
    expect(mapKuaidi100State(code, text)?.subStatus).toBe(sub);
  });

  it('every mapping is a status/sub-status pair of our vocabulary, whatever the words', () => {
    const texts = ['', '丰巢智能柜', '菜鸟驿站', '门卫代签', '签收人：本人'];
    for (const code of Object.keys(KUAIDI100_STATES)) {
      for (const text of texts) {
        const mapped = mapKuaidi100State(code, text);
        expect(mapped, code).not.toBeNull();
        expect(isSubStatusOf(mapped!.status, mapped!.subStatus), `${code} ${text}`).toBe(true);
      }
    }
  });

  it.each([
    ['在途', '0'],
    ['揽收', '1'],
    ['疑难', '2'],
    ['签收', '3'],
    ['退签', '4'],
    ['派件', '5'],
    ['退回', '6'],
    ['转投', '7'],
    ['转单', '7'],
    ['清关', '8'],
    ['拒签', '14'],
    ['干线', '1002'],
    ['投柜或驿站', '501'],
    ['本人签收', '301'],
    ['柜或驿站超时未取', '205'],
    [' 已清关 ', '12'],
    ['不存在的状态', null],
  ])('state name %s → %s', (name, code) => {
    expect(kuaidi100CodeForName(name)).toBe(code);
  });

  it('every name in the table leads back to its code', () => {
    for (const [code, row] of Object.entries(KUAIDI100_STATES)) expect(kuaidi100CodeForName(row.name)).toBe(code);
  });
});

describe('快递100 times (China time, UTC+8)', () => {
  it.each([
    { value: '2026-11-20 14:32:10', iso: '2026-11-20T06:32:10.000Z' },
    { value: '2026-11-20 00:05:00', iso: '2026-11-19T16:05:00.000Z' },
    { value: '2026-01-01 07:59:59', iso: '2025-12-31T23:59:59.000Z' },
    { value: '2028-02-29 12:00:00', iso: '2028-02-29T04:00:00.000Z' },
    { value: '2026-11-20 14:32', iso: '2026-11-20T06:32:00.000Z' },
    { value: ' 2026-11-20 14:32:10 ', iso: '2026-11-20T06:32:10.000Z' },
    { value: '2026-11-20T14:32:10', iso: '2026-11-20T06:32:10.000Z' },
  ])('$value → $iso', ({ value, iso }) => {
    expect(parseKuaidi100Time(value)?.toISOString()).toBe(iso);
  });

  it.each(['', '2026-11-31 10:00:00', '2026-02-29 10:00:00', '2026-13-01 10:00:00', '2026-11-20 24:00:00', '2026-11-20 10:60:00', '2026/11/20 10:00:00', '2026-11-20', '20 Nov 2026', '2026-11-20 10:00:00+08:00'])(
    '"%s" is not a time',
    (value) => {
      expect(parseKuaidi100Time(value)).toBeNull();
    },
  );
});

describe('快递100 area codes → GB/T 2260', () => {
  it.each([
    { areaCode: 'CN310000000000', code: '310000' },
    { areaCode: 'CN310115000000', code: '310115' },
    { areaCode: 'CN440305000000', code: '440305' },
    { areaCode: 'CN441900000000', code: '441900' },
    { areaCode: 'CN110101016000', code: '110101' },
    { areaCode: 'cn500101000000', code: '500101' },
    { areaCode: '330106', code: '330106' },
    { areaCode: '330106000000', code: '330106' },
    // 北京昌平 really arrives as CN111400000000; 1114 is not a Beijing code (昌平 is 110114)
    { areaCode: 'CN111400000000', code: null },
    { areaCode: 'CN990000000000', code: null },
    { areaCode: 'CN000000000000', code: null },
    { areaCode: 'CN31011500000', code: null },
    { areaCode: 'US100000000000', code: null },
    { areaCode: '', code: null },
    { areaCode: null, code: null },
  ])('$areaCode → $code', ({ areaCode, code }) => {
    expect(gbt2260FromAreaCode(areaCode)).toBe(code);
  });
});

describe('快递100 sign = MD5(param + salt)', () => {
  const param = fixture('push-signed.json');
  const salt = 'pd-salt-2026';
  const sign = md5Upper(param + salt);

  it('accepts the documented upper-case signature', () => {
    expect(verifyKuaidi100Sign(param, sign, salt)).toBe(true);
  });
  it('accepts lower case and surrounding spaces', () => {
    expect(verifyKuaidi100Sign(param, ` ${sign.toLowerCase()}\n`, salt)).toBe(true);
  });
  it('refuses a wrong salt', () => {
    expect(verifyKuaidi100Sign(param, sign, 'another-salt')).toBe(false);
  });
  it('refuses a tampered param', () => {
    expect(verifyKuaidi100Sign(param.replace('本人签收', '代签'), sign, salt)).toBe(false);
    expect(verifyKuaidi100Sign(`${param} `, sign, salt)).toBe(false);
  });
  it('refuses a missing, short or non-hex sign', () => {
    expect(verifyKuaidi100Sign(param, '', salt)).toBe(false);
    expect(verifyKuaidi100Sign(param, sign.slice(0, 31), salt)).toBe(false);
    expect(verifyKuaidi100Sign(param, `${sign}0`, salt)).toBe(false);
    expect(verifyKuaidi100Sign(param, 'Z'.repeat(32), salt)).toBe(false);
  });
  it('works with an empty salt (快递100 still signs)', () => {
    expect(verifyKuaidi100Sign(param, md5Upper(param), '')).toBe(true);
  });
  it('signs the UTF-8 bytes of Chinese text', () => {
    expect(verifyKuaidi100Sign('签收', md5Upper('签收盐'), '盐')).toBe(true);
    expect(md5Upper('签收盐')).toBe(createHash('md5').update(Buffer.from('签收盐', 'utf8')).digest('hex').toUpperCase());
  });
});

describe('快递100 answers', () => {
  it('success is exactly the documented JSON', () => {
    expect(KUAIDI100_SUCCESS_ANSWER).toBe('{"result":true,"returnCode":"200","message":"成功"}');
    expect(JSON.parse(KUAIDI100_SUCCESS_ANSWER)).toEqual({ result: true, returnCode: '200', message: '成功' });
  });
  it('failure says result false, returnCode 500', () => {
    expect(kuaidi100FailureAnswer()).toBe('{"result":false,"returnCode":"500","message":"失败"}');
    expect(JSON.parse(kuaidi100FailureAnswer('签名错误'))).toEqual({ result: false, returnCode: '500', message: '签名错误' });
  });
});

describe('parseKuaidi100Param reports what is wrong', () => {
  it.each([
    { case: 'empty', param: '', problem: 'param: empty' },
    { case: 'not JSON', param: '{"status":', problem: 'param: not valid JSON' },
    { case: 'a JSON list', param: '[]', problem: 'param: not a JSON object' },
    { case: 'a JSON string', param: '"polling"', problem: 'param: not a JSON object' },
    { case: 'no lastResult', param: '{"status":"polling"}', problem: 'lastResult: missing or not an object' },
    { case: 'no status', param: '{"lastResult":{"com":"yunda","nu":"1","data":[]}}', problem: 'status: missing or not a string' },
    { case: 'no waybill', param: '{"status":"polling","lastResult":{"com":"yunda","data":[]}}', problem: 'lastResult.nu: missing or empty (the waybill number)' },
    { case: 'blank waybill', param: '{"status":"polling","lastResult":{"com":"yunda","nu":"  ","data":[]}}', problem: 'lastResult.nu: missing or empty (the waybill number)' },
    { case: 'no carrier', param: '{"status":"polling","lastResult":{"nu":"1","data":[]}}', problem: 'lastResult.com: missing or empty (the carrier code)' },
    { case: 'data not a list', param: '{"status":"polling","lastResult":{"com":"yunda","nu":"1","data":{}}}', problem: 'lastResult.data: not a list' },
    { case: 'state an object', param: '{"status":"polling","lastResult":{"com":"yunda","nu":"1","state":{},"data":[]}}', problem: 'lastResult.state: not a string' },
  ])('$case', ({ param, problem }) => {
    const result = parseKuaidi100Param(param);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContain(problem);
  });

  it('lists every problem at once', () => {
    const result = parseKuaidi100Param('{"lastResult":{"data":5}}');
    expect(result).toEqual({
      ok: false,
      problems: [
        'status: missing or not a string',
        'lastResult.nu: missing or empty (the waybill number)',
        'lastResult.com: missing or empty (the carrier code)',
        'lastResult.data: not a list',
      ],
    });
  });

  it('accepts numbers where 快递100 documents strings, and a missing trace', () => {
    const result = parseKuaidi100Param('{"status":"abort","lastResult":{"state":0,"ischeck":0,"status":200,"com":"yunda","nu":" 4312 "}}');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.lastResult).toMatchObject({ state: '0', ischeck: '0', status: '200', nu: '4312', data: [] });
      expect(result.value.message).toBe('');
    }
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ status: 'polling', lastResult: v }))), (param) => {
        const result = parseKuaidi100Param(param);
        if (result.ok) expect(() => mapKuaidi100(result.value)).not.toThrow();
      }),
    );
  });
});

describe('mapKuaidi100: one record at a time', () => {
  const record = (over: Record<string, unknown>) => ({ context: '【上海市】 快件已到达 【上海浦东转运中心】', time: '2026-11-19 23:58:20', ftime: '2026-11-19 23:58:20', ...over });

  it('prefers statusCode, then the state name, then (newest record only) lastResult.state', () => {
    const { events } = mapKuaidi100(
      pushOf(
        [
          record({ ftime: '2026-11-20 10:00:00' }), // newest, nothing: lastResult.state 5
          record({ ftime: '2026-11-20 09:00:00', status: '派件' }), // name only
          record({ ftime: '2026-11-20 08:00:00', status: '在途', statusCode: '1001' }), // code wins over name
          record({ ftime: '2026-11-20 07:00:00' }), // older, nothing: a plain scan
          record({ ftime: '2026-11-20 06:00:00', statusCode: 'x', status: '揽收' }), // unusable code, name used
        ],
        '5',
      ),
    );
    expect(events.map((e) => `${e.status}/${e.subStatus}`)).toEqual([
      'picked_up/picked_up',
      'in_transit/in_transit',
      'in_transit/arrived',
      'out_for_delivery/out_for_delivery',
      'out_for_delivery/out_for_delivery',
    ]);
  });

  it('without any state at all, the newest record is a plain scan too', () => {
    const { events } = mapKuaidi100(pushOf([record({})], null));
    expect(events[0]).toMatchObject({ status: 'in_transit', subStatus: 'in_transit' });
  });

  it('uses ftime, falling back to time', () => {
    const { events } = mapKuaidi100(pushOf([record({ ftime: '', time: '2026-11-19 08:00:00' })]));
    expect(events[0]?.eventTime.toISOString()).toBe('2026-11-19T00:00:00.000Z');
  });

  it.each([
    { case: 'the first bracketed site', context: '【上海市】 快件离开 【上海浦东转运中心】 已发往 【上海浦东张江营业部】', over: {}, site: '上海浦东转运中心' },
    { case: 'square brackets', context: '[北京主城区公司昌平区宏福服务部]进行派件扫描', over: {}, site: '北京主城区公司昌平区宏福服务部' },
    { case: 'a locker', context: '您的快件已送达【北京昌平宏福苑丰巢智能柜】', over: {}, site: '北京昌平宏福苑丰巢智能柜' },
    { case: 'a city bracket is not a site; location is', context: '【上海市】 您的快件已签收', over: { location: '上海市' }, site: '上海市' },
    { case: 'then the area name', context: '您的快件已签收', over: { location: '', areaName: '上海,上海,浦东新区' }, site: '上海,上海,浦东新区' },
    { case: 'nothing at all', context: '您的快件已签收', over: { areaName: null }, site: null },
  ])('site: $case', ({ context, over, site }) => {
    expect(mapKuaidi100(pushOf([record({ context, ...over })])).events[0]?.site).toBe(site);
  });

  it.each([
    { context: '【上海市】 【上海浦东张江营业部】的派件员王师傅正在派件（电话：138****5678）', courier: '王师傅' },
    { context: '您的快件已签收。如有疑问请联系派件员：王师傅，电话：138****5678', courier: '王师傅' },
    { context: '【河南省洛阳市老城区中电阳光分部公司】 派件人: 黄振 派件中 派件员电话182****0541', courier: '黄振' },
    { context: '进行派件扫描；派送业务员：张建华；联系电话：136****2652', courier: '张建华' },
    { context: '快递员张三正在为您派件', courier: '张三' },
    { context: '【杭州市】 快递员已接单，正在赶往取件地址', courier: null },
    { context: '快递员正在派送途中', courier: null },
    { context: '【北京东城天坛】的杜卿赫177****1621正在派件', courier: null },
  ])('courier from "$context"', ({ context, courier }) => {
    expect(mapKuaidi100(pushOf([record({ context })])).events[0]?.courier).toBe(courier);
  });

  it('keeps the carrier’s words as received', () => {
    const context = '  【上海市】 快件已到达 【上海浦东转运中心】  ';
    expect(mapKuaidi100(pushOf([record({ context })])).events[0]?.rawText).toBe(context);
  });

  it('reports bad records with their index and keeps the good ones', () => {
    const mapping = mapKuaidi100(
      pushOf([
        record({}),
        42,
        null,
        record({ context: undefined }),
        record({ time: undefined, ftime: undefined }),
        record({ ftime: '2026-11-31 10:00:00' }),
        record({ ftime: '昨天 10:00' }),
        [],
      ]),
    );
    expect(mapping.events).toHaveLength(1);
    expect(mapping.problems).toEqual([
      { index: 1, reason: 'record is not an object' },
      { index: 2, reason: 'record is not an object' },
      { index: 3, reason: 'context missing or not a string' },
      { index: 4, reason: 'time missing' },
      { index: 5, reason: 'time not readable: "2026-11-31 10:00:00" (expected YYYY-MM-DD HH:mm:ss, China time)' },
      { index: 6, reason: 'time not readable: "昨天 10:00" (expected YYYY-MM-DD HH:mm:ss, China time)' },
      { index: 7, reason: 'record is not an object' },
    ]);
  });

  it('never throws and accounts for every record', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.anything(), fc.record({ context: fc.string(), ftime: fc.string(), statusCode: fc.string(), status: fc.string(), areaCode: fc.string() }))), (data) => {
        const mapping = mapKuaidi100(pushOf(data));
        expect(mapping.events.length + mapping.problems.length).toBe(data.length);
        for (const e of mapping.events) expect(isSubStatusOf(e.status, e.subStatus)).toBe(true);
      }),
    );
  });
});

describe('快递100 fixtures end to end', () => {
  const load = (name: string): Kuaidi100Mapping => mapKuaidi100(parsed(fixture(name)));

  it('push-signed: a full domestic trace, 下单 to 本人签收', () => {
    const m = load('push-signed.json');
    expect(m).toMatchObject({ waybillNo: '78812345678901', carrier: 'zhongtong', problems: [] });
    expect(m.monitor).toEqual({ status: 'shutdown', message: '', carrierCorrectedFrom: null });
    expect(m.events.map(brief)).toEqual([
      ['2026-11-19T01:30:00.000Z', 'ordered', 'pickup_scheduled', '浙江,杭州市,西湖区', '330106', null],
      ['2026-11-19T03:46:09.000Z', 'picked_up', 'picked_up', '浙江,杭州市,西湖区', '330106', null],
      ['2026-11-19T08:02:37.000Z', 'in_transit', 'in_transit', '杭州转运中心', '330100', null],
      ['2026-11-19T10:20:11.000Z', 'in_transit', 'in_transit', '杭州转运中心', '330100', null],
      ['2026-11-19T15:58:20.000Z', 'in_transit', 'arrived', '上海浦东转运中心', '310115', null],
      ['2026-11-19T17:12:45.000Z', 'in_transit', 'in_transit', '上海浦东转运中心', '310115', null],
      ['2026-11-19T22:41:02.000Z', 'in_transit', 'in_transit', '上海浦东张江营业部', '310115', null],
      ['2026-11-20T00:05:33.000Z', 'out_for_delivery', 'out_for_delivery', '上海浦东张江营业部', '310115', '王师傅'],
      ['2026-11-20T06:32:10.000Z', 'delivered', 'self', '上海,上海,浦东新区', '310115', '王师傅'],
    ]);
    for (const e of m.events) expect(e).toMatchObject({ waybillNo: '78812345678901', source: 'kuaidi100', externalId: null });
    expect(m.events.at(-1)?.rawText).toBe('【上海市】 您的快件已签收，签收人：本人。如有疑问请联系派件员：王师傅，电话：138****5678。感谢使用中通快递，期待再次为您服务！');
  });

  it('push-locker: waiting in a 丰巢 locker; the non-GB/T 2260 Beijing code is dropped', () => {
    const m = load('push-locker.json');
    expect(m.problems).toEqual([]);
    expect(m.events.map(brief)).toEqual([
      ['2026-11-18T11:22:48.000Z', 'picked_up', 'picked_up', '广东广州白云区新市公司', '440111', null],
      ['2026-11-18T18:41:05.000Z', 'in_transit', 'in_transit', '广州分拨中心', '440100', null],
      ['2026-11-20T07:18:16.000Z', 'in_transit', 'arrived', '北京分拨中心', '110000', null],
      ['2026-11-20T23:09:36.000Z', 'out_for_delivery', 'out_for_delivery', '北京主城区公司昌平区宏福服务部', null, '张建华'],
      ['2026-11-21T00:36:29.000Z', 'awaiting_pickup', 'locker', '北京昌平宏福苑丰巢智能柜', null, '张建华'],
    ]);
  });

  it('push-returned: refused, returning, signed back by the sender', () => {
    const m = load('push-returned.json');
    expect(m.events.map((e) => `${e.status}/${e.subStatus}`)).toEqual([
      'picked_up/picked_up',
      'out_for_delivery/out_for_delivery',
      'refused/refused',
      'returned/returning',
      'returned/returned_to_sender',
    ]);
    expect(m.events[1]?.courier).toBe('李强');
    expect(m.events[4]?.areaCode).toBe('440106');
  });

  it('push-problem: 滞留, 破损, 无法联系, then 派件异常后签收', () => {
    const m = load('push-problem.json');
    expect(m.events.map((e) => [e.status, e.subStatus, e.site])).toEqual([
      ['picked_up', 'picked_up', '南京江宁营业部'],
      ['in_transit', 'arrived', '武汉转运中心'],
      ['stalled', 'stalled', '武汉青山分部'],
      ['damaged', 'damaged', '武汉青山分部'],
      ['failed_attempt', 'unreachable', '武汉市'],
      ['delivered', 'abnormal_signed', '武汉市'],
    ]);
  });

  it('push-basic: resultv2=1 (names only, numbers for strings), one record with no state at all', () => {
    const m = load('push-basic.json');
    expect(m.problems).toEqual([]);
    expect(m.events.map((e) => [e.status, e.subStatus, e.site, e.areaCode])).toEqual([
      ['picked_up', 'picked_up', '东莞长安营业部', '441900'],
      ['in_transit', 'in_transit', '东莞转运中心', '441900'],
      ['in_transit', 'in_transit', '深圳转运中心', null],
      ['out_for_delivery', 'out_for_delivery', '深圳南山科技园菜鸟驿站', '440305'],
      ['delivered', 'station', '深圳南山科技园菜鸟驿站', '440305'],
    ]);
  });

  it('push-customs: an inbound EMS through Shanghai customs', () => {
    const m = load('push-customs.json');
    expect(m.events.map((e) => [e.subStatus, e.site, e.areaCode])).toEqual([
      ['in_transit', '东京国际邮件交换局', null],
      ['customs_pending', '上海市', '310115'],
      ['customs_pending', '上海市', '310115'],
      ['customs_held', '上海市', '310115'],
      ['customs_cleared', '上海国际邮件处理中心', '310115'],
    ]);
  });

  it('push-abort: no trace, the monitor says why and that the carrier code was corrected', () => {
    const m = load('push-abort.json');
    expect(m).toEqual({
      waybillNo: '78899990000111',
      carrier: 'zhongtong',
      monitor: { status: 'abort', message: '3天查询无记录', carrierCorrectedFrom: 'yunda' },
      events: [],
      recordIndexes: [],
      problems: [],
      unacceptableText: [],
    });
  });

  it('a record with a NUL or a lone surrogate in any field is refused by index, with the field, and the others kept', () => {
    const push = parseKuaidi100Param(fixture('push-signed.json'));
    if (!push.ok) throw new Error('fixture did not parse');
    const data = push.value.lastResult.data.map((r) => ({ ...(r as object) }));
    (data[0] as { context: string }).context += '\u0000';
    (data[2] as { areaName: string }).areaName = '\udc00';
    const m = mapKuaidi100({ ...push.value, lastResult: { ...push.value.lastResult, data } });
    expect(m.unacceptableText).toEqual([
      { index: 0, field: 'context' },
      { index: 2, field: 'areaName' },
    ]);
    expect(m.events).toHaveLength(data.length - 2);
    expect([...m.recordIndexes].sort()).not.toContain(0);
  });

  it('push-bad-records: five bad records reported by index, the good one kept', () => {
    const m = load('push-bad-records.json');
    expect(m.problems).toEqual([
      { index: 0, reason: 'time not readable: "2026-11-31 23:58:20" (expected YYYY-MM-DD HH:mm:ss, China time)' },
      { index: 1, reason: 'time missing' },
      { index: 2, reason: 'record is not an object' },
      { index: 3, reason: 'context missing or not a string' },
      { index: 4, reason: 'time not readable: "2026/11/19 11:46" (expected YYYY-MM-DD HH:mm:ss, China time)' },
    ]);
    expect(m.events.map(brief)).toEqual([['2026-11-19T01:30:00.000Z', 'ordered', 'pickup_scheduled', '浙江,杭州市,西湖区', '330106', null]]);
  });

  it('every fixture maps only onto our vocabulary, oldest first', () => {
    for (const name of ['push-signed.json', 'push-locker.json', 'push-returned.json', 'push-problem.json', 'push-basic.json', 'push-customs.json']) {
      const { events } = load(name);
      for (const e of events) expect(isSubStatusOf(e.status, e.subStatus), `${name} ${e.status}/${e.subStatus}`).toBe(true);
      const times = events.map((e) => e.eventTime.getTime());
      expect(times, name).toEqual([...times].sort((a, b) => a - b));
    }
  });
});
