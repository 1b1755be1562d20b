/**
 * The supervision report (服务监督报告) as a PDF in Chinese: A4 portrait, Noto Sans SC embedded
 * (documents/fonts.ts), charts as vector paths — the KPI standings as a table coloured by target,
 * SLA attainment by day as a line, complaints by cause as bars against the last period — then the
 * worst stations, the notable complaints and the QA results; a header and a page footer on every
 * page. Made from `SupervisionReportData` alone, the same object the page and the XLSX read.
 */
import PDFDocument from 'pdfkit';
import { FONT, pdfBytes, registerReportFonts } from '../../documents/fonts.js';
import { BOTTOM, COLOR, CONTENT_WIDTH, ensureRoom, MARGIN, pageFurniture, section } from '../../documents/report-layout.js';
import { deltaText, integer, kpiValueText, REASON_TEXT, standingText, STATUS_TEXT, targetText, yuan } from './format.js';
import type { KpiLine, SupervisionReportData } from './gather.js';

type Doc = PDFKit.PDFDocument;

export function scopeTitle(data: SupervisionReportData): string {
  return data.scope.kind === 'company' ? '全公司' : (data.scope.teamName ?? '班组');
}

export function reportTitle(data: SupervisionReportData): string {
  return `${data.period.kind === 'week' ? '服务监督周报' : '服务监督月报'}`;
}

/** Renders the report; resolves with the PDF's bytes. */
export async function renderSupervisionReportPdf(data: SupervisionReportData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    info: { Title: `${scopeTitle(data)} ${data.period.title} ${reportTitle(data)}`, Author: data.carrier, Subject: '服务监督报告', Creator: 'ParcelDesk', CreationDate: new Date(data.generatedAt) },
  });
  const done = pdfBytes(doc);
  registerReportFonts(doc);
  doc.fillColor(COLOR.text);

  let y = titleBlock(doc, data);
  y = section(doc, '一、考核指标达成情况', y + 16);
  y = kpiTable(doc, data, y + 4);
  y = section(doc, '二、时限达成率（按日）', ensureRoom(doc, y + 16, 150));
  y = trendChart(doc, data, y + 4);
  y = section(doc, '三、投诉原因分布（与上期对比）', ensureRoom(doc, y + 16, 120));
  y = causeChart(doc, data, y + 4);
  if (data.stations) {
    y = section(doc, '四、问题最多的网点', ensureRoom(doc, y + 16, 90));
    y = stationTable(doc, data, y + 4);
  }
  y = section(doc, `${data.stations ? '五' : '四'}、重点投诉`, ensureRoom(doc, y + 16, 80));
  y = notableTable(doc, data, y + 4);
  y = section(doc, `${data.stations ? '六' : '五'}、质检结果`, ensureRoom(doc, y + 16, 60));
  y = qaBlock(doc, data, y + 4);
  notes(doc, data, ensureRoom(doc, y + 16, 70));
  furniture(doc, data);
  doc.end();
  return done;
}

function furniture(doc: Doc, data: SupervisionReportData): void {
  pageFurniture(doc, {
    carrier: data.carrier,
    title: `${scopeTitle(data)} · ${data.period.title} · ${reportTitle(data)}`,
    footer: `报告编号 ${data.reportNo}\u3000内部资料，仅供服务质量考核使用`,
  });
}

