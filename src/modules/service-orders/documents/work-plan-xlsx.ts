/**
 * The work plan (工作计划表) as a workbook, for the assistant who rearranges it: one sheet, a title
 * block, then one row per visit with its date (a real date) beside the columns of the printed plan,
 * texts wrapped, the header frozen and repeated on every printed page (A4 landscape, one page wide).
 * A day without visits keeps a row saying so, so the week stays visible.
 */
import ExcelJS from 'exceljs';
import { xlsxBytes } from '../../../documents/xlsx.js';
import type { WorkPlanModel } from './work-plan.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0B4F8A' } };
const URGENT_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFC2410C' } };
const TITLE_ROWS = 4;

export const WORK_PLAN_SHEET = '工作计划表';

export async function renderWorkPlanXlsx(model: WorkPlanModel): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = model.carrier;
  book.title = `${model.title} ${model.workCenter} ${model.period}`;
  const ws = book.addWorksheet(WORK_PLAN_SHEET, {
    views: [{ state: 'frozen', ySplit: TITLE_ROWS + 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${TITLE_ROWS + 1}:${TITLE_ROWS + 1}` },
  });
  const columns = [{ title: '日期', width: 12 }, ...model.columns.map((c) => ({ title: c.title, width: Math.max(6, Math.round(c.width * 1.6)) }))];
  ws.columns = columns.map((c) => ({ width: c.width }));

  ws.getCell('A1').value = `${model.carrier} ${model.title}`;
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A2').value = `工作中心：${model.workCenter}\u3000日期：${model.period}`;
  ws.getCell('A3').value = model.summary;
  ws.getCell('A3').font = { bold: true };
  ws.getCell('A4').value = `打印时间：${model.generatedAt}`;
  ws.getCell('A4').font = { color: { argb: 'FF6B7785' } };

  const header = ws.getRow(TITLE_ROWS + 1);
  header.values = columns.map((c) => c.title);
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.alignment = { vertical: 'middle' };
  });

  for (const day of model.days) {
    const date = new Date(`${day.date}T00:00:00Z`);
    if (day.rows.length === 0) {
      const row = ws.addRow([date, '', '当天无安排']);
      row.getCell(1).numFmt = 'yyyy-mm-dd';
      row.font = { color: { argb: 'FF6B7785' } };
      continue;
    }
    day.rows.forEach((r, i) => {
      const row = ws.addRow([date, ...model.columns.map((c) => (c.key === 'seq' ? Number(r.seq) : r[c.key]))]);
      row.getCell(1).numFmt = 'yyyy-mm-dd';
      row.alignment = { vertical: 'top', wrapText: true };
      if (day.urgent[i]) row.getCell(1 + model.columns.findIndex((c) => c.key === 'type') + 1).font = URGENT_FONT;
    });
  }
  ws.autoFilter = { from: { row: TITLE_ROWS + 1, column: 1 }, to: { row: TITLE_ROWS + 1, column: columns.length } };
  return xlsxBytes(book);
}
