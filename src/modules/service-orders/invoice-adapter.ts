/**
 * Issuing a service invoice (服务销售发票) to China's e-invoice platform, behind one interface like
 * the notification channels (`notifications/channels.ts`). ParcelDesk is not connected to the State
 * Taxation Administration's national unified e-invoice service platform (国家税务总局全国统一电子
 * 发票服务平台, the 数电票 platform): the default adapter records the invoice in this system, issues
 * nothing and says so — `platform()` is what the console shows beside every invoice, and
 * `issue()` answers `recorded` with no platform number. A company that connects the platform (itself
 * or through a certified service provider) writes an adapter with the same `issue` that answers
 * `issued` with the platform's invoice number, and `platform()` then says it is connected.
 *
 * The module calls `issue` after the invoice's transaction has committed (never inside it: it may
 * run twice), with the invoice as the pure rule wrote it (`domain/service-orders/quotation.ts`).
 */
import type { ServiceInvoice } from '../../domain/service-orders/quotation.js';

export interface InvoicePlatformStatus {
  /** true only when an adapter really hands invoices to the tax platform */
  connected: boolean;
  /** a stable code for the console's i18n: `not_connected` or `connected` */
  code: 'not_connected' | 'connected';
  /** what the console shows, in both languages */
  notice: { 'zh-CN': string; 'en-US': string };
}

export interface InvoiceIssueResult {
  /** issued: the platform accepted it and gave a number; recorded: kept in this system only */
  status: 'issued' | 'recorded';
  /** the platform's invoice number (数电票号码, 20 digits) when issued; null when recorded */
  platformInvoiceNo: string | null;
}

export interface InvoiceAdapter {
  platform(): InvoicePlatformStatus;
  issue(invoice: ServiceInvoice): Promise<InvoiceIssueResult>;
}

export const NOT_CONNECTED: InvoicePlatformStatus = {
  connected: false,
  code: 'not_connected',
  notice: {
    'zh-CN': '未接入国家税务总局全国统一电子发票服务平台，发票仅在本系统记录。',
    'en-US': "Not connected to the State Taxation Administration's national e-invoice platform: the invoice is recorded in this system only.",
  },
};

/** The default: records, issues nothing, and says so. */
export class RecordingInvoiceAdapter implements InvoiceAdapter {
  platform(): InvoicePlatformStatus {
    return NOT_CONNECTED;
  }

  async issue(): Promise<InvoiceIssueResult> {
    return { status: 'recorded', platformInvoiceNo: null };
  }
}

/** The adapter of a process. No configuration connects a platform yet, so it is always the recording one. */
export function defaultInvoiceAdapter(): InvoiceAdapter {
  return new RecordingInvoiceAdapter();
}
