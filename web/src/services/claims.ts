/**
 * Claims (理赔, docs/product.md §3) as the console uses them: the list and the approval inbox, one
 * claim with what the caller may do to it (`can`), each step on it (a command sends the version it
 * read; a stale one is 409), a ticket's claims, and the claims policy. Money is whole fen. Shapes
 * are the static types of the server's schemas, so they cannot drift.
 */
import type { Static } from 'typebox';
import type * as Claims from '../../../src/modules/claims/schemas';
import type { ClaimsPolicy } from '../../../src/domain/claims/policy';
import { api, request, urlOf } from '../api';

type Of<Name extends keyof typeof Claims> = Static<(typeof Claims)[Name]>;

export type ClaimSummary = Of<'ClaimSummary'>;
export type ClaimDetail = Of<'ClaimDetail'>;
export type ClaimListQuery = Of<'ClaimList'>;
export type ClaimOpenInput = Of<'ClaimOpen'>;
export type LedgerEntry = Of<'LedgerEntry'>;
export type LedgerResult = Of<'LedgerResult'>;
export type ClaimCan = ClaimDetail['can'][number];
export type ChargebackQuery = Of<'ChargebackQuery'>;
export type ChargebackList = Of<'ChargebackList'>;
export type StationChargebacks = ChargebackList['stations'][number];
export type ChargebackEntry = StationChargebacks['entries'][number];
type Changed = Of<'Changed'>;
type Created = Of<'Created'>;

export type ClaimsRules = ClaimsPolicy['rules'];
export interface ClaimsPolicyVersion {
  version: number;
  rules: ClaimsRules;
  note: string;
  createdBy: string;
  createdAt: string;
}
export interface ClaimsPolicyHistory {
  current: ClaimsPolicyVersion;
  history: Omit<ClaimsPolicyVersion, 'rules'>[];
}

const base = (id: string) => `/api/claims/${encodeURIComponent(id)}`;

export function listClaims(query: ClaimListQuery, signal?: AbortSignal): Promise<ClaimSummary[]> {
  return api.get<ClaimSummary[]>('/api/claims', { query: { ...query }, signal });
}

/** A page of the approval inbox, oldest first; the next one after the claim `after`. */
export function approvalInbox(query: Of<'ClaimInboxQuery'>, signal?: AbortSignal): Promise<ClaimSummary[]> {
  return api.get<ClaimSummary[]>('/api/claims/inbox', { query: { ...query }, signal });
}

/** A month's chargebacks (追偿) per station (YYYY-MM in the company's zone), optionally one station's. */
export function listChargebacks(query: ChargebackQuery, signal?: AbortSignal): Promise<ChargebackList> {
  return api.get<ChargebackList>('/api/claims/chargebacks', { query: { ...query }, signal });
}

/** Where the browser downloads the same chargebacks as an XLSX workbook (the session cookie authorises the GET). */
export function chargebacksXlsxUrl(query: ChargebackQuery): string {
  return urlOf('/api/claims/chargebacks.xlsx', { ...query });
}

export function getClaim(id: string, signal?: AbortSignal): Promise<ClaimDetail> {
  return api.get<ClaimDetail>(base(id), { signal });
}

export function ticketClaims(ticketId: string, signal?: AbortSignal): Promise<ClaimSummary[]> {
  return api.get<ClaimSummary[]>(`/api/tickets/${encodeURIComponent(ticketId)}/claims`, { signal });
}

export function openClaim(ticketId: string, input: ClaimOpenInput): Promise<Created> {
  return api.post<Created>(`/api/tickets/${encodeURIComponent(ticketId)}/claims`, input);
}

export function attachEvidence(id: string, item: string, attachmentId: string): Promise<Created> {
  return api.post<Created>(`${base(id)}/evidence`, { item, attachmentId });
}

export function reviewEvidence(id: string, evidenceId: string, review: 'accepted' | 'rejected', reason?: string): Promise<Changed> {
  return api.post<Changed>(`${base(id)}/evidence/${encodeURIComponent(evidenceId)}/review`, { review, reason });
}

export function requestEvidence(id: string, version: number, message: string): Promise<Changed> {
  return api.post<Changed>(`${base(id)}/evidence-requests`, { message, version });
}

export function overrideProposal(id: string, version: number, amountFen: number, reason: string): Promise<Changed> {
  return api.post<Changed>(`${base(id)}/override`, { amountFen, reason, version });
}

export function decideClaim(id: string, decision: 'approve' | 'reject', version: number, reason?: string): Promise<Changed> {
  return api.post<Changed>(`${base(id)}/${decision}`, { reason: reason || undefined, version });
}

/** Each money step carries a key made once per dialog: a double click or a retry is answered, never paid twice. */
export function settleClaim(id: string, idempotencyKey: string, reference?: string): Promise<LedgerResult> {
  return api.post<LedgerResult>(`${base(id)}/settlement`, { reference: reference || undefined, idempotencyKey });
}

export function reverseEntry(id: string, idempotencyKey: string, entryId: string, reason: string): Promise<LedgerResult> {
  return api.post<LedgerResult>(`${base(id)}/reversals`, { entryId, reason, idempotencyKey });
}

export function decideResponsibility(id: string, version: number, station: string, reason: string): Promise<{ station: string; version: number }> {
  return api.post(`${base(id)}/responsibility`, { station, reason, version });
}

export function chargeBack(id: string, idempotencyKey: string, amountFen: number, reason: string): Promise<LedgerResult> {
  return api.post<LedgerResult>(`${base(id)}/chargebacks`, { amountFen, reason, idempotencyKey });
}

export function getClaimsPolicy(signal?: AbortSignal): Promise<ClaimsPolicyHistory> {
  return api.get<ClaimsPolicyHistory>('/api/claims-policy', { signal });
}

export function saveClaimsPolicy(rules: ClaimsRules, baseVersion: number, note: string): Promise<ClaimsPolicyVersion> {
  return request<ClaimsPolicyVersion>('PUT', '/api/claims-policy', { body: { rules, baseVersion, note } });
}
