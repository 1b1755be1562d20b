/**
 * The e-mail that carries a supervision report to a subscriber: subject, a short letter with the
 * standings that missed their targets, and the PDF and XLSX attached (queued in the outbox).
 */
import { kpiValueText, targetText } from './format.js';
import type { SupervisionReportData } from './gather.js';
import { reportTitle, scopeTitle } from './pdf.js';

export const PDF_TYPE = 'application/pdf';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** '客服呼叫中心-2026年11月-服务监督月报' (characters file systems refuse replaced by _). */
export function supervisionFileStem(data: SupervisionReportData): string {
  const scope = [...scopeTitle(data)].map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('');
  return `${scope}-${data.period.title.replace(/（.*）/, '')}-${reportTitle(data)}`;
}

export function supervisionReportEmail(data: SupervisionReportData, files: { pdf: Buffer; xlsx: Buffer }, recipientName: string) {
  const missed = data.kpis.filter((k) => k.standing === 'missed');
  const complaints = data.causes.reduce((s, c) => s + c.count, 0);
  const body = [
    `${recipientName}：`,
    '',
    `附件是${scopeTitle(data)}${data.period.title}的${reportTitle(data)}（PDF 与 Excel 各一份）。`,
    `本期受理投诉 ${complaints.toLocaleString('zh-CN')} 件，重点投诉 ${data.notable.length} 件。`,
    missed.length === 0
      ? '设有目标的指标本期均已达标，或尚未设定目标。'
      : `未达标的指标：${missed.map((k) => `${k.name['zh-CN']} ${kpiValueText(k.unit, k.value)}（目标 ${targetText(k)}）`).join('；')}。`,
    '',
    '您订阅了服务监督报告；如不再需要，可在控制台“服务监督报告”页取消订阅。',
    `${data.carrier}客服管理部`,
  ].join('\n');
  const stem = supervisionFileStem(data);
  return {
    subject: `${scopeTitle(data)} ${data.period.title.replace(/（.*）/, '')}${reportTitle(data)}`,
    body,
    attachments: [
      { fileName: `${stem}.pdf`, contentType: PDF_TYPE, content: files.pdf },
      { fileName: `${stem}.xlsx`, contentType: XLSX_TYPE, content: files.xlsx },
    ],
  };
}
