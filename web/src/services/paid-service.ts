/**
 * Paid after-sales service (docs/product.md §4 "Paid service") as the console and the customer's
 * page use it: a notification's quotations and their steps, the acceptance, the invoice and the two
 * PDFs; the quotation's page behind the customer's link. Shapes are the server's schemas.
 */
import type { Static } from 'typebox';
import type * as Paid from '../../../src/modules/service-orders/schemas-paid';
import { api, request } from '../api';

type Of<Name extends keyof typeof Paid> = Static<(typeof Paid)[Name]>;

export type QuotationList = Of<'QuotationList'>;
export type Quotation = QuotationList['quotations'][number];
export type QuotationInput = Of<'QuotationInput'>;
export type QuoteLineInput = Of<'QuoteLineInput'>;
export type QuotationMoved = Of<'QuotationMoved'>;
export type InvoiceWritten = Of<'InvoiceWritten'>;
export type PublicQuotation = Of<'PublicQuotation'>;
export type DeskMove = Of<'QuotationMove'>['action'];

const base = (id: string) => `/api/service-orders/${encodeURIComponent(id)}/quotations`;
const one = (id: string, quotationId: string) => `${base(id)}/${encodeURIComponent(quotationId)}`;

export const listQuotations = (id: string, signal?: AbortSignal) => api.get<QuotationList>(base(id), { signal });
export const createQuotation = (id: string, input: QuotationInput) => api.post<{ id: string; number: string; version: number }>(base(id), input);
export const editQuotation = (id: string, quotationId: string, input: QuotationInput & { version: number }) => request<{ id: string; version: number }>('PUT', one(id, quotationId), { body: input });
export const moveQuotation = (id: string, quotationId: string, body: { version: number; action: DeskMove; note?: string }) => api.post<QuotationMoved>(`${one(id, quotationId)}/moves`, body);
export const newQuoteLink = (id: string, quotationId: string, version: number) => api.post<QuotationMoved>(`${one(id, quotationId)}/link`, { version });
export const recordPhoneAnswer = (id: string, quotationId: string, body: { version: number; answer: 'confirm' | 'decline'; note?: string }) => api.post<QuotationMoved>(`${one(id, quotationId)}/phone-answer`, body);
export const recordAcceptance = (id: string, quotationId: string, body: { version: number; channel: 'on_site' | 'phone'; acceptedBy: string; acceptedAt?: string; remarks?: string }) =>
  api.post<QuotationMoved>(`${one(id, quotationId)}/acceptance`, body);
export const writeInvoice = (id: string, quotationId: string, version: number) => api.post<InvoiceWritten>(`${one(id, quotationId)}/invoice`, { version });

/** Where the browser downloads the PDFs (the session cookie authorises the GET). */
export const quotationPdfUrl = (id: string, quotationId: string) => `${one(id, quotationId)}/pdf`;
export const invoicePdfUrl = (id: string, quotationId: string) => `${one(id, quotationId)}/invoice.pdf`;

// ---------------------------------------------------------------- the customer's page
const publicBase = (token: string) => `/api/public/service-quotes/${encodeURIComponent(token)}`;
export const openPublicQuotation = (token: string, phoneLast4: string) => api.post<PublicQuotation>(publicBase(token), { phoneLast4 });
export const answerPublicQuotation = (token: string, body: { phoneLast4: string; answer: 'confirm' | 'decline'; reason?: string }) => api.post<{ state: string }>(`${publicBase(token)}/answer`, body);
export const acceptPublicVisit = (token: string, body: { phoneLast4: string; name: string; remarks?: string }) => api.post<{ state: string }>(`${publicBase(token)}/acceptance`, body);
