/**
 * What an agent's search box means (docs/product.md §2): the ways a query can name a ticket, and
 * the order its results come in. Pure: the repository turns each way into an indexed query.
 *
 * Agents type what the customer on the line tells them or what a list shows them:
 * - the ticket number (#100123), a waybill number, a full phone number — exact, ranked first;
 * - the customer's full name (陈玉鹏);
 * - the last four digits of the phone (3344, the same four digits the self-service check asks for),
 *   or a phone as the lists mask it (138****3344);
 * - part of the name: the surname alone (陈), a masked name from a list (陈**), a salutation
 *   (陈女士 → surname 陈), the start of a name (欧阳, 陈玉) or a two-character given name (玉鹏);
 * - words of the subject and the conversation.
 *
 * Decisions (tested in search.test.ts):
 * - A number is matched whole, never as part of another number: four digits are a ticket number
 *   and a phone's last four digits, never a fragment of a waybill number (PD…3344 is found by its
 *   whole number only), and a phone's middle digits find nothing.
 * - One character is a surname, never the last character of a given name: 鹏 does not find 陈玉鹏
 *   (a one-character given name is found with its surname: 李鹏).
 * - A given name is two characters (most Chinese given names; a one-character one is found with the
 *   surname), matched at the end of the name, so 玉鹏 finds 陈玉鹏 and 欧阳玉鹏.
 */
import { WAYBILL_PATTERN } from '../limits.js';
import { normalizeWaybillNo } from '../waybill.js';

/** How a result matched, best first: the order of the results (newest first within each). */
export const SEARCH_MATCHES = ['exact', 'name', 'phone_suffix', 'name_part', 'text'] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

/** The rank of a match: 1 for an exact number, 5 for words of the text. */
export const searchRank = (match: SearchMatch): number => SEARCH_MATCHES.indexOf(match) + 1;

export interface SearchTerms {
  /** exact: the ticket number (工单号), digits */
  ticketNumber: string | null;
  /** exact: a waybill number in its one spelling */
  waybillNo: string | null;
  /** exact: a whole phone number, digits */
  phone: string | null;
  /** the customer's full name as typed */
  fullName: string | null;
  /** the phone's last four digits, with the digits it starts with when the query gave them (138****3344) */
  phoneSuffix: { last4: string; startsWith: string | null } | null;
  /** part of a name: one character read as the surname */
  surname: string | null;
  /** part of a name: the start of the name, two characters or more (欧阳, 陈玉) */
  namePrefix: string | null;
  /** part of a name: a two-character given name, the end of the name (玉鹏) */
  givenName: string | null;
  /** whether the words of the query are looked up in the tickets' text */
  words: boolean;
}

const waybill = new RegExp(WAYBILL_PATTERN);
const HAN = /^\p{Script=Han}+$/u;
const LETTERS = /^\p{L}{1,20}$/u;
/** 先生, 女士, 小姐 after a surname: how customers give their name on the phone. */
const SALUTATION = /^(\p{Script=Han}{1,2})(先生|女士|小姐)$/u;
/** A name as the lists mask it: its first character(s), then stars (陈**). */
const MASKED_NAME = /^(\p{L}{1,2})[*＊]+$/u;
/** A phone as the lists mask it (138****3344), or only its end (****3344). */
const MASKED_PHONE = /^(\d{0,7})\*{1,8}(\d{4})$/;

/** The name parts a query names, or none. */
function nameParts(text: string): Pick<SearchTerms, 'surname' | 'namePrefix' | 'givenName'> {
  const none = { surname: null, namePrefix: null, givenName: null };
  const salutation = SALUTATION.exec(text) ?? MASKED_NAME.exec(text);
  // 陈女士, 陈**: the caller gave the surname (or its first two characters), nothing of the given name.
  const part = salutation ? salutation[1]! : LETTERS.test(text) ? text : null;
  if (part === null) return none;
  const chars = [...part];
  if (chars.length === 1) return { ...none, surname: part };
  const givenName = salutation === null && chars.length === 2 && HAN.test(part) ? part : null;
  return { ...none, namePrefix: part, givenName };
}

/** The ways a query names tickets (docs/product.md §2). */
export function searchTermsOf(query: string): SearchTerms {
  const typed = query.trim();
  // Full-width digits and letters from a Chinese input method are the same digits and letters.
  const text = typed.normalize('NFKC').trim();
  const hasDigit = /\d/.test(text);
  const ticketNumber = /^#?\d{1,15}$/.test(text) ? text.replace('#', '') : null;
  const waybillNo = waybill.test(normalizeWaybillNo(text)) ? normalizeWaybillNo(text) : null;
  const phone = /^\+?[0-9 -]{5,20}$/.test(text) ? text.replace(/\D/g, '') : null;
  const masked = MASKED_PHONE.exec(text.replace(/＊/g, '*'));
  const phoneSuffix = /^\d{4}$/.test(text)
    ? { last4: text, startsWith: null }
    : masked
      ? { last4: masked[2]!, startsWith: masked[1] || null }
      : null;
  // A number (ticket, waybill, phone) is looked up whole, never as a word of the text.
  const isNumber = hasDigit && (ticketNumber !== null || waybillNo !== null || phone !== null || phoneSuffix !== null);
  return {
    ticketNumber,
    waybillNo,
    phone: phone && phone.length >= 5 ? phone : null,
    fullName: hasDigit || typed === '' ? null : typed,
    phoneSuffix,
    ...(hasDigit ? { surname: null, namePrefix: null, givenName: null } : nameParts(text)),
    words: !isNumber,
  };
}
