/**
 * Generated documents read back the way their readers' software reads them: a PDF's text through
 * pdf.js with no system fonts (the Chinese must be real text with its Unicode mapping, not shapes),
 * a workbook through exceljs.
 */
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of each page of a PDF, in reading order. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await pdf.destroy();
  return pages;
}

/** The text of a whole PDF, its pages joined by line breaks. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfPages(bytes)).join('\n');
}

/** Opens a workbook as a customer's spreadsheet would. */
export async function loadXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  // exceljs declares its own `Buffer extends ArrayBuffer`; Node's Buffer is what it reads.
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}
