/**
 * A month of a key account for the monthly report's tests and timing: aggregated as the report
 * takes it, from a seeded generator, so every run draws the same month. `shipments` is the
 * month's total (100,000 for the benchmark customer).
 */
import type { MonthlyReportData } from '../../src/modules/reports/monthly/report.js';

const PROVINCES: [string, string][] = [
  ['440000', '广东省'], ['310000', '上海市'], ['330000', '浙江省'], ['320000', '江苏省'], ['110000', '北京市'],
  ['510000', '四川省'], ['420000', '湖北省'], ['370000', '山东省'], ['350000', '福建省'], ['430000', '湖南省'],
  ['410000', '河南省'],
];

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function monthlyReportFixture(options: { shipments?: number; month?: string; claims?: boolean; seed?: number } = {}): MonthlyReportData {
  const month = options.month ?? '2026-11';
  const total = options.shipments ?? 12_345;
  const rnd = random(options.seed ?? 17);
  const [year, monthIndex] = [Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1];
  const daysInMonth = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  const dates = Array.from({ length: daysInMonth }, (_, i) => new Date(Date.UTC(year, monthIndex, i + 1)).toISOString().slice(0, 10));
  // Weekdays carry most parcels, weekends a third as many.
  const weights = dates.map((d) => {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    return (weekday === 0 || weekday === 6 ? 0.35 : 1) * (0.85 + rnd() * 0.3);
  });
  const sumWeights = weights.reduce((a, b) => a + b, 0);
  const perDay = weights.map((w) => Math.floor((total * w) / sumWeights));
  perDay[perDay.length - 1]! += total - perDay.reduce((a, b) => a + b, 0);
  const byDay = dates.map((date, i) => ({ date, shipments: perDay[i]!, weightG: perDay[i]! * (1100 + Math.floor(rnd() * 300)), freightFen: perDay[i]! * (1150 + Math.floor(rnd() * 200)) }));
  const onTimeByDay = dates.map((date, i) => {
    const delivered = Math.round(perDay[i]! * (0.9 + rnd() * 0.15));
    return { date, delivered, onTime: Math.round(delivered * (0.93 + rnd() * 0.06)) };
  });
  let left = total;
  const destinations = PROVINCES.map(([key, label], i) => {
    const shipments = i === PROVINCES.length - 1 ? 0 : Math.floor(left * (i === 0 ? 0.3 : 0.17));
    left -= shipments;
    const delivered = Math.round(shipments * 0.97);
    return { key, label, shipments, delivered, onTime: Math.round(delivered * (0.92 + rnd() * 0.07)) };
  }).slice(0, PROVINCES.length - 1);
  destinations.push({ key: 'other', label: '其他', shipments: left, delivered: Math.round(left * 0.96), onTime: Math.round(left * 0.9) });
  const exceptions = [
    { key: 'delayed', label: '延误', count: Math.round(total * 0.006) },
    { key: 'stalled', label: '停滞', count: Math.round(total * 0.002) },
    { key: 'damaged', label: '破损', count: Math.round(total * 0.0008) },
    { key: 'refused', label: '拒收', count: Math.round(total * 0.0005) },
    { key: 'lost', label: '丢失', count: Math.round(total * 0.0001) },
  ];
  return {
    carrier: { name: '捷达速运', hotline: '400-800-1234' },
    customer: { name: '杭州云帆电子商务有限公司', account: 'YJ-330100-0088', accountManager: { name: '陈静', phone: '138 0571 2266' } },
    period: { month, from: dates[0]!, to: dates[dates.length - 1]!, timeZone: 'Asia/Shanghai' },
    reportNo: `YB-${month.replace('-', '')}-000123`,
    generatedAt: new Date(Date.UTC(year, monthIndex + 1, 1, 0, 30)),
    volume: { byDay, previousMonthShipments: Math.round(total * 0.94) },
    destinations,
    onTime: { byDay: onTimeByDay },
    exceptions,
    claims: options.claims
      ? {
          count: 7,
          claimedFen: 356_000,
          approvedFen: 310_000,
          paidFen: 298_000,
          byType: [
            { key: 'damage', label: '破损', count: 4, claimedFen: 156_000, approvedFen: 140_000, paidFen: 128_000 },
            { key: 'loss', label: '丢失', count: 2, claimedFen: 180_000, approvedFen: 160_000, paidFen: 160_000 },
            { key: 'delay', label: '延误', count: 1, claimedFen: 20_000, approvedFen: 10_000, paidFen: 10_000 },
          ],
          items: [
            { waybillNo: 'SF1000000001', type: '破损', state: '已赔付', openedOn: '2026-11-03', claimedFen: 40_000, approvedFen: 32_000, paidFen: 32_000 },
            { waybillNo: 'SF1000000002', type: '丢失', state: '已赔付', openedOn: '2026-11-05', claimedFen: 90_000, approvedFen: 80_000, paidFen: 80_000 },
            { waybillNo: 'SF1000000003', type: '丢失', state: '已赔付', openedOn: '2026-11-09', claimedFen: 90_000, approvedFen: 80_000, paidFen: 80_000 },
            { waybillNo: 'SF1000000004', type: '破损', state: '已赔付', openedOn: '2026-11-12', claimedFen: 36_000, approvedFen: 36_000, paidFen: 36_000 },
            { waybillNo: 'SF1000000005', type: '破损', state: '已赔付', openedOn: '2026-11-18', claimedFen: 40_000, approvedFen: 36_000, paidFen: 30_000 },
            { waybillNo: 'SF1000000006', type: '破损', state: '客户有异议，主管复核中', openedOn: '2026-11-24', claimedFen: 40_000, approvedFen: 36_000, paidFen: 30_000 },
            { waybillNo: 'SF1000000007', type: '错派、冒领', state: '已赔付', openedOn: '2026-11-27', claimedFen: 20_000, approvedFen: 10_000, paidFen: 10_000 },
          ],
        }
      : { count: 0, claimedFen: 0, approvedFen: 0, paidFen: 0, byType: [], items: [] },
    tickets: {
      byKind: [
        { key: 'query', label: '查询', count: 38 },
        { key: 'complaint', label: '投诉', count: 6 },
        { key: 'exception', label: '异常', count: 21 },
        { key: 'service_request', label: '服务请求', count: 9 },
      ],
      byCause: [
        { key: 'delay', label: '延误', count: 14 },
        { key: 'damage', label: '破损', count: 5 },
        { key: 'address', label: '地址有误', count: 4 },
        { key: 'attitude', label: '服务态度', count: 2 },
      ],
    },
    csat: { responses: 61, satisfied: 56, surveyAnswers: 12, ticketRatings: 49 },
  };
}
