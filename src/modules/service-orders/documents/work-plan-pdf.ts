/**
 * The work plan (工作计划表) as a PDF to print: A4 landscape, Noto Sans SC embedded (subset), one
 * table per day whose cells wrap (an address or a content of several lines makes its row taller);
 * a row never splits across pages, and a day that runs on repeats its heading (续) and the table
 * header on the next page. Every page has the work center, the period and 第 n 页 / 共 m 页.
 */
import PDFDocument from 'pdfkit';
import { FONT, pdfBytes, registerReportFonts } from '../../../documents/fonts.js';
import type { WorkPlanModel } from './work-plan.js';

type Doc = PDFKit.PDFDocument;

const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = { left: 28, right: 28, top: 58, bottom: 44 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const COLOR = { brand: '#0B4F8A', brandLight: '#DCE8F4', accent: '#E8772E', text: '#1F2933', muted: '#6B7785', rule: '#C9D1DA', zebra: '#F5F7FA' };
const FONT_SIZE = 8.5;
const PAD = 4;
const HEADER_HEIGHT = 18;
/** A row taller than this is clipped (an address of a few hundred characters); nothing real comes close. */
const MAX_ROW = 150;

export async function renderWorkPlanPdf(model: WorkPlanModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    info: { Title: `${model.title} ${model.workCenter} ${model.period}`, Author: model.carrier, Subject: model.title, Creator: 'ParcelDesk' },
  });
  const done = pdfBytes(doc);
  registerReportFonts(doc);

  const total = model.columns.reduce((s, c) => s + c.width, 0);
  const widths = model.columns.map((c) => (c.width / total) * CONTENT_WIDTH);

  let y = MARGIN.top;
  doc.font(FONT.bold).fontSize(18).fillColor(COLOR.text).text(model.title, MARGIN.left, y, { lineBreak: false });
  doc.font(FONT.regular).fontSize(10).fillColor(COLOR.muted).text(`工作中心：${model.workCenter}\u3000\u3000日期：${model.period}`, MARGIN.left + 110, y + 6, { lineBreak: false });
  y += 30;
  doc.roundedRect(MARGIN.left, y, CONTENT_WIDTH, 22, 3).fill(COLOR.brandLight);
  doc.font(FONT.bold).fontSize(9.5).fillColor(COLOR.text).text(model.summary, MARGIN.left + 10, y + 5.5, { lineBreak: false });
  y += 30;

  for (const day of model.days) {
    // a day's heading never stands alone at the bottom of a page: it needs its header and one row
    const firstRow = day.rows.length === 0 ? 20 : rowHeight(doc, model, widths, 0, day);
    if (y + 22 + HEADER_HEIGHT + firstRow > BOTTOM) y = newPage(doc);
    y = dayHeading(doc, day.heading, `${day.rows.length} 项`, y);
    if (day.rows.length === 0) {
      doc.font(FONT.regular).fontSize(FONT_SIZE).fillColor(COLOR.muted).text('当天无安排。', MARGIN.left + 9, y, { lineBreak: false });
      y += 22;
      continue;
    }
    y = tableHeader(doc, model, widths, y);
    for (let r = 0; r < day.rows.length; r++) {
      const height = rowHeight(doc, model, widths, r, day);
      if (y + height > BOTTOM) {
        y = newPage(doc);
        y = dayHeading(doc, `${day.heading}（续）`, `${day.rows.length} 项`, y);
        y = tableHeader(doc, model, widths, y);
      }
      y = drawRow(doc, model, widths, r, day, y, height);
    }
    y += 10;
  }

  // the notes at the end, on a new page only if they do not fit
  const notesHeight = 14 + model.notes.length * 13;
  if (y + notesHeight > BOTTOM) y = newPage(doc);
  doc.font(FONT.bold).fontSize(9).fillColor(COLOR.text).text('说明', MARGIN.left, y, { lineBreak: false });
  doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted);
  model.notes.forEach((note, i) => doc.text(`${i + 1}. ${note}`, MARGIN.left, y + 14 + i * 13, { width: CONTENT_WIDTH, lineBreak: false, ellipsis: true }));

  furniture(doc, model);
  doc.end();
  return done;
}

function newPage(doc: Doc): number {
  doc.addPage();
  return MARGIN.top;
}

function dayHeading(doc: Doc, title: string, count: string, y: number): number {
  doc.rect(MARGIN.left, y + 2, 3.5, 13).fill(COLOR.brand);
  doc.font(FONT.bold).fontSize(11).fillColor(COLOR.text).text(title, MARGIN.left + 9, y, { lineBreak: false });
  const w = doc.widthOfString(title);
  doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted).text(count, MARGIN.left + 9 + w + 10, y + 2, { lineBreak: false });
  return y + 20;
}

