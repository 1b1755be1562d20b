/**
 * Reads a CSV or XLSX file as a header row and data rows keyed by column name, with the row numbers
 * a person sees when opening the file (the header is row 1). CSV may be UTF-8 (with or without a
 * BOM) or GB18030/GBK, as Excel on a Chinese Windows saves it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { columnName, type Cell, type RowRecord } from './import-rows.js';

export interface Table {
  /** column names as read from the header (see columnName) */
  columns: string[];
  rows: { row: number; cells: RowRecord }[];
}

export class TableError extends Error {}

export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // Not UTF-8: Excel's "CSV" on a Chinese system writes GB18030 (a superset of GBK).
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function toTable(records: { row: number; cells: Cell[] }[]): Table {
  const header = records.find((r) => r.cells.some((c) => c !== null && c !== undefined && String(c).trim() !== ''));
  if (!header) throw new TableError('the file has no header row');
  const columns = header.cells.map(columnName);
  const rows = records
    .filter((r) => r.row > header.row)
    .map(({ row, cells }) => ({
      row,
      cells: Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? null]).filter(([column]) => column !== '')) as RowRecord,
    }));
  return { columns, rows };
}

export function parseCsv(text: string): Table {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: false }) as unknown as typeof records;
  } catch (err) {
    throw new TableError(`not a readable CSV file: ${(err as Error).message}`);
  }
  return toTable(records.map(({ record, info }) => ({ row: info.lines, cells: record })));
}

export async function readTable(file: string, options: { sheet?: string } = {}): Promise<Table> {
  const extension = path.extname(file).toLowerCase();
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new TableError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (extension === '.csv' || extension === '.txt') return parseCsv(decodeText(bytes));
  if (extension === '.xlsx') {
    let data: unknown[][];
    try {
      const sheet = options.sheet === undefined ? undefined : /^\d+$/.test(options.sheet) ? Number(options.sheet) : options.sheet;
      data = (sheet === undefined ? await readSheet(bytes) : await readSheet(bytes, sheet)) as unknown[][];
    } catch (err) {
      throw new TableError(`not a readable XLSX file${options.sheet ? ` (or no sheet "${options.sheet}")` : ''}: ${(err as Error).message}`);
    }
    return toTable(data.map((cells, i) => ({ row: i + 1, cells: cells as Cell[] })));
  }
  throw new TableError(`${file}: expected a .csv or .xlsx file`);
}
