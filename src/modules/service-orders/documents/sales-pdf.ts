/**
 * The paid-service documents as PDFs for the customer, A4 portrait with Noto Sans SC embedded: the
 * quotation (服务报价单, the service sales order the customer confirms) and the service invoice
 * (服务销售发票). Both print the buyer and seller, the lines (quantity, unit price, amount, rate,
 * tax), the tax by rate and 价税合计 in figures and in capitals (大写); the quotation adds its
 * validity and how to confirm it, the invoice the acceptance it rests on (验收确认). The numbers are
 * the pure rule's (`domain/service-orders/quotation.ts`); this only lays them out.
 *
 * The invoice tells the truth about what it is: unless the invoice adapter issued it to the tax
 * platform and gave a platform number, a box under the title says it is recorded in this system
 * only and is not a tax invoice (`invoice-adapter.ts`).
 */
import PDFDocument from 'pdfkit';
import { amountInWords } from '../../../domain/service-orders/amount-in-words.js';
import { ratePercent, yuan, type QuoteLine, type QuoteTotals, type ServiceInvoice } from '../../../domain/service-orders/quotation.js';
import { LINE_KIND_LABELS } from '../../../domain/service-orders/vat.js';
import { FONT, pdfBytes, registerReportFonts } from '../../../documents/fonts.js';
import { dayHeading, formatWall } from './work-plan.js';

type Doc = PDFKit.PDFDocument;

export interface SalesParty {
  name: string;
  taxId: string | null;
  address: string | null;
  phone: string | null;
}

export interface ServiceInvoiceDocumentInput {
  invoice: ServiceInvoice;
  /** the company name in the header */
  carrier: { name: string; hotline: string | null };
  timeZone: string;
  /** what the invoice adapter answered: null platform number = recorded here only */
  platform: { connected: boolean; platformInvoiceNo: string | null; notice: string };
}

