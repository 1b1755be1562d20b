import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, parseCsv, readTable, TableError } from '../../src/cli/read-table.js';
import { xlsx } from './xlsx-writer.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'parceldesk-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseCsv', () => {
  it('names columns from the header and numbers rows as the file shows them', () => {
    const table = parseCsv('waybill_no,运单备注\nPD1,"a, b"\n\nPD2,"two\nlines"\nPD3,x\n');
    expect(table.columns).toEqual(['waybill_no', '运单备注']);
    expect(table.rows).toEqual([
      { row: 2, cells: { waybill_no: 'PD1', 运单备注: 'a, b' } },
      { row: 3, cells: { waybill_no: '', 运单备注: null } },
      { row: 5, cells: { waybill_no: 'PD2', 运单备注: 'two\nlines' } },
      { row: 6, cells: { waybill_no: 'PD3', 运单备注: 'x' } },
    ]);
  });

  it('says what is wrong with a broken file', () => {
    expect(() => parseCsv('a,b\n"unterminated,1\n')).toThrow(TableError);
    expect(() => parseCsv('\n\n')).toThrow('the file has no header row');
  });
});

describe('decodeText', () => {
  it.each([
    { name: 'UTF-8', bytes: Buffer.from('运单号,寄件人\n', 'utf8') },
    { name: 'UTF-8 with a BOM', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('运单号,寄件人\n', 'utf8')]) },
    // 运单号,寄件人 as Excel on a Chinese Windows saves it (GBK)
    { name: 'GBK', bytes: Buffer.from([0xd4, 0xcb, 0xb5, 0xa5, 0xba, 0xc5, 0x2c, 0xbc, 0xc4, 0xbc, 0xfe, 0xc8, 0xcb, 0x0a]) },
  ])('reads $name', ({ bytes }) => {
    expect(decodeText(bytes)).toBe('运单号,寄件人\n');
  });
});

describe('readTable', () => {
  it('reads an XLSX sheet with numbers and text, by name or position', async () => {
    const file = path.join(dir, 'a.xlsx');
    writeFileSync(file, xlsx([['运单号', 'weight_g'], ['PD1', 1200]], '运单'));
    const expected = { columns: ['waybill_no', 'weight_g'], rows: [{ row: 2, cells: { waybill_no: 'PD1', weight_g: 1200 } }] };
    expect(await readTable(file)).toEqual(expected);
    expect(await readTable(file, { sheet: '运单' })).toEqual(expected);
    await expect(readTable(file, { sheet: '其他' })).rejects.toThrow(TableError);
  });

  it('refuses what it cannot read', async () => {
    const fake = path.join(dir, 'fake.xlsx');
    writeFileSync(fake, 'not a zip');
    await expect(readTable(fake)).rejects.toThrow(/not a readable XLSX file/);
    await expect(readTable(path.join(dir, 'missing.csv'))).rejects.toThrow(/cannot read .*ENOENT/);
    const other = path.join(dir, 'a.json');
    writeFileSync(other, '{}');
    await expect(readTable(other)).rejects.toThrow(/expected a \.csv or \.xlsx file/);
  });
});
