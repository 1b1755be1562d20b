/**
 * Customer self-service (public, no sign-in): open a query or complaint about a waybill after the
 * phone check, find one's tickets again, follow one with its secret link, reply and rate.
 * Shapes are the static types of src/modules/tickets/schemas.ts (PublicTicketCreate … PublicRating).
 */
import type { Static } from 'typebox';
import type * as Tickets from '../../../src/modules/tickets/schemas';
import { api } from '../api';

export type PublicTicketKind = 'query' | 'complaint';
export const PUBLIC_TICKET_KINDS: readonly PublicTicketKind[] = ['query', 'complaint'];

/** The server's bounds of what a customer writes (schemas.ts). */
export const PUBLIC_TEXT_MIN = 5;
export { PUBLIC_TEXT_MAX, PUBLIC_TEXT_MAX as PUBLIC_REPLY_MAX, CUSTOMER_NAME_MAX as PUBLIC_NAME_MAX, RATING_REASON_MAX } from '../shared';
/** docs/product.md §5: a rating below this needs a reason (src/modules/tickets/use-cases/self-service.ts LOW_RATING_THRESHOLD). */
export const LOW_RATING_THRESHOLD = 3;
/** The shortest reason the server accepts for a low rating. */
export const RATING_REASON_MIN = 2;

export interface PublicTicketInput {
  waybillNo: string;
  phoneLast4: string;
  kind: PublicTicketKind;
  text: string;
  contactName?: string;
}

type Of<Name extends keyof typeof Tickets> = Static<(typeof Tickets)[Name]>;

export type PublicTicketSummary = Of<'PublicLookupResult'>['tickets'][number];
export type PublicTicket = Of<'PublicTicket'>;
/** Who wrote an entry: the customer, staff (named by role only) or the system. */
export type PublicAuthor = Of<'PublicAuthor'>;
export type PublicMessage = PublicTicket['messages'][number];

/** Where a customer follows a ticket: the page of its secret link. */
export function followPath(token: string): string {
  return `/service/t/${encodeURIComponent(token)}`;
}

/** `joined`: the message went to the customer's case about this waybill that is still open (its number). */
export function openPublicTicket(input: PublicTicketInput): Promise<{ number: string; token: string; joined: boolean }> {
  return api.post('/api/public/tickets', input);
}

/** The customer's tickets about a waybill, and the company's time zone to show their times in. */
export function lookupPublicTickets(input: { waybillNo: string; phoneLast4: string }): Promise<{ tickets: PublicTicketSummary[]; timeZone: string }> {
  return api.post('/api/public/tickets/lookup', input);
}

export function getPublicTicket(token: string, signal?: AbortSignal): Promise<PublicTicket> {
  return api.get<PublicTicket>(`/api/public/tickets/${encodeURIComponent(token)}`, { signal });
}

export function replyToPublicTicket(token: string, body: string): Promise<void> {
  return api.post<void>(`/api/public/tickets/${encodeURIComponent(token)}/replies`, { body });
}

export function ratePublicTicket(token: string, input: { rating: number; reason?: string }): Promise<void> {
  return api.post<void>(`/api/public/tickets/${encodeURIComponent(token)}/rating`, input);
}

/** A photo of the damage or a signed slip, to the customer's own ticket (type checked by the server). */
export function uploadPublicPhoto(token: string, file: File): Promise<{ id: string; fileName: string }> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post(`/api/public/tickets/${encodeURIComponent(token)}/attachments`, form);
}
