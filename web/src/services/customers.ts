/**
 * Customers (客户, docs/product.md §5) as the console uses them: search, the customer view (客户360),
 * the commands on a record (each sends the version it read; a stale one is 409), the audited
 * reveal, merging and the customer tasks. Shapes are the static types of the server's schemas.
 */
import type { Static } from 'typebox';
import type * as Customers from '../../../src/modules/customers/schemas';
import { api, request } from '../api';

type Of<Name extends keyof typeof Customers> = Static<(typeof Customers)[Name]>;

export type CustomerSummary = Of<'CustomerSummary'>;
export type CustomerPage = Of<'CustomerPage'>;
export type CustomerView = Of<'CustomerView'>;
export type CustomerProfile = CustomerView['profile'];
export type CustomerContact = CustomerView['contacts'][number];
export type CustomerAddress = CustomerView['addresses'][number];
export type CustomerShipments = Of<'ShipmentsPage'>;
export type CustomerTask = Of<'Task'>;
export type RevealedCustomerRecord = Of<'Revealed'>;
export type CustomerCreateInput = Of<'CustomerCreate'>;
export type CustomerEditInput = Of<'CustomerEdit'>;
export type ContactInput = Of<'ContactInput'>;
export type AddressInput = Of<'AddressInput'>;
type Saved = Of<'Saved'>;

const base = (id: string) => `/api/customers/${encodeURIComponent(id)}`;

export function searchCustomers(query: { q?: string; mine?: boolean; page: number; pageSize: number }, signal?: AbortSignal): Promise<CustomerPage> {
  return api.get<CustomerPage>('/api/customers', { query: { ...query, mine: query.mine || undefined }, signal });
}

export function getCustomer(id: string, signal?: AbortSignal): Promise<CustomerView> {
  return api.get<CustomerView>(base(id), { signal });
}

export function moreShipments(id: string, before: string, signal?: AbortSignal): Promise<CustomerShipments> {
  return api.get<CustomerShipments>(`${base(id)}/shipments`, { query: { before }, signal });
}

export function createCustomer(input: CustomerCreateInput): Promise<Saved> {
  return api.post<Saved>('/api/customers', input);
}

export function editCustomer(id: string, input: CustomerEditInput): Promise<Saved> {
  return request<Saved>('PATCH', base(id), { body: input });
}

/** Unmasked personal data of the record. The server records every call in the audit log. */
export function revealCustomerRecord(id: string): Promise<RevealedCustomerRecord> {
  return api.post<RevealedCustomerRecord>(`${base(id)}/reveal`);
}

export function addContact(id: string, version: number, contact: ContactInput): Promise<Saved> {
  return api.post<Saved>(`${base(id)}/contacts`, { version, contact });
}

export function changeContact(id: string, contactId: string, version: number, contact: ContactInput): Promise<Saved> {
  return request<Saved>('PUT', `${base(id)}/contacts/${encodeURIComponent(contactId)}`, { body: { version, contact } });
}

export function removeContact(id: string, contactId: string, version: number): Promise<Saved> {
  return request<Saved>('DELETE', `${base(id)}/contacts/${encodeURIComponent(contactId)}`, { query: { version } });
}

export function addAddress(id: string, version: number, address: AddressInput): Promise<Saved> {
  return api.post<Saved>(`${base(id)}/addresses`, { version, address });
}

export function changeAddress(id: string, addressId: string, version: number, address: AddressInput): Promise<Saved> {
  return request<Saved>('PUT', `${base(id)}/addresses/${encodeURIComponent(addressId)}`, { body: { version, address } });
}

export function removeAddress(id: string, addressId: string, version: number): Promise<Saved> {
  return request<Saved>('DELETE', `${base(id)}/addresses/${encodeURIComponent(addressId)}`, { query: { version } });
}

export function addMonthlyAccount(id: string, version: number, accountNo: string): Promise<Saved> {
  return api.post<Saved>(`${base(id)}/monthly-accounts`, { version, accountNo });
}

export function mergeCustomer(id: string, input: { version: number; otherId: string; otherVersion: number; reason?: string }): Promise<Saved> {
  return api.post<Saved>(`${base(id)}/merge`, input);
}

export function listCustomerTasks(status: 'open' | 'done', signal?: AbortSignal): Promise<{ items: CustomerTask[] }> {
  return api.get<{ items: CustomerTask[] }>('/api/customer-tasks', { query: { status }, signal });
}

export function completeCustomerTask(id: string, note: string): Promise<unknown> {
  return api.post(`/api/customer-tasks/${encodeURIComponent(id)}/complete`, { note });
}

export function listAccountManagers(signal?: AbortSignal): Promise<{ items: { id: string; displayName: string }[] }> {
  return api.get<{ items: { id: string; displayName: string }[] }>('/api/customers/account-managers', { signal });
}

/** A stored monthly statistics report (月度统计分析表) of the customer, as the list gives it. */
export interface MonthlyReport {
  id: string;
  month: string;
  reportNo: string;
  generatedAt: string;
  trigger: 'schedule' | 'demand';
  generatedBy: string | null;
  shipments: number;
  onTimeRate: number | null;
}

export function listMonthlyReports(id: string, signal?: AbortSignal): Promise<{ items: MonthlyReport[] }> {
  return api.get<{ items: MonthlyReport[] }>(`${base(id)}/reports`, { signal });
}

export function generateMonthlyReport(id: string, month: string, email: boolean): Promise<MonthlyReport & { emailedTo: string | null }> {
  return api.post<MonthlyReport & { emailedTo: string | null }>(`${base(id)}/reports`, { month, email });
}

/** Where the browser downloads a report's file (the session cookie authorises the GET). */
export function monthlyReportUrl(id: string, reportId: string, format: 'pdf' | 'xlsx'): string {
  return `${base(id)}/reports/${encodeURIComponent(reportId)}/${format}`;
}

export type CustomerRequirements = CustomerView['requirements'];

/** The account manager's record of packaging requirements and choice factors, at the version read. */
export function setRequirements(id: string, version: number, input: CustomerRequirements): Promise<Saved> {
  return request<Saved>('PUT', `${base(id)}/requirements`, { body: { version, ...input } });
}

/** Sets the customer's tier by hand (customers.manage), with a reason and optionally its last day, at the version read. */
export function pinCustomerTier(id: string, input: { version: number; tier: 'standard' | 'key'; reason: string; until?: string | null }): Promise<Saved> {
  return request<Saved>('PUT', `${base(id)}/tier-pin`, { body: input });
}

/** Ends the tier set by hand: the tier rule decides again at its next run. */
export function unpinCustomerTier(id: string, version: number): Promise<Saved> {
  return request<Saved>('DELETE', `${base(id)}/tier-pin`, { query: { version } });
}
