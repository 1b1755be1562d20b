import { describe, expect, it } from 'vitest';
import {
  columnName,
  duplicateWaybills,
  eventFromRow,
  headerProblems,
  mapRows,
  parseEventTime,
  shipmentFromRow,
  type RowRecord,
} from './import-rows.js';

const shipmentRow: RowRecord = {
  waybill_no: 'PD1000000001',
  sender_name: '张三',
  sender_phone: '13800138000',
  sender_address: '上海市浦东新区张江路88号',
  recipient_name: '李四',
  recipient_phone: '139 1234 5678',
  recipient_address: '浙江省杭州市西湖区文三路90号',
};

const eventRow: RowRecord = {
  waybill_no: 'PD1000000001',
  event_time: '2026-11-20T14:03:00+08:00',
  status: 'in_transit',
  sub_status: 'arrived',
  text: '【杭州市】快件已到达【杭州转运中心】',
};

describe('columnName', () => {
  it.each([
    ['waybill_no', 'waybill_no'],
    [' Sender Name ', 'sender_name'],
    ['sender-phone', 'sender_phone'],
    ['运单号', 'waybill_no'],
    ['重量（克）', 'weight_g'],
    ['付款方式', 'payment_term'],
    [null, ''],
  ])('%s → %s', (header, name) => expect(columnName(header)).toBe(name));
});

describe('headerProblems', () => {
  it.each([
    { kind: 'shipments' as const, columns: Object.keys(shipmentRow), problems: [] },
    { kind: 'events' as const, columns: [...Object.keys(eventRow), 'event_id', ''], problems: [] },
    { kind: 'shipments' as const, columns: [...Object.keys(shipmentRow).slice(1)], problems: ['missing column "waybill_no"'] },
    { kind: 'events' as const, columns: [...Object.keys(eventRow), 'weight'], problems: ['unknown column "weight" (column 6)'] },
    { kind: 'events' as const, columns: [...Object.keys(eventRow), 'text'], problems: ['column "text" appears twice'] },
  ])('$kind $columns', ({ kind, columns, problems }) => {
    const found = headerProblems(columns, kind);
    expect(found.map((p) => p.replace(/; expected:.*$/, ''))).toEqual(problems);
  });
});

describe('shipmentFromRow', () => {
  it('maps a minimal row', () => {
    expect(shipmentFromRow(shipmentRow)).toEqual({
      ok: true,
      value: {
        waybillNo: 'PD1000000001',
        sender: { name: '张三', phone: '13800138000', address: '上海市浦东新区张江路88号' },
        recipient: { name: '李四', phone: '139 1234 5678', address: '浙江省杭州市西湖区文三路90号' },
      },
    });
  });

  it('maps every optional column, Chinese values included', () => {
    const result = shipmentFromRow({
      ...shipmentRow,
      sender_province_code: '310000',
      sender_city_code: 310000,
      recipient_district_code: '330106',
      product: '特快',
      weight_g: 1200,
      declared_value_fen: '50000',
      insured: '是',
      insurance_fee_fen: 300,
      freight_fen: '2300',
      payment_term: '月结',
      monthly_account: '5710123456',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        waybillNo: 'PD1000000001',
        sender: { name: '张三', phone: '13800138000', address: '上海市浦东新区张江路88号', provinceCode: '310000', cityCode: '310000' },
        recipient: { name: '李四', phone: '139 1234 5678', address: '浙江省杭州市西湖区文三路90号', districtCode: '330106' },
        product: 'express',
        weightG: 1200,
        declaredValueFen: 50000,
        insured: true,
        insuranceFeeFen: 300,
        freightFen: 2300,
        paymentTerm: 'monthly',
        monthlyAccount: '5710123456',
      },
    });
  });

  it.each([
    { change: { sender_phone: '' }, problems: ['sender_phone is empty'] },
    { change: { sender_phone: '138-0013-80OO' }, problems: ['sender_phone "138-0013-80OO" is not a phone number (5–20 digits, +, - or spaces)'] },
    { change: { waybill_no: 'PD 1' }, problems: ['waybill_no "PD 1" must be 6–32 letters, digits or dashes'] },
    { change: { waybill_no: 1e20 }, problems: ['waybill_no is a number too large to keep exactly; format the column as text'] },
    { change: { recipient_name: '  ', recipient_address: '杭' }, problems: ['recipient_name is empty', 'recipient_address must be at least 2 characters'] },
    { change: { weight_g: '1.2kg' }, problems: ['weight_g "1.2kg" must be a whole number of grams'] },
    { change: { weight_g: 0 }, problems: ['weight_g 0 must be between 1 and 100000000 grams'] },
    { change: { freight_fen: 12.5 }, problems: ['freight_fen "12.5" must be a whole number of fen'] },
    { change: { insured: 'maybe' }, problems: ['insured "maybe" must be yes or no (是/否)'] },
    { change: { insured: 'yes' }, problems: ['insured is yes, but declared_value_fen is empty'] },
    { change: { product: 'rocket' }, problems: ['product "rocket" must be one of standard, express, same_day, economy, international (标快/特快/当日达/经济/国际)'] },
    { change: { payment_term: '月结' }, problems: ['monthly_account is empty, but payment_term is 月结'] },
    { change: { payment_term: '寄付', monthly_account: 'A1' }, problems: ['monthly_account is given, but payment_term is not 月结'] },
    { change: { payment_term: 'cash' }, problems: ['payment_term "cash" must be one of 寄付, 到付, 月结 (sender_pays, collect, monthly)'] },
    { change: { sender_city_code: '3301' }, problems: ['sender_city_code "3301" is not a 6-digit GB/T 2260 code'] },
    { change: { sender_name: '张'.repeat(65) }, problems: ['sender_name is longer than 64 characters'] },
  ] as { change: RowRecord; problems: string[] }[])('reports $problems', ({ change, problems }) => {
    expect(shipmentFromRow({ ...shipmentRow, ...change })).toEqual({ ok: false, problems });
  });

  it('takes phones and waybills stored as numbers by a spreadsheet', () => {
    const result = shipmentFromRow({ ...shipmentRow, waybill_no: 773012345678, sender_phone: 13800138000 });
    expect(result).toMatchObject({ ok: true, value: { waybillNo: '773012345678', sender: { phone: '13800138000' } } });
  });
});

