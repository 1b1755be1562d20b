/**
 * A month's chargebacks (追偿) as a workbook for the stations' accounts: one row per entry with its
 * station, waybill, claim type, kind (a reversal counts against the station) and amount in yuan,
 * who entered it, and each station's total; the same rows as the JSON list (read.ts `chargebacks`).
 */
import ExcelJS from 'exceljs';
import { xlsxBytes } from '../../../documents/xlsx.js';
import { CLAIM_TYPE_LABELS, LEDGER_KIND_LABELS, type ClaimType, type LedgerKind } from '../../../domain/claims/index.js';
import type { UserActor } from '../../tickets/service.js';
import type { ClaimDeps } from '../deps.js';
import { chargebacks } from './read.js';

const MONEY = '#,##0.00';

export async function chargebacksXlsx(deps: ClaimDeps, actor: UserActor, q: { month: string; station?: string }): Promise<{ fileName: string; bytes: Buffer }> {
  const list = await chargebacks(deps, actor, q);
  const book = new ExcelJS.Workbook();
  book.title = `${q.month} 追偿清单`;
  const sheet = book.addWorksheet('追偿清单');
  sheet.columns = [
    { header: '责任网点', width: 24 },
    { header: '运单号', width: 18 },
    { header: '理赔类型', width: 12 },
    { header: '类别', width: 10 },
    { header: '金额（元）', width: 14, style: { numFmt: MONEY } },
    { header: '说明', width: 40 },
    { header: '记账时间', width: 22 },
    { header: '经办人', width: 14 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const station of list.stations) {
    for (const e of station.entries as { waybillNo: string; type: string; kind: string; amountFen: number; reference: string; createdBy: string | null; createdAt: string }[]) {
      const sign = e.kind === 'reversal' ? -1 : 1;
      sheet.addRow([
        station.station,
        e.waybillNo,
        CLAIM_TYPE_LABELS[e.type as ClaimType]?.['zh-CN'] ?? e.type,
        LEDGER_KIND_LABELS[e.kind as LedgerKind]?.['zh-CN'] ?? e.kind,
        (sign * e.amountFen) / 100,
        e.reference,
        new Intl.DateTimeFormat('zh-CN', { timeZone: deps.timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(e.createdAt)),
        e.createdBy ?? '',
      ]);
    }
    const total = sheet.addRow([station.station, '合计', '', '', station.totalFen / 100, '', '', '']);
    total.font = { bold: true };
  }
  return { fileName: `chargebacks-${q.month}.xlsx`, bytes: await xlsxBytes(book) };
}
