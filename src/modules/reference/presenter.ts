/** Rows of the reference tables → API shapes; database rows never leave this file. */
import type { AdminForbiddenPhrase, AdminStandardPhrase, AdminTicketCode, CalendarDay, PhraseHit } from './schemas.js';
import type { CalendarDayRow, ForbiddenPhraseRow, PhraseHitRow, StandardPhraseRow, TicketCodeRow } from './repository.js';

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export function presentTicketCode(row: TicketCodeRow) {
  return { code: row.code, kind: row.kind as 'category' | 'cause', nameZh: row.name_zh, nameEn: row.name_en };
}

export function presentAdminTicketCode(row: TicketCodeRow): AdminTicketCode {
  return { ...presentTicketCode(row), active: row.active, sort: row.sort };
}

export function presentStandardPhrase(row: StandardPhraseRow) {
  return { id: row.id, key: row.key, situation: row.situation as AdminStandardPhrase['situation'], title: row.title, text: row.text };
}

export function presentAdminStandardPhrase(row: StandardPhraseRow): AdminStandardPhrase {
  return { ...presentStandardPhrase(row), source: row.source, active: row.active, sort: row.sort, updatedAt: iso(row.updated_at) };
}

export function presentForbiddenPhrase(row: ForbiddenPhraseRow): AdminForbiddenPhrase {
  return {
    id: row.id,
    phrase: row.phrase,
    normalized: row.normalized,
    category: row.category as AdminForbiddenPhrase['category'],
    match: row.match as AdminForbiddenPhrase['match'],
    source: row.source,
    active: row.active,
    updatedAt: iso(row.updated_at),
  };
}

export function presentPhraseHit(row: PhraseHitRow): PhraseHit {
  return {
    id: row.id,
    at: iso(row.at),
    userId: row.user_id,
    userName: row.user_name,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number === null ? null : Number(row.ticket_number),
    phrase: row.phrase,
    category: row.category,
    excerpt: row.excerpt,
    blocked: row.blocked,
  };
}

export function presentCalendarDay(row: CalendarDayRow): CalendarDay {
  return { date: row.date, kind: row.kind as CalendarDay['kind'], name: row.name, source: row.source };
}

export function presentSlaPolicyVersion(row: { version: number; note: string; created_by: string; created_at: Date }) {
  return { version: row.version, note: row.note, createdBy: row.created_by, createdAt: iso(row.created_at) };
}