export interface QuotationDocumentInput {
  quote: {
    number: string;
    notificationNo: string;
    writtenAt: Date;
    /** the last local day it may be confirmed (YYYY-MM-DD) */
    validUntil: string;
    lines: QuoteLine[];
    totals: QuoteTotals;
  };
  buyer: SalesParty;
  seller: { name: string; taxId: string | null };
  carrier: { name: string; hotline: string | null };
  timeZone: string;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 42, right: 42, top: 60, bottom: 56 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const COLOR = { brand: '#0B4F8A', brandLight: '#DCE8F4', warn: '#9A3412', warnLight: '#FFF4E5', text: '#1F2933', muted: '#6B7785', rule: '#C9D1DA', zebra: '#F5F7FA' };
const PAD = 4;

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** What differs between the quotation and the invoice; the rest is laid out alike. */
interface SalesDocumentSpec {
  title: string;
  numberLabel: string;
  number: string;
  createdAt: Date;
  /** a warning box under the title, or null */
  warning: string | null;
  facts: [string, string][];
  buyer: SalesParty;
  seller: { name: string; taxId: string | null };
  carrier: { name: string; hotline: string | null };
  lines: QuoteLine[];
  totals: QuoteTotals;
  /** draws what follows the totals from y; returns the y below it */
  after: (doc: Doc, y: number) => number;
}

export async function renderServiceInvoicePdf(input: ServiceInvoiceDocumentInput): Promise<Buffer> {
  const { invoice } = input;
  const issuedOnPlatform = input.platform.connected && input.platform.platformInvoiceNo !== null;
  return salesDocument({
    title: '服务销售发票',
    numberLabel: '发票号码',
    number: invoice.number,
    createdAt: invoice.issuedAt,
    warning: issuedOnPlatform ? null : `${input.platform.notice}本单据是本系统的服务结算记录，不是税务机关监制的发票，不能作为报销或抵扣凭证。`,
    facts: [
      ['发票号码', invoice.number],
      ['开票日期', formatWall(invoice.issuedAt, input.timeZone).slice(0, 10)],
      ['报价单号', invoice.quotationNo],
      ['服务通知单号', invoice.notificationNo],
      ...(issuedOnPlatform ? ([['电子发票号码', input.platform.platformInvoiceNo!]] as [string, string][]) : []),
    ],
    buyer: invoice.buyer,
    seller: invoice.seller,
    carrier: input.carrier,
    lines: invoice.lines,
    totals: invoice.totals,
    after: (doc, top) => {
      // the acceptance it rests on
      const y = ensureRoom(doc, top, 70);
      const a = invoice.acceptance;
      const how = { on_site: '现场签字验收', phone: '电话确认验收', self_service: '在自助服务页面确认验收' }[a.channel];
      doc.font(FONT.bold).fontSize(10).fillColor(COLOR.text).text('验收确认', MARGIN.left, y, { lineBreak: false });
      doc.font(FONT.regular).fontSize(9).fillColor(COLOR.text);
      doc.text(`客户 ${a.acceptedBy} 于 ${formatWall(a.acceptedAt, input.timeZone)} ${how}。${a.remarks ? `验收意见：${a.remarks}` : ''}`, MARGIN.left, y + 16, { width: CONTENT_WIDTH });
      return doc.y + 14;
    },
  });
}

/**
 * The quotation the customer confirms before the work is done (服务销售订单): its validity, and
 * that the visit's work starts only once it is confirmed. It is an offer, not a bill.
 */
export async function renderQuotationPdf(input: QuotationDocumentInput): Promise<Buffer> {
  const { quote } = input;
  return salesDocument({
    title: '服务报价单',
    numberLabel: '报价单号',
    number: quote.number,
    createdAt: quote.writtenAt,
    warning: null,
    facts: [
      ['报价单号', quote.number],
      ['报价日期', formatWall(quote.writtenAt, input.timeZone).slice(0, 10)],
      ['服务通知单号', quote.notificationNo],
      ['有效期至', dayHeading(quote.validUntil, true)],
    ],
    buyer: input.buyer,
    seller: input.seller,
    carrier: input.carrier,
    lines: quote.lines,
    totals: quote.totals,
    after: (doc, top) => {
      const y = ensureRoom(doc, top, 70);
      doc.font(FONT.bold).fontSize(10).fillColor(COLOR.text).text('报价确认', MARGIN.left, y, { lineBreak: false });
      doc.font(FONT.regular).fontSize(9).fillColor(COLOR.text);
      const hotline = input.carrier.hotline ? `，或致电客服热线 ${input.carrier.hotline} 由客服代为登记` : '';
      doc.text(
        `本报价有效期至 ${dayHeading(quote.validUntil, true)}，逾期须重新报价。请在自助服务页面确认或拒绝本报价${hotline}；经您确认后方安排上门服务，服务完成并经您验收确认后开具服务销售发票。`,
        MARGIN.left,
        y + 16,
        { width: CONTENT_WIDTH },
      );
      return doc.y + 14;
    },
  });
}

async function salesDocument(spec: SalesDocumentSpec): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    info: { Title: `${spec.title} ${spec.number}`, Author: spec.carrier.name, Subject: spec.title, Creator: 'ParcelDesk', CreationDate: spec.createdAt },
  });
  const done = pdfBytes(doc);
  registerReportFonts(doc);

  let y = MARGIN.top;
  doc.font(FONT.bold).fontSize(20).fillColor(COLOR.text).text(spec.title, MARGIN.left, y, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
  y += 34;

  if (spec.warning) {
    doc.font(FONT.regular).fontSize(9);
    const h = doc.heightOfString(spec.warning, { width: CONTENT_WIDTH - 20 }) + 12;
    doc.roundedRect(MARGIN.left, y, CONTENT_WIDTH, h, 3).fillAndStroke(COLOR.warnLight, '#F5C58A');
    doc.fillColor(COLOR.warn).text(spec.warning, MARGIN.left + 10, y + 6, { width: CONTENT_WIDTH - 20 });
    y += h + 10;
  }

  // number, dates, references
  const half = CONTENT_WIDTH / 2;
  spec.facts.forEach(([label, value], i) => {
    const x = MARGIN.left + (i % 2) * half;
    const rowY = y + Math.floor(i / 2) * 16;
    doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted).text(label, x, rowY, { lineBreak: false });
    doc.font(FONT.bold).fontSize(9.5).fillColor(COLOR.text).text(value, x + 72, rowY - 0.5, { lineBreak: false });
  });
  y += Math.ceil(spec.facts.length / 2) * 16 + 8;

  // buyer and seller side by side
  const party = (title: string, lines: [string, string | null][], x: number, width: number): number => {
    doc.font(FONT.regular).fontSize(9);
    const rows = lines.filter((l): l is [string, string] => l[1] !== null && l[1] !== '');
    const heights = rows.map(([, v]) => doc.heightOfString(v, { width: width - 84 }));
    const h = 24 + heights.reduce((s, v) => s + v + 3, 0) + 6;
    doc.rect(x, y, width, h).lineWidth(0.6).strokeColor(COLOR.rule).stroke();
    doc.rect(x, y, width, 18).fill(COLOR.brandLight);
    doc.font(FONT.bold).fontSize(9.5).fillColor(COLOR.brand).text(title, x + 8, y + 4, { lineBreak: false });
    let rowY = y + 24;
    rows.forEach(([label, value], i) => {
      doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted).text(label, x + 8, rowY, { lineBreak: false });
      doc.fillColor(COLOR.text).text(value, x + 76, rowY, { width: width - 84 });
      rowY += heights[i]! + 3;
    });
    return h;
  };
  const gap = 12;
  const boxWidth = (CONTENT_WIDTH - gap) / 2;
  const buyerHeight = party('购买方', [['名称', spec.buyer.name], ['纳税人识别号', spec.buyer.taxId], ['地址', spec.buyer.address], ['电话', spec.buyer.phone]], MARGIN.left, boxWidth);
  const sellerHeight = party('销售方', [['名称', spec.seller.name], ['纳税人识别号', spec.seller.taxId], ['客服热线', spec.carrier.hotline]], MARGIN.left + boxWidth + gap, boxWidth);
  y += Math.max(buyerHeight, sellerHeight) + 14;

  // the lines
  const columns: Column[] = [
    { title: '序号', width: 28, align: 'center' },
    { title: '项目名称', width: 0 },
    { title: '数量', width: 44, align: 'right' },
    { title: '单位', width: 32, align: 'center' },
    { title: '单价', width: 56, align: 'right' },
    { title: '金额', width: 64, align: 'right' },
    { title: '税率', width: 36, align: 'right' },
    { title: '税额', width: 56, align: 'right' },
  ];
  columns[1]!.width = CONTENT_WIDTH - columns.reduce((s, c) => s + c.width, 0);
  const rows = spec.lines.map((l, i) => [
    String(i + 1),
    l.description.startsWith(LINE_KIND_LABELS[l.kind].zh) ? l.description : `${LINE_KIND_LABELS[l.kind].zh}：${l.description}`,
    quantityText(l.quantity),
    l.unit,
    yuan(l.unitPriceFen),
    yuan(l.amountFen),
    ratePercent(l.rateBp),
    yuan(l.taxFen),
  ]);
  y = table(doc, columns, rows, y);

  // tax by rate and the totals
  const summary: string[][] = spec.totals.byRate.map((g) => ['', `其中税率 ${ratePercent(g.rateBp)}`, '', '', '', yuan(g.netFen), ratePercent(g.rateBp), yuan(g.taxFen)]);
  summary.push(['', '合计', '', '', '', `¥${yuan(spec.totals.netFen)}`, '', `¥${yuan(spec.totals.taxFen)}`]);
  y = table(doc, columns, summary, y, { header: false, bold: (r) => r === summary.length - 1 });

  y = ensureRoom(doc, y + 4, 30);
  doc.rect(MARGIN.left, y, CONTENT_WIDTH, 26).fill(COLOR.brandLight);
  doc.font(FONT.regular).fontSize(9.5).fillColor(COLOR.muted).text('价税合计（大写）', MARGIN.left + 8, y + 7, { lineBreak: false });
  doc.font(FONT.bold).fontSize(10.5).fillColor(COLOR.text).text(`ⓧ ${amountInWords(spec.totals.grossFen)}`, MARGIN.left + 96, y + 6, { lineBreak: false });
  const figures = `（小写）¥${yuan(spec.totals.grossFen)}`;
  doc.font(FONT.bold).fontSize(10.5);
  doc.text(figures, MARGIN.left + CONTENT_WIDTH - 8 - doc.widthOfString(figures), y + 6, { lineBreak: false });
  y += 38;

  y = spec.after(doc, y);

  y = ensureRoom(doc, y, 40);
  doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted);
  doc.text('金额单位：元。单价与金额不含税；税额按每一行的金额乘以税率，四舍五入到分；合计为各行之和。', MARGIN.left, y, { width: CONTENT_WIDTH });

  // header and footer on every page
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    doc.rect(0, 0, PAGE.width, 5).fill(COLOR.brand);
    doc.font(FONT.bold).fontSize(10).fillColor(COLOR.brand).text(spec.carrier.name, MARGIN.left, 22, { lineBreak: false });
    doc.font(FONT.regular).fontSize(8).fillColor(COLOR.muted);
    const page = `第 ${i - range.start + 1} 页 / 共 ${range.count} 页`;
    doc.text(`${spec.numberLabel} ${spec.number}`, MARGIN.left, PAGE.height - 36, { lineBreak: false });
    doc.text(page, PAGE.width - MARGIN.right - doc.widthOfString(page), PAGE.height - 36, { lineBreak: false });
    doc.page.margins = margins;
  }
  doc.end();
  return done;
}

