/**
 * The Chinese font of every PDF ParcelDesk prints (the monthly report, the work plan, the service
 * invoice): Noto Sans SC (SIL Open Font License) as the npm package
 * `@expo-google-fonts/noto-sans-sc` ships it, resolved through the package, never a system path,
 * so a PDF renders the same after `npm install` on a bare machine. The TTFs are whole (10 MB each);
 * pdfkit embeds only the glyphs a document uses. Read once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

export type ReportFontWeight = keyof typeof FILES;

const loaded = new Map<ReportFontWeight, Buffer>();

/** The bytes of a weight of Noto Sans SC. */
export function reportFont(weight: ReportFontWeight): Buffer {
  let bytes = loaded.get(weight);
  if (!bytes) {
    bytes = readFileSync(require.resolve(FILES[weight]));
    loaded.set(weight, bytes);
  }
  return bytes;
}

/** The names a document registered the two weights under (`registerReportFonts`). */
export const FONT = { regular: 'NotoSansSC', bold: 'NotoSansSC-Bold' } as const;

/** Registers both weights of Noto Sans SC on a pdfkit document under `FONT`'s names and selects the regular one. */
export function registerReportFonts(doc: PDFKit.PDFDocument): void {
  doc.registerFont(FONT.regular, reportFont('regular'));
  doc.registerFont(FONT.bold, reportFont('bold'));
  doc.font(FONT.regular);
}

/** Collects a pdfkit document's output; resolves with the bytes once `doc.end()` has been called. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
