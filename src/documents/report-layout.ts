/**
 * The layout every A4 report ParcelDesk prints shares (the customer's monthly statistics report,
 * the supervision report): page and margins, the palette, a section heading, a page break when a
 * block will not fit, and the page furniture — a brand bar, the carrier and the title at the top,
 * the report number, an optional line of small print and 第 n 页 / 共 m 页 at the foot of every page.
 */
import { FONT } from './fonts.js';

type Doc = PDFKit.PDFDocument;

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = { left: 42, right: 42, top: 64, bottom: 60 };
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const BOTTOM = PAGE.height - MARGIN.bottom;

export const COLOR = {
  brand: '#0B4F8A',
  brandLight: '#DCE8F4',
  accent: '#E8772E',
  text: '#1F2933',
  muted: '#6B7785',
  grid: '#E3E7EC',
  rule: '#C9D1DA',
  zebra: '#F5F7FA',
  /** a second series beside the brand's: weekend days, the last period */
  secondary: '#8FB3D6',
  good: '#2E8B57',
  bad: '#C0392B',
};

/** `y` when `needed` points fit above the bottom margin, else the top of a new page. */
export function ensureRoom(doc: Doc, y: number, needed: number): number {
  if (y + needed <= BOTTOM) return y;
  doc.addPage();
  return MARGIN.top + 4;
}

/** A section heading with the brand's bar; returns where its content starts. */
export function section(doc: Doc, title: string, y: number): number {
  doc.rect(MARGIN.left, y, 3.5, 14).fill(COLOR.brand);
  doc.font(FONT.bold).fontSize(12).fillColor(COLOR.text).text(title, MARGIN.left + 10, y - 1.5, { lineBreak: false });
  return y + 20;
}

export interface Furniture {
  /** top left, in the brand's colour: the carrier */
  carrier: string;
  /** top right: what the report is, for whom, for when */
  title: string;
  /** bottom left: the report number and what goes with it */
  footer: string;
  /** small print under the footer, if any */
  smallPrint?: string;
}

/** Writes the header and footer on every page of a document made with `bufferPages: true`. */
export function pageFurniture(doc: Doc, f: Furniture): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing outside the margins must not open a new page.
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    doc.rect(0, 0, PAGE.width, 6).fill(COLOR.brand);
    doc.font(FONT.bold).fontSize(10).fillColor(COLOR.brand).text(f.carrier, MARGIN.left, 22, { lineBreak: false });
    doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.muted);
    doc.text(f.title, PAGE.width - MARGIN.right - doc.widthOfString(f.title), 24, { lineBreak: false });
    doc.moveTo(MARGIN.left, 42).lineTo(PAGE.width - MARGIN.right, 42).lineWidth(0.6).strokeColor(COLOR.rule).stroke();

    const footY = PAGE.height - 44;
    doc.moveTo(MARGIN.left, footY - 6).lineTo(PAGE.width - MARGIN.right, footY - 6).lineWidth(0.6).strokeColor(COLOR.rule).stroke();
    doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted);
    doc.text(f.footer, MARGIN.left, footY, { lineBreak: false });
    const page = `第 ${i - range.start + 1} 页 / 共 ${range.count} 页`;
    doc.text(page, PAGE.width - MARGIN.right - doc.widthOfString(page), footY, { lineBreak: false });
    if (f.smallPrint) doc.fontSize(7).text(f.smallPrint, MARGIN.left, footY + 12, { lineBreak: false });
    doc.page.margins = margins;
  }
}
