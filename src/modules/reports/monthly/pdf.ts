/**
 * The monthly statistics report (月度统计分析表) as a PDF in Chinese, for the customer to read:
 * A4 portrait, Noto Sans SC embedded (subset), every chart drawn as vector paths — daily volume
 * as bars, the daily on-time rate as a line, destinations as a table with bars — and on every page
 * a header (carrier, title, customer, month) and a footer (report number, 第 n 页 / 共 m 页).
 * Made from `MonthlyReportData` alone; the numbers are `monthlyTotals`, shared with the XLSX.
 */
import PDFDocument from 'pdfkit';
import { FONT, registerReportFonts } from '../../../documents/fonts.js';
import { BOTTOM, COLOR, CONTENT_WIDTH, ensureRoom, MARGIN, pageFurniture, section } from '../../../documents/report-layout.js';
import { monthlyTotals, monthTitle, type LabelledCount, type MonthlyReportData, type MonthlyTotals } from './report.js';

type Doc = PDFKit.PDFDocument;

const REGULAR = FONT.regular;
const BOLD = FONT.bold;

/** Renders the report; resolves with the PDF's bytes. */
export async function renderMonthlyReportPdf(data: MonthlyReportData): Promise<Buffer> {
  const totals = monthlyTotals(data);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'zh-CN',
    info: {
      Title: `${data.customer.name} ${monthTitle(data.period.month)}月度统计分析表`,
      Author: data.carrier.name,
      Subject: '月度统计分析表',
      Creator: 'ParcelDesk',
      CreationDate: data.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerReportFonts(doc);
  doc.fillColor(COLOR.text);

  // Page 1: the month at a glance and the service the customer felt; then the detail.
  let y = titleBlock(doc, data);
  y = kpiTiles(doc, data, totals, y + 14);
  y = section(doc, '一、每日发件量', y + 18);
  y = dailyVolumeChart(doc, data, y + 4);
  y = section(doc, '二、每日准时签收率', ensureRoom(doc, y + 16, 170));
  y = onTimeChart(doc, data, totals, y + 4);
  y = section(doc, '三、客户满意度', ensureRoom(doc, y + 16, 62));
  y = satisfactionBlock(doc, data, totals, y + 2);

  y = section(doc, '四、目的地分布（按省份）', ensureRoom(doc, y + 18, 120));
  y = destinationTable(doc, data, totals, y + 6);
  y = section(doc, '五、异常件统计（按类型）', ensureRoom(doc, y + 18, 90));
  y = countTable(doc, data.exceptions, { label: '异常类型', count: '件数', share: '占发件量' }, totals.shipments, y + 6, '本月无异常件。');
  y = section(doc, '六、理赔情况', ensureRoom(doc, y + 18, 80));
  y = claimsBlock(doc, data, y + 6);
  const ticketRows = Math.max(data.tickets.byKind.length, data.tickets.byCause.length) + 2;
  y = section(doc, '七、工单统计', ensureRoom(doc, y + 18, Math.min(ticketRows * 17 + 40, 300)));
  y = ticketTables(doc, data, totals, y + 6);
  notes(doc, data, ensureRoom(doc, y + 16, 64));

  headersAndFooters(doc, data);
  doc.end();
  return done;
}

// ---------------------------------------------------------------- page furniture

function headersAndFooters(doc: Doc, data: MonthlyReportData): void {
  pageFurniture(doc, {
    carrier: data.carrier.name,
    title: `${data.customer.name} · ${monthTitle(data.period.month)} · 月度统计分析表`,
    footer: `报表编号 ${data.reportNo}${data.carrier.hotline ? `\u3000客服热线 ${data.carrier.hotline}` : ''}`,
    smallPrint: '本报表由系统根据运单、轨迹与工单记录生成，仅供参考；如有疑问请联系您的客户经理。',
  });
}

function titleBlock(doc: Doc, data: MonthlyReportData): number {
  let y = MARGIN.top + 2;
  doc.font(BOLD).fontSize(21).fillColor(COLOR.text).text('月度统计分析表', MARGIN.left, y, { lineBreak: false });
  const period = `${monthTitle(data.period.month)}（${data.period.from} 至 ${data.period.to}）`;
  doc.font(REGULAR).fontSize(11).fillColor(COLOR.muted).text(period, MARGIN.left, y + 32, { lineBreak: false });
  y += 56;

  const boxHeight = 50;
  doc.roundedRect(MARGIN.left, y, CONTENT_WIDTH, boxHeight, 4).fill(COLOR.brandLight);
  const manager = data.customer.accountManager;
  const fields: [string, string][] = [
    ['客户名称', data.customer.name],
    ['客户账号', data.customer.account],
    ['客户经理', manager ? `${manager.name}${manager.phone ? `  ${manager.phone}` : ''}` : '—'],
    ['生成时间', formatInstant(data.generatedAt, data.period.timeZone)],
  ];
  const column = CONTENT_WIDTH / 2;
  fields.forEach(([label, value], i) => {
    const x = MARGIN.left + 12 + (i % 2) * column;
    const rowY = y + 9 + Math.floor(i / 2) * 18;
    doc.font(REGULAR).fontSize(9).fillColor(COLOR.muted).text(label, x, rowY, { lineBreak: false });
    doc.font(BOLD).fontSize(9.5).fillColor(COLOR.text).text(value, x + 50, rowY - 0.5, { width: column - 70, height: 14, ellipsis: true, lineBreak: false });
  });
  return y + boxHeight;
}

function kpiTiles(doc: Doc, data: MonthlyReportData, t: MonthlyTotals, y: number): number {
  const tiles: { label: string; value: string; note: string }[] = [
    { label: '发件量', value: `${integer(t.shipments)} 件`, note: t.shipmentsChange === null ? '上月无可比数据' : `环比 ${signedPercent(t.shipmentsChange)}` },
    { label: '运费合计', value: `¥${yuan(t.freightFen)}`, note: `总重 ${kilograms(t.weightG)} kg` },
    { label: '准时签收率', value: percentOrDash(t.onTimeRate), note: `签收 ${integer(t.delivered)} 件，准时 ${integer(t.onTime)} 件` },
    { label: '异常件', value: `${integer(t.exceptions)} 件`, note: `占发件量 ${percentOrDash(t.exceptionRate, 2)}` },
    { label: '工单', value: `${integer(t.tickets)} 件`, note: t.complaintsPer10k === null ? '投诉率 —' : `投诉 ${t.complaintsPer10k.toFixed(2)} 件/万件` },
    { label: '满意度（CSAT）', value: percentOrDash(t.csatShare), note: `${integer(data.csat.responses)} 份评价` },
  ];
  const gap = 8;
  const width = (CONTENT_WIDTH - gap * 2) / 3;
  const height = 56;
  tiles.forEach((tile, i) => {
    const x = MARGIN.left + (i % 3) * (width + gap);
    const top = y + Math.floor(i / 3) * (height + gap);
    doc.roundedRect(x, top, width, height, 4).lineWidth(0.8).strokeColor(COLOR.rule).stroke();
    doc.rect(x, top + 8, 2.5, height - 16).fill(i === 2 ? COLOR.good : COLOR.brand);
    doc.font(REGULAR).fontSize(8.5).fillColor(COLOR.muted).text(tile.label, x + 10, top + 7, { lineBreak: false });
    doc.font(BOLD).fontSize(16).fillColor(COLOR.text).text(tile.value, x + 10, top + 19, { lineBreak: false });
    doc.font(REGULAR).fontSize(7.5).fillColor(COLOR.muted).text(tile.note, x + 10, top + 41, { width: width - 16, lineBreak: false, ellipsis: true });
  });
  return y + height * 2 + gap;
}

// ---------------------------------------------------------------- charts

interface Plot {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Axis ticks 0, step, … ≥ max with a 1-2-5 step, about `count` of them. */
function niceTicks(max: number, count = 5): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step - 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

function gridAndAxis(doc: Doc, plot: Plot, ticks: number[], format: (v: number) => string, min = 0): void {
  const top = ticks[ticks.length - 1]!;
  doc.font(REGULAR).fontSize(7).fillColor(COLOR.muted);
  for (const tick of ticks) {
    const ty = plot.y + plot.height - ((tick - min) / (top - min)) * plot.height;
    doc.moveTo(plot.x, ty).lineTo(plot.x + plot.width, ty).lineWidth(0.5).strokeColor(COLOR.grid).stroke();
    const label = format(tick);
    doc.text(label, plot.x - 6 - doc.widthOfString(label), ty - 4.5, { lineBreak: false });
  }
  doc.moveTo(plot.x, plot.y + plot.height).lineTo(plot.x + plot.width, plot.y + plot.height).lineWidth(0.8).strokeColor(COLOR.rule).stroke();
}

function dayLabels(doc: Doc, plot: Plot, dates: string[], slot: number): void {
  doc.font(REGULAR).fontSize(6.5).fillColor(COLOR.muted);
  dates.forEach((date, i) => {
    const day = String(Number(date.slice(8, 10)));
    doc.text(day, plot.x + slot * i + (slot - doc.widthOfString(day)) / 2, plot.y + plot.height + 4, { lineBreak: false });
  });
}

function dailyVolumeChart(doc: Doc, data: MonthlyReportData, y: number): number {
  const days = data.volume.byDay;
  const plot: Plot = { x: MARGIN.left + 40, y: y + 14, width: CONTENT_WIDTH - 44, height: 116 };
  const ticks = niceTicks(Math.max(0, ...days.map((d) => d.shipments)));
  const top = ticks[ticks.length - 1]!;
  doc.font(REGULAR).fontSize(7.5).fillColor(COLOR.muted).text('件', MARGIN.left + 22, y, { lineBreak: false });
  legend(doc, plot.x + plot.width, y, [
    ['工作日', COLOR.brand],
    ['周六、周日', COLOR.secondary],
  ]);
  gridAndAxis(doc, plot, ticks, integer);
  const slot = plot.width / Math.max(1, days.length);
  const barWidth = Math.max(2, slot * 0.66);
  days.forEach((d, i) => {
    const h = (d.shipments / top) * plot.height;
    const weekday = new Date(`${d.date}T00:00:00Z`).getUTCDay();
    doc.rect(plot.x + slot * i + (slot - barWidth) / 2, plot.y + plot.height - h, barWidth, h).fill(weekday === 0 || weekday === 6 ? COLOR.secondary : COLOR.brand);
  });
  dayLabels(doc, plot, days.map((d) => d.date), slot);
  const peak = days.reduce<(typeof days)[number] | null>((best, d) => (best === null || d.shipments > best.shipments ? d : best), null);
  const average = days.length === 0 ? 0 : days.reduce((s, d) => s + d.shipments, 0) / days.length;
  const caption = peak ? `日均 ${integer(Math.round(average))} 件；最高 ${formatDay(peak.date)} ${integer(peak.shipments)} 件` : '本月无发件。';
  doc.font(REGULAR).fontSize(8).fillColor(COLOR.muted).text(caption, MARGIN.left, plot.y + plot.height + 16, { lineBreak: false });
  return plot.y + plot.height + 28;
}

function onTimeChart(doc: Doc, data: MonthlyReportData, t: MonthlyTotals, y: number): number {
  const days = data.onTime.byDay;
  const rates = days.map((d) => (d.delivered === 0 ? null : d.onTime / d.delivered));
  const known = rates.filter((r): r is number => r !== null);
  // Zoom to where the rates are (a carrier's on-time rate lives near the top), in steps of 10 %.
  const min = known.length === 0 ? 0 : Math.max(0, Math.floor((Math.min(...known) - 0.02) * 10) / 10);
  const ticks = Array.from({ length: Math.round((1 - min) / 0.05) + 1 }, (_, i) => Math.round((min + i * 0.05) * 100) / 100).filter((_, i, all) => all.length <= 6 || i % 2 === 0 || i === all.length - 1);
  const plot: Plot = { x: MARGIN.left + 40, y: y + 14, width: CONTENT_WIDTH - 44, height: 96 };
  legend(doc, plot.x + plot.width, y, [
    ['每日准时率', COLOR.good],
    ['本月平均', COLOR.accent],
  ]);
  gridAndAxis(doc, plot, ticks, (v) => `${Math.round(v * 100)}%`, min);
  const slot = plot.width / Math.max(1, days.length);
  const yOf = (rate: number) => plot.y + plot.height - ((rate - min) / (1 - min)) * plot.height;
  let drawing = false;
  rates.forEach((rate, i) => {
    const x = plot.x + slot * i + slot / 2;
    if (rate === null) {
      drawing = false;
      return;
    }
    if (drawing) doc.lineTo(x, yOf(rate));
    else doc.moveTo(x, yOf(rate));
    drawing = true;
  });
  doc.lineWidth(1.4).strokeColor(COLOR.good).stroke();
  rates.forEach((rate, i) => {
    if (rate !== null) doc.circle(plot.x + slot * i + slot / 2, yOf(rate), 1.8).fill(COLOR.good);
  });
  if (t.onTimeRate !== null) {
    const ay = yOf(t.onTimeRate);
    doc.moveTo(plot.x, ay).lineTo(plot.x + plot.width, ay).dash(3, { space: 2 }).lineWidth(0.9).strokeColor(COLOR.accent).stroke().undash();
  }
  dayLabels(doc, plot, days.map((d) => d.date), slot);
  const caption = t.onTimeRate === null ? '本月无签收件。' : `本月准时签收率 ${percent(t.onTimeRate)}（准时 ${integer(t.onTime)} 件 ÷ 签收 ${integer(t.delivered)} 件）；无签收的日期不画点`;
  doc.font(REGULAR).fontSize(8).fillColor(COLOR.muted).text(caption, MARGIN.left, plot.y + plot.height + 16, { lineBreak: false });
  return plot.y + plot.height + 28;
}

function legend(doc: Doc, right: number, y: number, items: [string, string][]): void {
  doc.font(REGULAR).fontSize(7.5);
  let x = right;
  for (const [label, color] of [...items].reverse()) {
    x -= doc.widthOfString(label);
    doc.fillColor(COLOR.muted).text(label, x, y, { lineBreak: false });
    x -= 12;
    doc.rect(x, y + 2, 8, 6).fill(color);
    x -= 12;
  }
}

// ---------------------------------------------------------------- tables

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

/**
 * A table with a shaded header and zebra rows; a row that would cross the bottom margin opens a
 * new page and repeats the header. `cell` may draw extra graphics (bars) in its cell.
 */
function table(doc: Doc, columns: Column[], rows: string[][], y: number, options: { x?: number; draw?: (row: number, col: number, x: number, y: number, w: number, h: number) => void; bold?: (row: number) => boolean } = {}): number {
  const x0 = options.x ?? MARGIN.left;
  const rowHeight = 17;
  const header = (top: number) => {
    let x = x0;
    const width = columns.reduce((s, c) => s + c.width, 0);
    doc.rect(x0, top, width, rowHeight).fill(COLOR.brand);
    doc.font(BOLD).fontSize(8.5).fillColor('#FFFFFF');
    for (const c of columns) {
      text(doc, c.title, x, top, c.width, rowHeight, c.align);
      x += c.width;
    }
    return top + rowHeight;
  };
  let top = header(y);
  rows.forEach((row, r) => {
    if (top + rowHeight > BOTTOM) {
      doc.addPage();
      top = header(MARGIN.top + 4);
    }
    const width = columns.reduce((s, c) => s + c.width, 0);
    if (r % 2 === 1) doc.rect(x0, top, width, rowHeight).fill(COLOR.zebra);
    let x = x0;
    columns.forEach((c, i) => {
      options.draw?.(r, i, x, top, c.width, rowHeight);
      doc.font(options.bold?.(r) ? BOLD : REGULAR).fontSize(8.5).fillColor(COLOR.text);
      text(doc, row[i] ?? '', x, top, c.width, rowHeight, c.align);
      x += c.width;
    });
    doc.moveTo(x0, top + rowHeight).lineTo(x0 + width, top + rowHeight).lineWidth(0.4).strokeColor(COLOR.grid).stroke();
    top += rowHeight;
  });
  return top;
}

function text(doc: Doc, value: string, x: number, top: number, width: number, height: number, align: 'left' | 'right' = 'left'): void {
  const pad = 6;
  doc.text(value, x + pad, top + (height - 11) / 2, { width: width - pad * 2, align, lineBreak: false, ellipsis: true, height: 12 });
}

function destinationTable(doc: Doc, data: MonthlyReportData, t: MonthlyTotals, y: number): number {
  if (data.destinations.length === 0) return emptyNote(doc, '本月无发件。', y);
  const columns: Column[] = [
    { title: '排名', width: 34 },
    { title: '目的地', width: 96 },
    { title: '件数', width: 62, align: 'right' },
    { title: '占比', width: 54, align: 'right' },
    { title: '', width: CONTENT_WIDTH - 34 - 96 - 62 - 54 - 76 },
    { title: '准时签收率', width: 76, align: 'right' },
  ];
  const largest = Math.max(...data.destinations.map((d) => d.shipments));
  const rows = data.destinations.map((d, i) => [
    d.key === 'other' ? '—' : String(i + 1),
    d.label,
    integer(d.shipments),
    t.shipments === 0 ? '—' : percent(d.shipments / t.shipments),
    '',
    d.delivered === 0 ? '—' : percent(d.onTime / d.delivered),
  ]);
  return table(doc, columns, rows, y, {
    draw: (r, c, x, top, w, h) => {
      if (c !== 4) return;
      const d = data.destinations[r]!;
      doc.rect(x + 6, top + 4.5, Math.max(1, ((w - 12) * d.shipments) / largest), h - 9).fill(d.key === 'other' ? COLOR.secondary : COLOR.brand);
    },
  });
}

function countTable(doc: Doc, rows: LabelledCount[], titles: { label: string; count: string; share: string }, base: number, y: number, empty: string, x = MARGIN.left, width = CONTENT_WIDTH): number {
  if (rows.length === 0) return emptyNote(doc, empty, y, x);
  const total = rows.reduce((s, r) => s + r.count, 0);
  const columns: Column[] = [
    { title: titles.label, width: width - 140 },
    { title: titles.count, width: 64, align: 'right' },
    { title: titles.share, width: 76, align: 'right' },
  ];
  const body = rows.map((r) => [r.label, integer(r.count), base === 0 ? '—' : percent(r.count / base, 2)]);
  body.push(['合计', integer(total), base === 0 ? '—' : percent(total / base, 2)]);
  return table(doc, columns, body, y, { x, bold: (r) => r === rows.length });
}

function claimsBlock(doc: Doc, data: MonthlyReportData, y: number): number {
  const claims = data.claims;
  if (claims.count === 0) return emptyNote(doc, '本月无理赔。', y);
  const money = 96;
  const byType: Column[] = [
    { title: '理赔类型', width: CONTENT_WIDTH - 56 - money * 3 },
    { title: '件数', width: 56, align: 'right' },
    { title: '索赔金额（元）', width: money, align: 'right' },
    { title: '核定金额（元）', width: money, align: 'right' },
    { title: '本月已赔付（元）', width: money, align: 'right' },
  ];
  const rows = claims.byType.map((c) => [c.label, integer(c.count), yuan(c.claimedFen), yuan(c.approvedFen), yuan(c.paidFen)]);
  rows.push(['合计', integer(claims.count), yuan(claims.claimedFen), yuan(claims.approvedFen), yuan(claims.paidFen)]);
  y = table(doc, byType, rows, y, { bold: (r) => r === claims.byType.length });
  y = ensureRoom(doc, y + 12, 40);
  const list: Column[] = [
    { title: '运单号', width: CONTENT_WIDTH - 60 - 108 - 60 - 64 * 2 - 84 },
    { title: '类型', width: 60 },
    { title: '状态', width: 108 },
    { title: '受理日期', width: 60 },
    { title: '索赔（元）', width: 64, align: 'right' },
    { title: '核定（元）', width: 64, align: 'right' },
    { title: '本月已赔付（元）', width: 84, align: 'right' },
  ];
  const lines = claims.items.map((c) => [c.waybillNo, c.type, c.state, c.openedOn, yuan(c.claimedFen), c.approvedFen === null ? '—' : yuan(c.approvedFen), yuan(c.paidFen)]);
  return table(doc, list, lines, y);
}

function ticketTables(doc: Doc, data: MonthlyReportData, t: MonthlyTotals, y: number): number {
  const titles = { count: '件数', share: '占工单' };
  const byKind = { label: '工单类型', ...titles };
  const byCause = { label: '原因', ...titles };
  const rowHeight = 17;
  const tallest = (Math.max(data.tickets.byKind.length, data.tickets.byCause.length) + 2) * rowHeight + 16;
  if (tallest > BOTTOM - MARGIN.top - 8) {
    // Too long to stand side by side on one page: one after the other, each breaking across pages.
    doc.font(BOLD).fontSize(9).fillColor(COLOR.text).text('按类型', MARGIN.left, y, { lineBreak: false });
    const after = countTable(doc, data.tickets.byKind, byKind, t.tickets, y + 16, '本月无工单。');
    const next = ensureRoom(doc, after + 12, 60);
    doc.font(BOLD).fontSize(9).fillColor(COLOR.text).text('按原因', MARGIN.left, next, { lineBreak: false });
    return countTable(doc, data.tickets.byCause, byCause, t.tickets, next + 16, '本月无已归因的工单。');
  }
  const top = ensureRoom(doc, y, tallest);
  const gap = 14;
  const width = (CONTENT_WIDTH - gap) / 2;
  doc.font(BOLD).fontSize(9).fillColor(COLOR.text).text('按类型', MARGIN.left, top, { lineBreak: false });
  doc.text('按原因', MARGIN.left + width + gap, top, { lineBreak: false });
  const left = countTable(doc, data.tickets.byKind, byKind, t.tickets, top + 16, '本月无工单。', MARGIN.left, width);
  const right = countTable(doc, data.tickets.byCause, byCause, t.tickets, top + 16, '本月无已归因的工单。', MARGIN.left + width + gap, width);
  return Math.max(left, right);
}

function satisfactionBlock(doc: Doc, data: MonthlyReportData, t: MonthlyTotals, y: number): number {
  const { responses, satisfied } = data.csat;
  doc.font(REGULAR).fontSize(9.5).fillColor(COLOR.text);
  if (responses === 0) return emptyNote(doc, '本月没有收到评价。', y);
  const { surveyAnswers, ticketRatings } = data.csat;
  doc.text(
    `本月共收到 ${integer(responses)} 份评价（满意度调查的满意度题回答 ${integer(surveyAnswers)} 份，工单解决后的评分 ${integer(ticketRatings)} 份），其中“满意”和“非常满意”（4–5 分）${integer(satisfied)} 份，满意度 ${percent(t.csatShare!)}。`,
    MARGIN.left,
    y,
    { width: CONTENT_WIDTH },
  );
  const barY = doc.y + 6;
  doc.roundedRect(MARGIN.left, barY, CONTENT_WIDTH, 10, 3).fill(COLOR.grid);
  doc.roundedRect(MARGIN.left, barY, Math.max(4, CONTENT_WIDTH * t.csatShare!), 10, 3).fill(COLOR.good);
  return barY + 10;
}

function notes(doc: Doc, data: MonthlyReportData, y: number): void {
  doc.font(BOLD).fontSize(9).fillColor(COLOR.text).text('说明', MARGIN.left, y, { lineBreak: false });
  const zone = data.period.timeZone === 'Asia/Shanghai' ? '北京时间' : data.period.timeZone;
  const lines = [
    `统计期间按${zone}计，以揽收时间归入日期；签收与准时按签收时间归入日期。`,
    '准时签收率 = 在承诺时效内签收的件数 ÷ 当期签收件数；承诺时效以揽收时适用的时效规定为准。',
    '异常件按类型计数，同一快件有多种异常时每种各计一次；占比以当期发件量为分母。',
    '投诉率 = 投诉工单数 ÷ 发件量 × 10,000；满意度 = 4–5 分评价数 ÷ 评价总数。',
  ];
  doc.font(REGULAR).fontSize(8).fillColor(COLOR.muted);
  let lineY = y + 16;
  lines.forEach((line, i) => {
    doc.text(`${i + 1}. ${line}`, MARGIN.left, lineY, { width: CONTENT_WIDTH });
    lineY = doc.y + 2;
  });
}

function emptyNote(doc: Doc, message: string, y: number, x = MARGIN.left): number {
  doc.font(REGULAR).fontSize(9).fillColor(COLOR.muted).text(message, x, y + 2, { lineBreak: false });
  return y + 18;
}

// ---------------------------------------------------------------- numbers

const integerFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function integer(n: number): string {
  return integerFormat.format(n);
}

function yuan(fen: number): string {
  return yuanFormat.format(fen / 100);
}

function kilograms(grams: number): string {
  return yuanFormat.format(grams / 1000);
}

function percent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}

function percentOrDash(share: number | null, digits = 1): string {
  return share === null ? '—' : percent(share, digits);
}

function signedPercent(change: number): string {
  return `${change >= 0 ? '+' : '−'}${Math.abs(change * 100).toFixed(1)}%`;
}

function formatDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

function formatInstant(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
