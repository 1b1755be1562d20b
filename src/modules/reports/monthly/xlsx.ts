/**
 * The monthly statistics report as a workbook, for the customer to work with: one sheet per
 * section of the PDF, numbers stored as numbers (money in yuan with two decimals, rates as
 * fractions shown as percentages), dates as dates. Excel has no time zones, so the generation
 * time is written as the company zone's wall clock, as the PDF prints it.
 */
import ExcelJS from 'exceljs';
import { xlsxBytes } from '../../../documents/xlsx.js';
import { wallClock } from '../../../domain/time-limits/working-days.js';
import { monthlyTotals, monthTitle, type LabelledCount, type MonthlyReportData } from './report.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0B4F8A' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };
const DATE = 'yyyy-mm-dd';
const DATETIME = 'yyyy-mm-dd hh:mm';
const INTEGER = '#,##0';
const MONEY = '#,##0.00';
const PERCENT = '0.0%';
const PERCENT2 = '0.00%';
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

interface ColumnSpec {
  header: string;
  width: number;
  numFmt?: string;
}

/** Renders the workbook; resolves with the XLSX's bytes. */
export async function renderMonthlyReportXlsx(data: MonthlyReportData): Promise<Buffer> {
  const t = monthlyTotals(data);
  const book = new ExcelJS.Workbook();
  book.creator = data.carrier.name;
  book.title = `${data.customer.name} ${monthTitle(data.period.month)}月度统计分析表`;
  book.created = data.generatedAt;

  const summary = book.addWorksheet('概况');
  summary.columns = [
    { header: '项目', width: 22 },
    { header: '数值', width: 40 },
  ];
  styleHeader(summary);
  const rows: [string, ExcelJS.CellValue, string?][] = [
    ['客户名称', data.customer.name],
    ['客户账号', data.customer.account],
    ['客户经理', data.customer.accountManager ? `${data.customer.accountManager.name}${data.customer.accountManager.phone ? ` ${data.customer.accountManager.phone}` : ''}` : '—'],
    ['统计月份', monthTitle(data.period.month)],
    ['统计期间起', localDate(data.period.from), DATE],
    ['统计期间止', localDate(data.period.to), DATE],
    ['发件量（件）', t.shipments, INTEGER],
    ['上月发件量（件）', data.volume.previousMonthShipments ?? '—', INTEGER],
    ['环比', t.shipmentsChange ?? '—', PERCENT],
    ['运费合计（元）', t.freightFen / 100, MONEY],
    ['总重（千克）', t.weightG / 1000, MONEY],
    ['签收件数', t.delivered, INTEGER],
    ['准时签收件数', t.onTime, INTEGER],
    ['准时签收率', t.onTimeRate ?? '—', PERCENT],
    ['异常件数', t.exceptions, INTEGER],
    ['异常件占发件量', t.exceptionRate ?? '—', PERCENT2],
    ['工单数', t.tickets, INTEGER],
    ['投诉率（件/万件）', t.complaintsPer10k ?? '—', MONEY],
    ['评价数', data.csat.responses, INTEGER],
    ['其中：满意度调查回答', data.csat.surveyAnswers, INTEGER],
    ['其中：工单解决后评分', data.csat.ticketRatings, INTEGER],
    ['满意度（4–5 分占比）', t.csatShare ?? '—', PERCENT],
    ['报表编号', data.reportNo],
    [`生成时间（${data.period.timeZone}）`, new Date(wallClock(data.generatedAt, data.period.timeZone)), DATETIME],
  ];
  for (const [label, value, numFmt] of rows) {
    const row = summary.addRow([label, value]);
    if (numFmt && typeof value !== 'string') row.getCell(2).numFmt = numFmt;
    row.getCell(2).alignment = { horizontal: 'left' };
  }

  sheet(
    book,
    '每日发件量',
    [
      { header: '日期', width: 12, numFmt: DATE },
      { header: '星期', width: 8 },
      { header: '件数', width: 10, numFmt: INTEGER },
      { header: '重量（千克）', width: 14, numFmt: MONEY },
      { header: '运费（元）', width: 14, numFmt: MONEY },
    ],
    data.volume.byDay.map((d) => [localDate(d.date), WEEKDAYS[localDate(d.date).getUTCDay()]!, d.shipments, d.weightG / 1000, d.freightFen / 100]),
    ['合计', '', t.shipments, t.weightG / 1000, t.freightFen / 100],
  );

  sheet(
    book,
    '准时签收',
    [
      { header: '日期', width: 12, numFmt: DATE },
      { header: '签收件数', width: 12, numFmt: INTEGER },
      { header: '准时件数', width: 12, numFmt: INTEGER },
      { header: '准时签收率', width: 12, numFmt: PERCENT },
    ],
    data.onTime.byDay.map((d) => [localDate(d.date), d.delivered, d.onTime, d.delivered === 0 ? null : d.onTime / d.delivered]),
    ['合计', t.delivered, t.onTime, t.onTimeRate],
  );

  sheet(
    book,
    '目的地分布',
    [
      { header: '排名', width: 8 },
      { header: '省份代码', width: 12 },
      { header: '目的地', width: 16 },
      { header: '件数', width: 10, numFmt: INTEGER },
      { header: '占比', width: 10, numFmt: PERCENT },
      { header: '签收件数', width: 12, numFmt: INTEGER },
      { header: '准时件数', width: 12, numFmt: INTEGER },
      { header: '准时签收率', width: 12, numFmt: PERCENT },
    ],
    data.destinations.map((d, i) => [
      d.key === 'other' ? null : i + 1,
      d.key === 'other' ? null : d.key,
      d.label,
      d.shipments,
      t.shipments === 0 ? null : d.shipments / t.shipments,
      d.delivered,
      d.onTime,
      d.delivered === 0 ? null : d.onTime / d.delivered,
    ]),
  );

  countSheet(book, '异常件', '异常类型', data.exceptions, t.shipments, '占发件量');

  const claims = book.addWorksheet('理赔');
  claims.columns = [
    { header: '理赔类型', width: 16 },
    { header: '件数', width: 10, style: { numFmt: INTEGER } },
    { header: '索赔金额（元）', width: 16, style: { numFmt: MONEY } },
    { header: '核定金额（元）', width: 16, style: { numFmt: MONEY } },
    { header: '本月已赔付（元）', width: 18, style: { numFmt: MONEY } },
  ];
  styleHeader(claims);
  for (const c of data.claims.byType) claims.addRow([c.label, c.count, c.claimedFen / 100, c.approvedFen / 100, c.paidFen / 100]);
  claims.addRow(['合计', data.claims.count, data.claims.claimedFen / 100, data.claims.approvedFen / 100, data.claims.paidFen / 100]).font = { bold: true };

  const claimList = book.addWorksheet('理赔明细');
  claimList.columns = [
    { header: '运单号', width: 18 },
    { header: '类型', width: 12 },
    { header: '状态', width: 14 },
    { header: '受理日期', width: 12 },
    { header: '索赔金额（元）', width: 16, style: { numFmt: MONEY } },
    { header: '核定金额（元）', width: 16, style: { numFmt: MONEY } },
    { header: '本月已赔付（元）', width: 18, style: { numFmt: MONEY } },
  ];
  styleHeader(claimList);
  for (const c of data.claims.items) claimList.addRow([c.waybillNo, c.type, c.state, c.openedOn, c.claimedFen / 100, c.approvedFen === null ? null : c.approvedFen / 100, c.paidFen / 100]);

  const tickets = book.addWorksheet('工单');
  tickets.columns = [
    { header: '工单类型', width: 18 },
    { header: '件数', width: 10, style: { numFmt: INTEGER } },
    { header: '占工单', width: 10, style: { numFmt: PERCENT2 } },
  ];
  styleHeader(tickets);
  const share = (n: number) => (t.tickets === 0 ? null : n / t.tickets);
  for (const k of data.tickets.byKind) tickets.addRow([k.label, k.count, share(k.count)]);
  tickets.addRow(['合计', t.tickets, share(t.tickets)]).font = { bold: true };
  tickets.addRow([]);
  const causeHeader = tickets.addRow(['原因', '件数', '占工单']);
  causeHeader.eachCell((cell) => Object.assign(cell, { fill: HEADER_FILL, font: HEADER_FONT }));
  for (const c of data.tickets.byCause) tickets.addRow([c.label, c.count, share(c.count)]);
  const attributed = data.tickets.byCause.reduce((s, c) => s + c.count, 0);
  tickets.addRow(['合计', attributed, share(attributed)]).font = { bold: true };

  const csat = book.addWorksheet('满意度');
  csat.columns = [
    { header: '评价数', width: 12, style: { numFmt: INTEGER } },
    { header: '满意（4–5 分）', width: 16, style: { numFmt: INTEGER } },
    { header: '满意度', width: 12, style: { numFmt: PERCENT } },
    { header: '满意度调查回答', width: 16, style: { numFmt: INTEGER } },
    { header: '工单解决后评分', width: 16, style: { numFmt: INTEGER } },
  ];
  styleHeader(csat);
  csat.addRow([data.csat.responses, data.csat.satisfied, t.csatShare, data.csat.surveyAnswers, data.csat.ticketRatings]);

  return xlsxBytes(book);
}

function sheet(book: ExcelJS.Workbook, name: string, columns: ColumnSpec[], rows: ExcelJS.CellValue[][], total?: ExcelJS.CellValue[]): ExcelJS.Worksheet {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  styleHeader(ws);
  for (const row of rows) ws.addRow(row);
  if (total) ws.addRow(total).font = { bold: true };
  return ws;
}

function countSheet(book: ExcelJS.Workbook, name: string, label: string, rows: LabelledCount[], base: number, shareTitle: string): void {
  const total = rows.reduce((s, r) => s + r.count, 0);
  sheet(
    book,
    name,
    [
      { header: label, width: 18 },
      { header: '件数', width: 10, numFmt: INTEGER },
      { header: shareTitle, width: 12, numFmt: PERCENT2 },
    ],
    rows.map((r) => [r.label, r.count, base === 0 ? null : r.count / base]),
    ['合计', total, base === 0 ? null : total / base],
  );
}

function styleHeader(ws: ExcelJS.Worksheet): void {
  ws.getRow(1).eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.font = HEADER_FONT;
  });
}

/** A local date as the Date Excel reads as that day (midnight UTC: Excel has no zones). */
function localDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