function quantityText(quantity: number): string {
  return Number.isInteger(quantity) ? String(quantity) : quantity.toFixed(3).replace(/0+$/, '');
}

function ensureRoom(doc: Doc, y: number, needed: number): number {
  if (y + needed <= BOTTOM) return y;
  doc.addPage();
  return MARGIN.top;
}

/** Rows grow with their text (a long item name wraps); the header repeats on a new page. */
function table(doc: Doc, columns: Column[], rows: string[][], y: number, options: { header?: boolean; bold?: (r: number) => boolean } = {}): number {
  const width = columns.reduce((s, c) => s + c.width, 0);
  const header = (top: number): number => {
    doc.rect(MARGIN.left, top, width, 18).fill(COLOR.brand);
    doc.font(FONT.bold).fontSize(8.5).fillColor('#FFFFFF');
    let x = MARGIN.left;
    for (const c of columns) {
      doc.text(c.title, x + PAD, top + 4.5, { width: c.width - PAD * 2, align: c.align ?? 'left', lineBreak: false });
      x += c.width;
    }
    return top + 18;
  };
  let top = options.header === false ? y : header(y);
  rows.forEach((row, r) => {
    const font = options.bold?.(r) ? FONT.bold : FONT.regular;
    doc.font(font).fontSize(8.5);
    const height = Math.max(18, ...row.map((text, i) => doc.heightOfString(text, { width: columns[i]!.width - PAD * 2 }) + PAD * 2 + 1));
    if (top + height > BOTTOM) {
      doc.addPage();
      top = header(MARGIN.top);
    }
    if (r % 2 === 1 && options.header !== false) doc.rect(MARGIN.left, top, width, height).fill(COLOR.zebra);
    let x = MARGIN.left;
    columns.forEach((c, i) => {
      doc.font(font).fontSize(8.5).fillColor(COLOR.text).text(row[i] ?? '', x + PAD, top + PAD + 0.5, { width: c.width - PAD * 2, align: c.align ?? 'left' });
      x += c.width;
    });
    doc.moveTo(MARGIN.left, top + height).lineTo(MARGIN.left + width, top + height).lineWidth(0.4).strokeColor(COLOR.rule).stroke();
    top += height;
  });
  return top;
}
