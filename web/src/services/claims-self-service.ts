/**
 * The customer's side of claims (public, no sign-in; docs/product.md §3): open a claim after the
 * phone check, find one's claims again, follow the claims of a ticket with its secret link, upload
 * evidence for a checklist item, accept the offer or dispute it. Shapes are the static types of
 * src/modules/claims/schemas.ts (PublicClaimOpen … PublicClaims).
 */
import type { Static } from 'typebox';
import type * as Claims from '../../../src/modules/claims/schemas';
import { api } from '../api';

type Of<Name extends keyof typeof Claims> = Static<(typeof Claims)[Name]>;

export type PublicClaimInput = Of<'PublicClaimOpen'>;
export type PublicClaimOpened = Of<'PublicClaimOpened'>;
export type PublicClaimFound = Of<'PublicClaimLookupResult'>['claims'][number];
export type PublicClaims = Of<'PublicClaims'>;
export type PublicClaim = PublicClaims['claims'][number];

/** The description's longest (schemas.ts PublicClaimOpen). */
export const CLAIM_DESCRIPTION_MAX = 2000;
export const DISPUTE_REASON_MAX = 2000;

/** Where a customer follows the claims of a ticket: the page of its secret link. */
export function claimPath(token: string): string {
  return `/claim/t/${encodeURIComponent(token)}`;
}

export function openPublicClaim(input: PublicClaimInput): Promise<PublicClaimOpened> {
  return api.post('/api/public/claims', input);
}

export function lookupPublicClaims(input: { waybillNo: string; phoneLast4: string }): Promise<{ claims: PublicClaimFound[] }> {
  return api.post('/api/public/claims/lookup', input);
}

export function getPublicClaims(token: string, signal?: AbortSignal): Promise<PublicClaims> {
  return api.get<PublicClaims>(`/api/public/tickets/${encodeURIComponent(token)}/claims`, { signal });
}

/** A photo or a file for one item of the claim's checklist (its type is checked by the server). */
export function uploadClaimEvidence(token: string, claimId: string, item: string, file: File): Promise<{ evidenceId: string }> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post(`/api/public/tickets/${encodeURIComponent(token)}/claims/${encodeURIComponent(claimId)}/evidence?item=${encodeURIComponent(item)}`, form);
}

export function acceptClaimOffer(token: string, claimId: string): Promise<{ state: string }> {
  return api.post(`/api/public/tickets/${encodeURIComponent(token)}/claims/${encodeURIComponent(claimId)}/accept`, {});
}

export function disputeClaim(token: string, claimId: string, reason: string): Promise<{ state: string }> {
  return api.post(`/api/public/tickets/${encodeURIComponent(token)}/claims/${encodeURIComponent(claimId)}/dispute`, { reason });
}