function tableHeader(doc: Doc, model: WorkPlanModel, widths: number[], y: number): number {
  doc.rect(MARGIN.left, y, CONTENT_WIDTH, HEADER_HEIGHT).fill(COLOR.brand);
  doc.font(FONT.bold).fontSize(FONT_SIZE).fillColor('#FFFFFF');
  let x = MARGIN.left;
  model.columns.forEach((c, i) => {
    doc.text(c.title, x + PAD, y + 4, { width: widths[i]! - PAD * 2, lineBreak: false, ellipsis: true, height: 12 });
    x += widths[i]!;
  });
  return y + HEADER_HEIGHT;
}

/** The font a cell is drawn in: the notification number bold, an urgent type bold in orange. */
function cellFont(doc: Doc, key: WorkPlanModel['columns'][number]['key'], urgent: boolean): void {
  const urgentType = key === 'type' && urgent;
  doc.font(urgentType || key === 'notificationNo' ? FONT.bold : FONT.regular).fontSize(FONT_SIZE).fillColor(urgentType ? '#C2410C' : COLOR.text);
}

/**
 * A cell's lines when each fits its width unbroken — most cells: a time, a number, a name — so they
 * are measured once and drawn without pdfkit's line breaker, which lays a Chinese text out glyph by
 * glyph; null when the text must wrap.
 */
function unbrokenLines(doc: Doc, text: string, width: number): string[] | null {
  const lines = text.split('\n');
  return lines.every((line) => doc.widthOfString(line) <= width) ? lines : null;
}

const lineAdvance = (doc: Doc): number => doc.currentLineHeight(true) + 1;

function rowHeight(doc: Doc, model: WorkPlanModel, widths: number[], r: number, day: WorkPlanModel['days'][number]): number {
  const row = day.rows[r]!;
  let tallest = 0;
  model.columns.forEach((c, i) => {
    const text = row[c.key];
    if (!text) return;
    cellFont(doc, c.key, day.urgent[r]!);
    const width = widths[i]! - PAD * 2;
    const lines = unbrokenLines(doc, text, width);
    tallest = Math.max(tallest, lines ? lines.length * lineAdvance(doc) : doc.heightOfString(text, { width, lineGap: 1 }));
  });
  // room for a signature in the last column
  return Math.min(MAX_ROW, Math.max(26, tallest + PAD * 2 + 2));
}

function drawRow(doc: Doc, model: WorkPlanModel, widths: number[], r: number, day: WorkPlanModel['days'][number], y: number, height: number): number {
  const row = day.rows[r]!;
  if (r % 2 === 1) doc.rect(MARGIN.left, y, CONTENT_WIDTH, height).fill(COLOR.zebra);
  if (day.urgent[r]) doc.rect(MARGIN.left, y, 3, height).fill(COLOR.accent);
  let x = MARGIN.left;
  model.columns.forEach((c, i) => {
    const text = row[c.key];
    cellFont(doc, c.key, day.urgent[r]!);
    const width = widths[i]! - PAD * 2;
    const lines = text ? unbrokenLines(doc, text, width) : [];
    if (lines) lines.forEach((line, j) => doc.text(line, x + PAD, y + PAD + 1 + j * lineAdvance(doc), { lineBreak: false }));
    else doc.text(text, x + PAD, y + PAD + 1, { width, height: height - PAD * 2, lineGap: 1, ellipsis: true });
    x += widths[i]!;
  });
  // cell borders
  doc.lineWidth(0.5).strokeColor(COLOR.rule);
  doc.rect(MARGIN.left, y, CONTENT_WIDTH, height).stroke();
  x = MARGIN.left;
  for (const w of widths.slice(0, -1)) {
    x += w;
    doc.moveTo(x, y).lineTo(x, y + height).stroke();
  }
  return y + height;
}

function furniture(doc: Doc, model: WorkPlanModel): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    doc.rect(0, 0, PAGE.width, 5).fill(COLOR.brand);
    doc.font(FONT.bold).fontSize(10).fillColor(COLOR.brand).text(model.carrier, MARGIN.left, 20, { lineBreak: false });
    const right = `${model.workCenter} · ${model.period} · ${model.title}`;
    doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.muted);
    doc.text(right, PAGE.width - MARGIN.right - doc.widthOfString(right), 22, { lineBreak: false });
    doc.moveTo(MARGIN.left, 40).lineTo(PAGE.width - MARGIN.right, 40).lineWidth(0.6).strokeColor(COLOR.rule).stroke();
    const footY = PAGE.height - 30;
    doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted);
    doc.text(`打印时间 ${model.generatedAt}`, MARGIN.left, footY, { lineBreak: false });
    const page = `第 ${i - range.start + 1} 页 / 共 ${range.count} 页`;
    doc.text(page, PAGE.width - MARGIN.right - doc.widthOfString(page), footY, { lineBreak: false });
    doc.page.margins = margins;
  }
}
