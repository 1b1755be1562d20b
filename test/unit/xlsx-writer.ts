/**
 * A minimal one-sheet XLSX of `rows` for tests of the import (the first row as the header), written
 * by the same writer as the dashboards' exports (src/documents/xlsx-table.ts).
 */
import { tableWorkbook } from '../../src/documents/xlsx-table.js';

export function xlsx(rows: (string | number | null)[][], sheetName = 'Sheet1'): Buffer {
  return tableWorkbook({ title: sheetName, sheetName, header: rows[0] ?? [], rows: rows.slice(1) });
}
