/**
 * The after-sales documents read back the way their readers' software reads them: the PDFs' text
 * through pdf.js (the Chinese is real text, the totals are the rule's), the work plan's workbook
 * through exceljs (dates as dates, every visit a row), the print page as HTML with every text escaped.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceInvoiceFixture, visit, workPlanFixture } from '../../../../test/support/service-documents.js';
import { issueServiceInvoice, priceLines, yuan } from '../../../domain/service-orders/quotation.js';
import { NOT_CONNECTED } from '../invoice-adapter.js';
import { renderQuotationPdf, renderServiceInvoicePdf } from './sales-pdf.js';
import { renderWorkPlanHtml, workPlanModel } from './work-plan.js';
import { renderWorkPlanPdf } from './work-plan-pdf.js';
import { renderWorkPlanXlsx, WORK_PLAN_SHEET } from './work-plan-xlsx.js';
import { pdfPages } from '../../../../test/support/documents.js';

// 35 visits over a week, one day with 14 (it runs over a page) and one with none
const busyWeek = () => workPlanFixture({ days: 7, perDay: (d) => [6, 14, 0, 3, 9, 2, 1][d]! });

describe('the work plan model', () => {
  it('puts urgent visits first, then by agreed time, unagreed last, and counts them', () => {
    const input = workPlanFixture({ days: 1, perDay: 0 });
    input.days[0]!.visits = [
      { ...visit(0), notificationNo: '100000000003', startTime: null, endTime: null },
      { ...visit(1), notificationNo: '100000000002', startTime: '14:00', endTime: '15:00' },
      { ...visit(2), notificationNo: '100000000001', startTime: '16:00', endTime: null, urgent: true },
      { ...visit(3), notificationNo: '100000000004', startTime: '09:00', endTime: '10:30', type: 'Z2', engineer: null },
    ];
    const model = workPlanModel(input);
    expect(model.days[0]!.rows.map((r) => [r.seq, r.notificationNo, r.time])).toEqual([
      ['1', '100000000001', '16:00 起'],
      ['2', '100000000004', '09:00–10:30'],
      ['3', '100000000002', '14:00–15:00'],
      ['4', '100000000003', '待约'],
    ]);
    expect(model.days[0]!.rows[0]!.type).toBe('Z1 紧急\n客户服务');
    expect(model.days[0]!.rows[1]!.engineer).toBe('未指派');
    expect(model.totals).toEqual({ visits: 4, urgent: 1, z1: 3, z2: 1, unassigned: 1 });
    expect(model.summary).toBe('共 4 项：客户服务（Z1）3 项，交货异常（Z2）1 项；紧急 1 项；未指派 1 项');
    expect(model.period).toBe('2026年12月7日（周一）');
    expect(model.generatedAt).toBe('2026-12-07 08:30（北京时间）');
  });

  it('names a week by its first and last day, with the year again across New Year', () => {
    expect(workPlanModel(busyWeek()).period).toBe('2026年12月7日（周一）至12月13日（周日）');
    const dates = ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'];
    const model = workPlanModel({ ...busyWeek(), days: dates.map((date) => ({ date, visits: [] })) });
    expect(model.period).toBe('2026年12月28日（周一）至2027年1月3日（周日）');
    expect(model.summary).toBe('共 0 项');
  });

  it('prints a page that escapes every text and repeats the table header when printed', () => {
    const input = workPlanFixture({ days: 2, perDay: (d) => (d === 0 ? 1 : 0) });
    input.days[0]!.visits[0]!.shortText = '<script>alert(1)</script> & 柜门';
    const html = renderWorkPlanHtml(workPlanModel(input));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; 柜门');
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toContain('@page { size: A4 landscape;');
    expect(html).toContain('12月8日（周二）<span>0 项</span></h2><p class="empty">当天无安排。</p>');
  });
});

describe('the work plan as PDF', () => {
  let pages: string[];
  let bytes: Buffer;
  const model = workPlanModel(busyWeek());
  beforeAll(async () => {
    bytes = await renderWorkPlanPdf(model);
    pages = await pdfPages(bytes);
  }, 60_000);

  it('is a PDF whose Chinese reads back: title, work center, days, statuses', () => {
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pages.join('\n');
    for (const phrase of ['工作计划表', 'HZ01 杭州西湖服务中心（售后服务部）', '12月7日（周一）', '12月13日（周日）', '当天无安排。', '客户服务', '交货异常', '通知记录', '服务地址', '完成情况 / 客户签字', model.summary]) {
      expect(text).toContain(phrase);
    }
  });

  it('prints every visit of the week once', () => {
    const text = pages.join('\n');
    const numbers = model.days.flatMap((d) => d.rows.map((r) => r.notificationNo));
    expect(numbers).toHaveLength(35);
    for (const no of numbers) expect(text.split(no).length - 1).toBe(1);
  });

  it('breaks a long day across pages with its heading continued and numbers every page', () => {
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.join('\n')).toContain('12月8日（周二）（续）');
    pages.forEach((page, i) => expect(page).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`));
  });
});

describe('the work plan as XLSX', () => {
  it('has a row per visit with its date as a date, and keeps the empty day', async () => {
    const model = workPlanModel(busyWeek());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderWorkPlanXlsx(model)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(WORK_PLAN_SHEET)!;
    expect(sheet.getCell('A1').value).toBe('捷达速运 工作计划表');
    expect(sheet.getCell('A3').value).toBe(model.summary);
    expect(sheet.getRow(5).values).toEqual([undefined, '日期', '序号', '时间', '通知单号', '类型', '客户 / 电话', '服务地址', '服务内容', '状态', '服务人员', '完成情况 / 客户签字']);
    const rows: ExcelJS.CellValue[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 5) rows.push((row.values as ExcelJS.CellValue[]).slice(1));
    });
    expect(rows).toHaveLength(35 + 1);
    const first = model.days[0]!.rows[0]!;
    expect(rows[0]!.slice(0, 4)).toEqual([new Date('2026-12-07T00:00:00Z'), 1, first.time, first.notificationNo]);
    expect(rows[0]![6]).toBe(first.address);
    const empty = rows.find((r) => r[2] === '当天无安排');
    expect(empty?.[0]).toEqual(new Date('2026-12-09T00:00:00Z'));
    expect(rows.filter((r) => r[0] instanceof Date && (r[0] as Date).toISOString().startsWith('2026-12-08'))).toHaveLength(14);
  });
});

describe('the service invoice as PDF', () => {
  const invoice = serviceInvoiceFixture();
  const carrier = { name: '捷达速运', hotline: '400-820-8888' };

  it('prints its number, lines, tax and totals in figures and in capitals, and says it is recorded here only', async () => {
    const text = (await pdfPages(await renderServiceInvoicePdf({ invoice, carrier, timeZone: 'Asia/Shanghai', platform: { connected: false, platformInvoiceNo: null, notice: NOT_CONNECTED.notice['zh-CN'] } }))).join('\n');
    expect(invoice.totals).toMatchObject({ netFen: 27_099, taxFen: 3_313, grossFen: 30_412 });
    for (const phrase of [
      '服务销售发票',
      'FW202612-000042',
      'BJ202612-000007',
      '100000000042',
      '人工费：更换活动柜锁芯并调试',
      '15.60', // 1.5 h × 80.00 = 120.00 at 13 %
      '9.23', // 2 × 35.50 = 71.00 at 13 %
      '1.80', // 29.99 at 6 % = 1.7994 → 1.80
      '¥270.99',
      '¥33.13',
      '¥304.12',
      '叁佰零肆元壹角贰分',
      '未接入国家税务总局全国统一电子发票服务平台，发票仅在本系统记录。',
      '不是税务机关监制的发票',
      '客户 王女士 于 2026-12-10 16:20 现场签字验收',
    ]) {
      expect(text).toContain(phrase);
    }
  }, 60_000);

  it('runs a long invoice over pages, numbering them, with every line and the totals once', async () => {
    const issued = issueServiceInvoice({
      quote: {
        number: 'BJ202612-000008',
        notificationNo: '100000000043',
        state: 'accepted',
        lines: Array.from({ length: 45 }, (_, i) => ({ kind: 'parts' as const, description: `配件 P${String(i + 1).padStart(3, '0')}（含安装与调试）`, quantity: 1 + (i % 3) * 0.5, unit: '件', unitPriceFen: 1234 + i * 77, taxCategory: 'goods' as const })),
      },
      acceptance: { acceptedAt: new Date('2026-12-10T08:20:00Z'), acceptedBy: '李先生', channel: 'self_service', remarks: null },
      number: 'FW202612-000043',
      issuedAt: new Date('2026-12-10T09:00:00Z'),
      buyer: { name: '杭州云帆电子商务有限公司', taxId: '91330100MA2AAAAAA1', address: null, phone: null },
      seller: { name: '捷达速运杭州西湖服务中心', taxId: null },
    });
    if (!issued.ok) throw new Error(issued.code);
    const pages = await pdfPages(await renderServiceInvoicePdf({ invoice: issued.invoice, carrier, timeZone: 'Asia/Shanghai', platform: { connected: false, platformInvoiceNo: null, notice: NOT_CONNECTED.notice['zh-CN'] } }));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => expect(page).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`));
    const text = pages.join('\n');
    for (let i = 1; i <= 45; i++) expect(text.split(`P${String(i).padStart(3, '0')}`).length - 1).toBe(1);
    expect(text).toContain(`¥${yuan(issued.invoice.totals.grossFen)}`);
    expect(text).toContain('客户 李先生 于 2026-12-10 16:20 在自助服务页面确认验收。');
  }, 60_000);

  it('shows the platform number and no warning once an adapter issued it', async () => {
    const text = (await pdfPages(await renderServiceInvoicePdf({ invoice, carrier, timeZone: 'Asia/Shanghai', platform: { connected: true, platformInvoiceNo: '26332000000012345678', notice: '' } }))).join('\n');
    expect(text).toContain('26332000000012345678');
    expect(text).not.toContain('仅在本系统记录');
  }, 60_000);
});

describe('the quotation as PDF', () => {
  it('prints the lines, the totals in figures and capitals, its validity and how to confirm it, and no invoice warning', async () => {
    const priced = priceLines([
      { kind: 'labour', description: '沙发扶手维修（补漆）', quantity: 2, unit: '小时', unitPriceFen: 6_000, taxCategory: 'repair' },
      { kind: 'call_out', description: '上门费', quantity: 1, unit: '次', unitPriceFen: 3_000, taxCategory: 'repair' },
    ]);
    if (!priced.ok) throw new Error(priced.code);
    const text = (
      await pdfPages(
        await renderQuotationPdf({
          quote: { number: 'BJ202612-000009', notificationNo: '100000000044', writtenAt: new Date('2026-12-08T02:00:00Z'), validUntil: '2026-12-15', lines: priced.lines, totals: priced.totals },
          buyer: { name: '李先生', taxId: null, address: '浙江省杭州市拱墅区湖州街 51 号', phone: '139****1024' },
          seller: { name: '捷达速运杭州西湖服务中心', taxId: null },
          carrier: { name: '捷达速运', hotline: '400-820-8888' },
          timeZone: 'Asia/Shanghai',
        }),
      )
    ).join('\n');
    expect(priced.totals).toMatchObject({ netFen: 15_000, taxFen: 1_950, grossFen: 16_950 });
    for (const phrase of ['服务报价单', 'BJ202612-000009', '100000000044', '2026年12月15日（周二）', '人工费：沙发扶手维修（补漆）', '¥150.00', '¥19.50', '¥169.50', '壹佰陆拾玖元伍角', '请在自助服务页面确认或拒绝本报价', '400-820-8888']) {
      expect(text).toContain(phrase);
    }
    expect(text).not.toContain('发票号码');
    expect(text).not.toContain('不是税务机关监制的发票');
  }, 60_000);
});