describe('parseEventTime', () => {
  it.each([
    { cell: '2026-11-20T14:03:00+08:00', iso: '2026-11-20T06:03:00.000Z' },
    { cell: '2026-11-20T06:03:00Z', iso: '2026-11-20T06:03:00.000Z' },
    { cell: '2026-11-20 14:03', iso: '2026-11-20T06:03:00.000Z' },
    { cell: '2026/11/20 14:03:09', iso: '2026-11-20T06:03:09.000Z' },
    { cell: '2026-11-20', iso: '2026-11-19T16:00:00.000Z' },
    // A spreadsheet date: its wall-clock numbers come as if UTC; they are Shanghai time.
    { cell: new Date(Date.UTC(2026, 10, 20, 14, 3)), iso: '2026-11-20T06:03:00.000Z' },
    // Excel day number 46346.5 = 2026-11-20 12:00
    { cell: 46346.5, iso: '2026-11-20T04:00:00.000Z' },
    { cell: '2026-02-30 10:00', iso: null },
    { cell: '20/11/2026', iso: null },
    { cell: 'yesterday', iso: null },
  ])('$cell → $iso', ({ cell, iso }) => {
    expect(parseEventTime(cell, 'Asia/Shanghai')?.toISOString() ?? null).toBe(iso);
  });

  it('reads wall-clock times in the zone given', () => {
    expect(parseEventTime('2026-07-01 12:00', 'Europe/Berlin')?.toISOString()).toBe('2026-07-01T10:00:00.000Z');
  });
});

describe('eventFromRow', () => {
  const opts = { timeZone: 'Asia/Shanghai' };

  it('maps a row, optional columns included', () => {
    expect(eventFromRow({ ...eventRow, site: '杭州转运中心', area_code: 330100, courier: '王五', event_id: 'scan-1' }, opts)).toEqual({
      ok: true,
      value: {
        waybillNo: 'PD1000000001',
        eventTime: '2026-11-20T06:03:00.000Z',
        status: 'in_transit',
        subStatus: 'arrived',
        text: '【杭州市】快件已到达【杭州转运中心】',
        site: '杭州转运中心',
        areaCode: '330100',
        courier: '王五',
        eventId: 'scan-1',
      },
    });
  });

  it.each([
    { change: { event_time: '' }, problems: ['event_time is empty'] },
    { change: { event_time: 'soon' }, problems: ['event_time "soon" is not a time (write 2026-11-20 14:03 or 2026-11-20T14:03:00+08:00)'] },
    { change: { status: 'lost' }, problems: [expect.stringMatching(/^status "lost" is not one of ordered, picked_up, in_transit/)] },
    {
      change: { sub_status: 'self' },
      problems: ['sub_status "self" does not belong to status "in_transit" (expected departed, arrived, in_transit, transferred, forwarded)'],
    },
    { change: { text: '' }, problems: ['text is empty'] },
    { change: { area_code: '33' }, problems: ['area_code "33" is not a 6-digit GB/T 2260 code'] },
  ] as { change: RowRecord; problems: unknown[] }[])('reports $problems', ({ change, problems }) => {
    expect(eventFromRow({ ...eventRow, ...change }, opts)).toEqual({ ok: false, problems });
  });
});

describe('mapRows and duplicateWaybills', () => {
  it('numbers problems by sheet row, skips empty rows, and finds repeated waybills', () => {
    const mapped = mapRows(
      [
        { row: 2, cells: shipmentRow },
        { row: 3, cells: { waybill_no: '', sender_name: null } },
        { row: 4, cells: { ...shipmentRow, sender_phone: '' } },
        { row: 5, cells: { ...shipmentRow, waybill_no: 'pd1000000001' } },
      ],
      shipmentFromRow,
    );
    expect(mapped.empty).toBe(1);
    expect(mapped.items.map((i) => i.row)).toEqual([2, 5]);
    expect(mapped.problems).toEqual([{ row: 4, message: 'sender_phone is empty' }]);
    expect(duplicateWaybills(mapped.items)).toEqual([{ row: 5, message: 'waybill_no pd1000000001 is already on row 2' }]);
  });
});