function titleBlock(doc: Doc, data: SupervisionReportData): number {
  let y = MARGIN.top + 2;
  doc.font(FONT.bold).fontSize(21).fillColor(COLOR.text).text(`${scopeTitle(data)}${reportTitle(data)}`, MARGIN.left, y, { lineBreak: false });
  doc.font(FONT.regular).fontSize(11).fillColor(COLOR.muted).text(`${data.period.title}（${data.period.start} 至 ${data.period.end}）`, MARGIN.left, y + 32, { lineBreak: false });
  y += 56;
  const met = data.kpis.filter((k) => k.standing === 'met').length;
  const missed = data.kpis.filter((k) => k.standing === 'missed').length;
  const complaints = data.causes.reduce((s, c) => s + c.count, 0);
  const before = data.causes.reduce((s, c) => s + c.previous, 0);
  const tiles = [
    { label: '达标指标', value: `${met} 项`, color: COLOR.good },
    { label: '未达标指标', value: `${missed} 项`, color: missed > 0 ? COLOR.bad : COLOR.brand },
    { label: '本期投诉', value: `${integer(complaints)} 件`, note: `上期 ${integer(before)} 件` },
    { label: '重点投诉', value: `${data.notable.length} 件`, color: COLOR.brand },
  ];
  const gap = 8;
  const width = (CONTENT_WIDTH - gap * 3) / 4;
  tiles.forEach((tile, i) => {
    const x = MARGIN.left + i * (width + gap);
    doc.roundedRect(x, y, width, 50, 4).lineWidth(0.8).strokeColor(COLOR.rule).stroke();
    doc.rect(x, y + 8, 2.5, 34).fill(tile.color ?? COLOR.brand);
    doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.muted).text(tile.label, x + 10, y + 7, { lineBreak: false });
    doc.font(FONT.bold).fontSize(15).fillColor(COLOR.text).text(tile.value, x + 10, y + 19, { lineBreak: false });
    if (tile.note) doc.font(FONT.regular).fontSize(7).fillColor(COLOR.muted).text(tile.note, x + 10, y + 38, { lineBreak: false });
  });
  return y + 50;
}

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

function table(doc: Doc, columns: Column[], rows: string[][], y: number, colour?: (row: number, col: number) => string | null): number {
  const rowHeight = 17;
  const width = columns.reduce((s, c) => s + c.width, 0);
  const header = (top: number) => {
    doc.rect(MARGIN.left, top, width, rowHeight).fill(COLOR.brand);
    doc.font(FONT.bold).fontSize(8.5).fillColor('#FFFFFF');
    let x = MARGIN.left;
    for (const c of columns) {
      cell(doc, c.title, x, top, c.width, rowHeight, c.align);
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
    if (r % 2 === 1) doc.rect(MARGIN.left, top, width, rowHeight).fill(COLOR.zebra);
    let x = MARGIN.left;
    columns.forEach((c, i) => {
      const color = colour?.(r, i) ?? null;
      doc.font(color ? FONT.bold : FONT.regular).fontSize(8.5).fillColor(color ?? COLOR.text);
      cell(doc, row[i] ?? '', x, top, c.width, rowHeight, c.align);
      x += c.width;
    });
    doc.moveTo(MARGIN.left, top + rowHeight).lineTo(MARGIN.left + width, top + rowHeight).lineWidth(0.4).strokeColor(COLOR.grid).stroke();
    top += rowHeight;
  });
  return top;
}

function cell(doc: Doc, value: string, x: number, top: number, width: number, height: number, align: Column['align'] = 'left'): void {
  doc.text(value, x + 5, top + (height - 11) / 2, { width: width - 10, align, lineBreak: false, ellipsis: true, height: 12 });
}

function kpiTable(doc: Doc, data: SupervisionReportData, y: number): number {
  const columns: Column[] = [
    { title: '指标', width: 128 },
    { title: '本期', width: 74, align: 'right' },
    { title: '上期', width: 74, align: 'right' },
    { title: '变化', width: 84, align: 'right' },
    { title: '目标', width: 90, align: 'right' },
    { title: '达成', width: CONTENT_WIDTH - 450, align: 'center' },
  ];
  const rows = data.kpis.map((k) => [k.name['zh-CN'], kpiValueText(k.unit, k.value), kpiValueText(k.unit, k.previous), deltaText(k.unit, k.delta), targetText(k), standingText(k)]);
  return table(doc, columns, rows, y, (r, c) => {
    const k: KpiLine = data.kpis[r]!;
    if (c === 5) return k.standing === 'met' ? COLOR.good : k.standing === 'missed' ? COLOR.bad : COLOR.muted;
    if (c === 3 && k.better !== null) return k.better ? COLOR.good : COLOR.bad;
    if (c === 1 && k.standing === 'missed') return COLOR.bad;
    return null;
  });
}

