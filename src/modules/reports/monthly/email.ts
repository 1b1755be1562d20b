/**
 * The e-mail that carries a customer's monthly report (月度统计分析表): its subject, a short
 * letter in Chinese with the month's headline numbers, and the PDF and XLSX as files. What the
 * report job queues in the outbox (`notifications/outbox.ts` queueEmail) for a customer with an
 * address.
 */
import { monthlyTotals, monthTitle, type MonthlyReportData } from './report.js';

export interface ReportFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export const PDF_TYPE = 'application/pdf';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** '杭州云帆电子商务有限公司-2026年11月-月度统计分析表' (characters file systems refuse replaced by _). */
export function monthlyReportFileStem(data: MonthlyReportData): string {
  const customer =
    [...data.customer.name]
      .map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c))
      .join('')
      .trim() || data.customer.account;
  return `${customer}-${monthTitle(data.period.month)}-月度统计分析表`;
}

export function monthlyReportEmail(data: MonthlyReportData, files: { pdf: Buffer; xlsx: Buffer }): { subject: string; body: string; attachments: ReportFile[] } {
  const t = monthlyTotals(data);
  const month = monthTitle(data.period.month);
  const manager = data.customer.accountManager;
  const contact = [
    manager ? `您的客户经理${manager.name}${manager.phone ? `（${manager.phone}）` : ''}` : null,
    data.carrier.hotline ? `客服热线 ${data.carrier.hotline}` : null,
  ].filter((line): line is string => line !== null);
  const onTime = t.onTimeRate === null ? '本月无签收件' : `准时签收率 ${(t.onTimeRate * 100).toFixed(1)}%`;
  const body = [
    `尊敬的${data.customer.name}：`,
    '',
    `您好！附件是贵司${month}的月度统计分析表（PDF 与 Excel 各一份），请查收。`,
    `本月发件 ${t.shipments.toLocaleString('zh-CN')} 件，${onTime}。`,
    ...(contact.length > 0 ? [`如有疑问，请联系${contact.join('，或拨打')}。`] : []),
    '',
    `${data.carrier.name}客服中心`,
  ].join('\n');
  const stem = monthlyReportFileStem(data);
  return {
    subject: `${data.customer.name} ${month}月度统计分析表`,
    body,
    attachments: [
      { fileName: `${stem}.pdf`, contentType: PDF_TYPE, content: files.pdf },
      { fileName: `${stem}.xlsx`, contentType: XLSX_TYPE, content: files.xlsx },
    ],
  };
}
