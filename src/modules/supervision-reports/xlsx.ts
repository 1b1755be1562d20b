/**
 * The supervision report as a workbook: one sheet per section, numbers as numbers. A KPI's value
 * is written exactly as the KPI series gives it, in the KPI's unit (a rate in percent, 0–100;
 * money in fen converted to yuan), so the workbook, the page and the dashboard agree.
 */
import ExcelJS from 'exceljs';
import { xlsxBytes } from '../../documents/xlsx.js';
import { REASON_TEXT, standingText, STATUS_TEXT } from './format.js';
import type { KpiLine, SupervisionReportData } from './gather.js';
import { dayIn, reportTitle, scopeTitle } from './pdf.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0B4F8A' } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFFFFFF' } };

export const UNIT_TEXT: Record<KpiLine['unit'], string> = {
  percent: '%',
  per_million: '件/百万件',
  minutes: '分钟',
  fen: '元',
  fen_per_10k: '元/万件',
  score: '分',
  count: '件',
};

const money = (unit: KpiLine['unit']) => unit === 'fen' || unit === 'fen_per_10k';
/** A KPI's number as the workbook stores it: the series' value, yuan for money. */
export const sheetValue = (unit: KpiLine['unit'], value: number | null) => (value === null ? null : money(unit) ? value / 100 : value);

function sheet(book: ExcelJS.Workbook, name: string, columns: { header: string; width: number; numFmt?: string }[]): ExcelJS.Worksheet {
  const ws = book.addWorksheet(name);
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  const header = ws.getRow(1);
  header.font = HEADER_FONT;
  header.fill = HEADER_FILL;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return ws;
}

export async function renderSupervisionReportXlsx(data: SupervisionReportData): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = data.carrier;
  book.title = `${scopeTitle(data)} ${data.period.title} ${reportTitle(data)}`;
  book.created = new Date(data.generatedAt);

  const about = sheet(book, '概况', [
    { header: '项目', width: 18 },
    { header: '内容', width: 48 },
  ]);
  about.addRows([
    ['报告', `${scopeTitle(data)}${reportTitle(data)}`],
    ['报告编号', data.reportNo],
    ['统计期间', `${data.period.title}（${data.period.start} 至 ${data.period.end}）`],
    ['对比期间', `${data.previous.start} 至 ${data.previous.end}`],
    ['范围', data.scope.kind === 'company' ? '全公司' : `班组：${data.scope.teamName ?? data.scope.teamId}`],
    ['生成时间', data.generatedAt],
  ]);

  const kpis = sheet(book, '考核指标', [
    { header: '指标代码', width: 26 },
    { header: '指标', width: 22 },
    { header: '单位', width: 12 },
    { header: '本期', width: 14, numFmt: '0.00' },
    { header: '上期', width: 14, numFmt: '0.00' },
    { header: '变化', width: 14, numFmt: '0.00' },
    { header: '目标', width: 14, numFmt: '0.00' },
    { header: '目标方向', width: 10 },
    { header: '达成', width: 12 },
  ]);
  for (const k of data.kpis) {
    kpis.addRow([
      k.id,
      k.name['zh-CN'],
      UNIT_TEXT[k.unit],
      sheetValue(k.unit, k.value),
      sheetValue(k.unit, k.previous),
      sheetValue(k.unit, k.delta),
      k.target ? sheetValue(k.unit, k.target.value) : '无目标',
      k.target ? (k.target.direction === 'higher' ? '不低于' : '不高于') : '',
      standingText(k),
    ]);
  }

  const trend = sheet(book, '时限达成率按日', [
    { header: '日期', width: 14 },
    { header: '时限达成率（%）', width: 18, numFmt: '0.00' },
  ]);
  for (const p of data.trend.points) trend.addRow([p.day, p.value]);

  const causes = sheet(book, '投诉原因', [
    { header: '原因代码', width: 24 },
    { header: '原因', width: 20 },
    { header: '本期（件）', width: 12, numFmt: '#,##0' },
    { header: '上期（件）', width: 12, numFmt: '#,##0' },
  ]);
  for (const c of data.causes) causes.addRow([c.code ?? '', c.label['zh-CN'], c.count, c.previous]);

  if (data.stations) {
    const stations = sheet(book, '网点', [
      { header: '网点', width: 24 },
      { header: '签收（件）', width: 12, numFmt: '#,##0' },
      { header: '超时（件）', width: 12, numFmt: '#,##0' },
      { header: '准时率（%）', width: 12, numFmt: '0.00' },
      { header: '破损（件）', width: 12, numFmt: '#,##0' },
      { header: '丢失（件）', width: 12, numFmt: '#,##0' },
      { header: '追偿金额（元）', width: 16, numFmt: '#,##0.00' },
    ]);
    for (const s of data.stations) stations.addRow([s.station, s.delivered, s.late, s.onTimeRate, s.damaged, s.lost, s.chargebackFen / 100]);
  }

  const notable = sheet(book, '重点投诉', [
    { header: '工单号', width: 12 },
    { header: '主题', width: 40 },
    { header: '受理日期', width: 14 },
    { header: '状态', width: 12 },
    { header: '原因代码', width: 20 },
    { header: '列入原因', width: 20 },
  ]);
  for (const n of data.notable) notable.addRow([n.number, n.subject, dayIn(n.openedAt, data.timeZone), STATUS_TEXT[n.status] ?? n.status, n.causeCode ?? '', n.reasons.map((r) => REASON_TEXT[r]).join('、')]);

  const qa = sheet(book, '质检', [
    { header: '项目', width: 24 },
    { header: '数值', width: 16 },
  ]);
  if (!data.qa.available) qa.addRow(['质检结果', '暂不可用']);
  else {
    qa.addRows([
      ['质检单数', data.qa.reviews],
      ['平均得分', data.qa.averageScore],
      ['致命项不合格', data.qa.criticalFails],
      ['申诉', data.qa.disputes],
    ]);
    for (const a of data.qa.lowest) qa.addRow([`坐席：${a.agent}`, a.averageScore]);
  }
  return xlsxBytes(book);
}
