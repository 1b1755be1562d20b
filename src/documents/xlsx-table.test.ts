import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tableWorkbook } from './xlsx-table.js';

async function read(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return { book, sheet, rows };
}

describe('a table workbook written without ExcelJS', () => {
  it('reads back in a spreadsheet reader: sheet name, bold header, text and numbers as typed, empty cells empty', async () => {
    const { book, sheet, rows } = await read(
      tableWorkbook({
        title: '损坏率 2026-03-01–2026-03-31',
        sheetName: '损坏率/网点:排名',
        header: ['名次', '网点', '损坏率（%）'],
        rows: [
          [1, '杭州转运中心', 0.75],
          [2, 'A&B <营业部> "西"', null],
          [3, 'bell\u0007 and tab\tkept', -1.5],
        ],
      }),
    );
    expect(sheet.name).toBe('损坏率 网点 排名');
    expect(book.title).toBe('损坏率 2026-03-01–2026-03-31');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(rows).toEqual([
      ['名次', '网点', '损坏率（%）'],
      [1, '杭州转运中心', 0.75],
      [2, 'A&B <营业部> "西"'],
      [3, 'bell and tab\tkept', -1.5],
    ]);
  });

  it('holds every row of a long ranking', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [i + 1, `站点${i}`, i / 7]);
    const { rows: back } = await read(tableWorkbook({ title: 't', sheetName: 's', header: ['a', 'b', 'c'], rows }));
    expect(back).toHaveLength(5001);
    expect(back[5000]).toEqual([5000, '站点4999', 4999 / 7]);
  });
});