function trendChart(doc: Doc, data: SupervisionReportData, y: number): number {
  const points = data.trend.points;
  const known = points.map((p) => p.value).filter((v): v is number => v !== null);
  const plot = { x: MARGIN.left + 40, y: y + 8, width: CONTENT_WIDTH - 44, height: 96 };
  const min = known.length === 0 ? 0 : Math.max(0, Math.floor((Math.min(...known) - 2) / 10) * 10);
  const ticks = [min, min + (100 - min) / 2, 100].map((v) => Math.round(v));
  doc.font(FONT.regular).fontSize(7).fillColor(COLOR.muted);
  for (const tick of ticks) {
    const ty = plot.y + plot.height - ((tick - min) / (100 - min || 1)) * plot.height;
    doc.moveTo(plot.x, ty).lineTo(plot.x + plot.width, ty).lineWidth(0.5).strokeColor(COLOR.grid).stroke();
    doc.fillColor(COLOR.muted).text(`${tick}%`, plot.x - 30, ty - 4.5, { width: 24, align: 'right', lineBreak: false });
  }
  const slot = plot.width / Math.max(1, points.length);
  const yOf = (v: number) => plot.y + plot.height - ((v - min) / (100 - min || 1)) * plot.height;
  let drawing = false;
  points.forEach((p, i) => {
    const x = plot.x + slot * i + slot / 2;
    if (p.value === null) {
      drawing = false;
      return;
    }
    if (drawing) doc.lineTo(x, yOf(p.value));
    else doc.moveTo(x, yOf(p.value));
    drawing = true;
  });
  if (known.length > 0) doc.lineWidth(1.4).strokeColor(COLOR.good).stroke();
  points.forEach((p, i) => {
    if (p.value !== null) doc.circle(plot.x + slot * i + slot / 2, yOf(p.value), 1.8).fill(COLOR.good);
  });
  const target = data.kpis.find((k) => k.id === 'sla_attainment')?.target;
  if (target) {
    const ty = yOf(Math.max(min, Math.min(100, target.value)));
    doc.moveTo(plot.x, ty).lineTo(plot.x + plot.width, ty).dash(3, { space: 2 }).lineWidth(0.9).strokeColor(COLOR.bad).stroke().undash();
  }
  doc.font(FONT.regular).fontSize(6.5).fillColor(COLOR.muted);
  points.forEach((p, i) => {
    if (points.length > 10 && i % 2 === 1) return;
    const label = String(Number(p.day.slice(8, 10)));
    doc.text(label, plot.x + slot * i + (slot - doc.widthOfString(label)) / 2, plot.y + plot.height + 4, { lineBreak: false });
  });
  const caption = known.length === 0 ? '本期没有结束的时限。' : `按时限结束的日期统计；无数据的日期不画点${target ? '；红色虚线为目标' : ''}。`;
  doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted).text(caption, MARGIN.left, plot.y + plot.height + 16, { lineBreak: false });
  return plot.y + plot.height + 28;
}

function causeChart(doc: Doc, data: SupervisionReportData, y: number): number {
  const causes = data.causes.slice(0, 10);
  if (causes.length === 0) return empty(doc, '本期与上期均无投诉。', y);
  const labelWidth = 110;
  const barX = MARGIN.left + labelWidth;
  const barWidth = CONTENT_WIDTH - labelWidth - 104;
  const largest = Math.max(1, ...causes.flatMap((c) => [c.count, c.previous]));
  legend(doc, MARGIN.left + CONTENT_WIDTH, y, [
    ['本期', COLOR.brand],
    ['上期', COLOR.secondary],
  ]);
  let top = y + 14;
  for (const c of causes) {
    top = ensureRoom(doc, top, 20);
    doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.text).text(c.label['zh-CN'], MARGIN.left, top + 2, { width: labelWidth - 8, lineBreak: false, ellipsis: true });
    doc.rect(barX, top, Math.max(1, (barWidth * c.count) / largest), 7).fill(COLOR.brand);
    doc.rect(barX, top + 8, Math.max(1, (barWidth * c.previous) / largest), 5).fill(COLOR.secondary);
    doc.font(FONT.regular).fontSize(8).fillColor(COLOR.text).text(`${integer(c.count)}（上期 ${integer(c.previous)}）`, barX + barWidth + 4, top + 2, { lineBreak: false });
    top += 19;
  }
  return top;
}

function legend(doc: Doc, right: number, y: number, items: [string, string][]): void {
  doc.font(FONT.regular).fontSize(7.5);
  let x = right;
  for (const [label, color] of [...items].reverse()) {
    x -= doc.widthOfString(label);
    doc.fillColor(COLOR.muted).text(label, x, y, { lineBreak: false });
    x -= 12;
    doc.rect(x, y + 2, 8, 6).fill(color);
    x -= 12;
  }
}

