import { describe, expect, it } from 'vitest';
import { issueServiceInvoice } from '../../domain/service-orders/quotation.js';
import { asciiPunctuationBesideChinese } from '../../domain/text.js';
import { defaultInvoiceAdapter, type InvoiceAdapter } from './invoice-adapter.js';

function anInvoice() {
  const issued = issueServiceInvoice({
    quote: { number: 'BJ202612-000007', notificationNo: '100000000042', state: 'accepted', lines: [{ kind: 'labour', description: '更换活动柜锁', quantity: 1, unit: '次', unitPriceFen: 10_000, taxCategory: 'repair' }] },
    acceptance: { acceptedAt: new Date('2026-12-10T08:00:00Z'), acceptedBy: '王女士', channel: 'on_site', remarks: null },
    number: 'FW202612-000042',
    issuedAt: new Date('2026-12-10T09:00:00Z'),
    buyer: { name: '王女士', taxId: null, address: null, phone: null },
    seller: { name: '捷达速运杭州服务中心', taxId: null },
  });
  if (!issued.ok) throw new Error(issued.code);
  return issued.invoice;
}

describe('the default invoice adapter', () => {
  const adapter: InvoiceAdapter = defaultInvoiceAdapter();

  it('records the invoice and issues nothing: no platform number', async () => {
    expect(await adapter.issue(anInvoice())).toEqual({ status: 'recorded', platformInvoiceNo: null });
  });

  it('says plainly, in both languages, that the tax platform is not connected', () => {
    const status = adapter.platform();
    expect(status.connected).toBe(false);
    expect(status.code).toBe('not_connected');
    expect(status.notice['zh-CN']).toBe('未接入国家税务总局全国统一电子发票服务平台，发票仅在本系统记录。');
    expect(status.notice['en-US']).toMatch(/not connected/i);
    expect(asciiPunctuationBesideChinese(status.notice['zh-CN'])).toEqual([]);
  });
});
