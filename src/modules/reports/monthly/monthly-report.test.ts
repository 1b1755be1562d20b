/**
 * The monthly statistics report is read back the way a customer's software reads it: the PDF's
 * text through pdf.js (the Chinese must be real text with its Unicode mapping, not shapes), the
 * workbook through exceljs (numbers as numbers, dates as dates), and both agree with the data.
 */
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { monthlyReportFixture } from '../../../../test/support/monthly-report.js';
import { monthlyReportEmail, monthlyReportFileStem } from './email.js';
import { renderMonthlyReportPdf } from './pdf.js';
import { monthlyTotals, type MonthlyReportData } from './report.js';
import { renderMonthlyReportXlsx } from './xlsx.js';
import { loadXlsx, pdfPages } from '../../../../test/support/documents.js';

/** The value beside a label on the summary sheet. */
function summaryValue(book: ExcelJS.Workbook, label: string): ExcelJS.CellValue {
  let found: ExcelJS.CellValue = undefined;
  book.getWorksheet('概况')!.eachRow((row) => {
    if (row.getCell(1).value === label) found = row.getCell(2).value;
  });
  return found;
}

const yuan = (fen: number) => new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100);
const integer = (n: number) => new Intl.NumberFormat('zh-CN').format(n);

describe('the monthly report as PDF', () => {
  const data = monthlyReportFixture({ shipments: 23_456 });
  const totals = monthlyTotals(data);
  let pages: string[];
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await renderMonthlyReportPdf(data);
    pages = await pdfPages(bytes);
  }, 60_000);

  it('is a PDF whose Chinese text reads back: title, customer, sections, labels', () => {
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pages.join('\n');
    for (const phrase of ['月度统计分析表', '2026年11月', '杭州云帆电子商务有限公司', '每日发件量', '每日准时签收率', '目的地分布（按省份）', '异常件统计（按类型）', '理赔情况', '工单统计', '客户满意度', '广东省', '延误', '投诉', '地址有误']) {
      expect(text).toContain(phrase);
    }
  });

  it('prints the totals of the data', () => {
    const text = pages.join('\n');
    expect(totals.shipments).toBe(23_456);
    expect(text).toContain(`${integer(totals.shipments)} 件`);
    expect(text).toContain(`¥${yuan(totals.freightFen)}`);
    expect(text).toContain(`${((totals.onTime / totals.delivered) * 100).toFixed(1)}%`);
    expect(text).toContain(`签收 ${integer(totals.delivered)} 件，准时 ${integer(totals.onTime)} 件`);
    expect(text).toContain(`${integer(totals.exceptions)} 件`);
    const csat = ((data.csat.satisfied / data.csat.responses) * 100).toFixed(1);
    expect(text).toContain(`满意度（CSAT）${csat}%${data.csat.responses} 份评价`);
    // every destination's count is printed
    for (const d of data.destinations) expect(text).toContain(integer(d.shipments));
  });

  it('says a month without claims has none', () => {
    expect(pages.join('\n')).toContain('本月无理赔。');
  });

  it('numbers every page in its footer and heads it with the customer and month', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => {
      expect(page).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`);
      expect(page).toContain('杭州云帆电子商务有限公司 · 2026年11月 · 月度统计分析表');
      expect(page).toContain(`报表编号 ${data.reportNo}`);
    });
  });

  it('embeds a subset of Noto Sans SC, not the whole 10 MB font', () => {
    expect(bytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(bytes.length).toBeLessThan(500_000);
  });
});

describe('the monthly report with claims, and an empty month', () => {
  it('lists the claims and their amounts when they exist', async () => {
    const data = monthlyReportFixture({ claims: true });
    const text = (await pdfPages(await renderMonthlyReportPdf(data))).join('\n');
    expect(text).toContain('索赔金额（元）');
    expect(text).toContain(yuan(356_000));
    expect(text).toContain(yuan(298_000));
    expect(text).toContain(yuan(310_000));
    // each claim on its own line, with its waybill, type, state and date
    expect(text).toContain('SF1000000006');
    expect(text).toContain('客户有异议，主管复核中'); // the longest state, whole
    expect(text).toContain('2026-11-27');
    expect(text).not.toContain('本月无理赔');
  });

  it('renders a month without a single parcel without NaN or Infinity', async () => {
    const base = monthlyReportFixture();
    const empty: MonthlyReportData = {
      ...base,
      volume: { byDay: base.volume.byDay.map((d) => ({ ...d, shipments: 0, weightG: 0, freightFen: 0 })), previousMonthShipments: null },
      onTime: { byDay: base.onTime.byDay.map((d) => ({ ...d, delivered: 0, onTime: 0 })) },
      destinations: [],
      exceptions: [],
      tickets: { byKind: [], byCause: [] },
      csat: { responses: 0, satisfied: 0, surveyAnswers: 0, ticketRatings: 0 },
      customer: { ...base.customer, accountManager: null },
    };
    const text = (await pdfPages(await renderMonthlyReportPdf(empty))).join('\n');
    expect(text).toContain('本月无发件。');
    expect(text).toContain('本月无签收件。');
    expect(text).toContain('本月没有收到评价。');
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    const book = await loadXlsx(await renderMonthlyReportXlsx(empty));
    expect(summaryValue(book, '准时签收率')).toBe('—'); // no deliveries: no rate, not 0 %
    expect(summaryValue(book, '发件量（件）')).toBe(0);
  });
});

describe('the monthly report as XLSX', () => {
  const data = monthlyReportFixture({ shipments: 23_456, claims: true });
  const totals = monthlyTotals(data);
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    book = await loadXlsx(await renderMonthlyReportXlsx(data));
  });

  it('has one sheet per section', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual(['概况', '每日发件量', '准时签收', '目的地分布', '异常件', '理赔', '理赔明细', '工单', '满意度']);
  });

  it('keeps numbers as numbers and dates as dates in the summary', () => {
    const value = (label: string) => summaryValue(book, label);
    expect(value('客户名称')).toBe('杭州云帆电子商务有限公司');
    expect(value('发件量（件）')).toBe(totals.shipments);
    expect(value('运费合计（元）')).toBe(totals.freightFen / 100);
    expect(value('准时签收率')).toBeCloseTo(totals.onTime / totals.delivered, 12);
    expect(value('统计期间起')).toEqual(new Date('2026-11-01T00:00:00Z'));
    // 2026-12-01 00:30 UTC is 08:30 in Shanghai: the wall clock the PDF prints
    expect(value('生成时间（Asia/Shanghai）')).toEqual(new Date('2026-12-01T08:30:00Z'));
  });

  it('lists every day with a date, numbers and the totals row', () => {
    const daily = book.getWorksheet('每日发件量')!;
    expect(daily.rowCount).toBe(1 + 30 + 1);
    const first = daily.getRow(2);
    expect(first.getCell(1).value).toEqual(new Date('2026-11-01T00:00:00Z'));
    expect(first.getCell(1).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(2).value).toBe('周日');
    expect(first.getCell(3).value).toBe(data.volume.byDay[0]!.shipments);
    const total = daily.getRow(32);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(3).value).toBe(totals.shipments);
    let sum = 0;
    for (let r = 2; r <= 31; r++) sum += daily.getRow(r).getCell(3).value as number;
    expect(sum).toBe(totals.shipments);
  });

  it('gives destinations, exceptions, claims, tickets and CSAT as numbers', () => {
    const dest = book.getWorksheet('目的地分布')!;
    expect(dest.getRow(2).values).toEqual([undefined, 1, '440000', '广东省', data.destinations[0]!.shipments, data.destinations[0]!.shipments / totals.shipments, data.destinations[0]!.delivered, data.destinations[0]!.onTime, data.destinations[0]!.onTime / data.destinations[0]!.delivered]);
    const exceptions = book.getWorksheet('异常件')!;
    expect(exceptions.getRow(exceptions.rowCount).getCell(2).value).toBe(totals.exceptions);
    const claims = book.getWorksheet('理赔')!;
    expect(claims.getRow(claims.rowCount).values).toEqual([undefined, '合计', 7, 3560, 3100, 2980]);
    const claimList = book.getWorksheet('理赔明细')!;
    expect(claimList.rowCount).toBe(8);
    expect(claimList.getRow(7).values).toEqual([undefined, 'SF1000000006', '破损', '客户有异议，主管复核中', '2026-11-24', 400, 360, 300]);
    const tickets = book.getWorksheet('工单')!;
    expect(tickets.getRow(2).values).toEqual([undefined, '查询', 38, 38 / 74]);
    const csat = book.getWorksheet('满意度')!;
    expect(csat.getRow(2).values).toEqual([undefined, 61, 56, 56 / 61, 12, 49]);
  });
});

describe('the monthly report e-mail', () => {
  it('titles it by customer and month, states the headline numbers and attaches both files', () => {
    const data = monthlyReportFixture({ shipments: 23_456 });
    const t = monthlyTotals(data);
    const pdf = Buffer.from('%PDF-');
    const xlsx = Buffer.from('PK');
    const email = monthlyReportEmail(data, { pdf, xlsx });
    expect(email.subject).toBe('杭州云帆电子商务有限公司 2026年11月月度统计分析表');
    expect(email.body).toBe(
      [
        '尊敬的杭州云帆电子商务有限公司：',
        '',
        '您好！附件是贵司2026年11月的月度统计分析表（PDF 与 Excel 各一份），请查收。',
        `本月发件 23,456 件，准时签收率 ${((t.onTime / t.delivered) * 100).toFixed(1)}%。`,
        '如有疑问，请联系您的客户经理陈静（138 0571 2266），或拨打客服热线 400-800-1234。',
        '',
        '捷达速运客服中心',
      ].join('\n'),
    );
    expect(email.attachments.map((a) => [a.fileName, a.contentType, a.content])).toEqual([
      ['杭州云帆电子商务有限公司-2026年11月-月度统计分析表.pdf', 'application/pdf', pdf],
      ['杭州云帆电子商务有限公司-2026年11月-月度统计分析表.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xlsx],
    ]);
  });

  it('says who to ask only when there is someone, and keeps file names safe', () => {
    const base = monthlyReportFixture();
    const data: MonthlyReportData = { ...base, carrier: { ...base.carrier, hotline: null }, customer: { ...base.customer, name: 'A/B:C*公司', accountManager: null } };
    const email = monthlyReportEmail(data, { pdf: Buffer.alloc(0), xlsx: Buffer.alloc(0) });
    expect(email.body).not.toContain('如有疑问');
    expect(monthlyReportFileStem(data)).toBe('A_B_C_公司-2026年11月-月度统计分析表');
  });
});