function stationTable(doc: Doc, data: SupervisionReportData, y: number): number {
  const stations = data.stations ?? [];
  if (stations.length === 0) return empty(doc, '本期各网点无延误、破损、丢失或追偿。', y);
  const columns: Column[] = [
    { title: '网点', width: CONTENT_WIDTH - 64 * 2 - 52 * 3 - 76 },
    { title: '签收', width: 64, align: 'right' },
    { title: '超时', width: 52, align: 'right' },
    { title: '准时率', width: 64, align: 'right' },
    { title: '破损', width: 52, align: 'right' },
    { title: '丢失', width: 52, align: 'right' },
    { title: '追偿金额', width: 76, align: 'right' },
  ];
  const rows = stations.map((s) => [s.station, integer(s.delivered), integer(s.late), s.onTimeRate === null ? '—' : `${s.onTimeRate.toFixed(2)}%`, integer(s.damaged), integer(s.lost), yuan(s.chargebackFen)]);
  return table(doc, columns, rows, y);
}

function notableTable(doc: Doc, data: SupervisionReportData, y: number): number {
  if (data.notable.length === 0) return empty(doc, '本期无超时限、差评或升级的投诉。', y);
  const columns: Column[] = [
    { title: '工单号', width: 64 },
    { title: '主题', width: CONTENT_WIDTH - 64 - 70 - 70 - 110 },
    { title: '受理日期', width: 70 },
    { title: '状态', width: 70 },
    { title: '原因', width: 110 },
  ];
  const zone = data.timeZone;
  const rows = data.notable.map((n) => [`#${n.number}`, n.subject, dayIn(n.openedAt, zone), STATUS_TEXT[n.status] ?? n.status, n.reasons.map((r) => REASON_TEXT[r]).join('、')]);
  return table(doc, columns, rows, y);
}

function qaBlock(doc: Doc, data: SupervisionReportData, y: number): number {
  const qa = data.qa;
  if (!qa.available) return empty(doc, '质检结果暂不可用（质检功能尚未接入本报告）。', y);
  doc.font(FONT.regular).fontSize(9.5).fillColor(COLOR.text);
  const line = `本期质检 ${integer(qa.reviews)} 单，平均得分 ${qa.averageScore === null ? '—' : qa.averageScore.toFixed(1)}，致命项不合格 ${integer(qa.criticalFails)} 单，申诉 ${integer(qa.disputes)} 单。`;
  doc.text(line, MARGIN.left, y + 2, { width: CONTENT_WIDTH });
  let top = doc.y + 6;
  if (qa.lowest.length > 0) {
    top = table(
      doc,
      [
        { title: '坐席', width: CONTENT_WIDTH - 160 },
        { title: '质检单数', width: 80, align: 'right' },
        { title: '平均得分', width: 80, align: 'right' },
      ],
      qa.lowest.map((a) => [a.agent, integer(a.reviews), a.averageScore.toFixed(1)]),
      top,
    );
  }
  return top;
}

function notes(doc: Doc, data: SupervisionReportData, y: number): void {
  doc.font(FONT.bold).fontSize(9).fillColor(COLOR.text).text('说明', MARGIN.left, y, { lineBreak: false });
  const zone = data.timeZone === 'Asia/Shanghai' ? '北京时间' : data.timeZone;
  const lines = [
    `统计期间按${zone}计；指标取自每日指标事实表，与指标看板同一口径（分子、分母分别求和后相除，不是日均值的平均）。`,
    data.scope.kind === 'team' ? '班组报告只含按班组统计的工单类指标；揽收、投递、破损、丢失等快件类指标见全公司报告。' : '网点按超时、破损、丢失件数之和排序，取前十。',
    '“无目标”表示该指标尚未设定考核目标；“暂不可用”表示相关功能尚未上线，不以 0 计。',
    '重点投诉：本期受理的投诉中时限超时、评分 1–2 分或优先级升至高/紧急者（不含保密工单），最多十件。',
  ];
  doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted);
  let lineY = y + 16;
  lines.forEach((line, i) => {
    doc.text(`${i + 1}. ${line}`, MARGIN.left, lineY, { width: CONTENT_WIDTH });
    lineY = doc.y + 2;
  });
}

function empty(doc: Doc, message: string, y: number): number {
  doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted).text(message, MARGIN.left, y + 2, { lineBreak: false });
  return y + 18;
}

export function dayIn(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}
