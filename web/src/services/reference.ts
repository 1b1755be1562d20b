/**
 * Reference data admins and managers edit (src/modules/reference): ticket codes, the phrase
 * library and its guard, the business calendar and the SLA policy.
 */
import { api, request } from '../api';
import type {
  ForbiddenCategory,
  MatchMode,
  PhraseSituation,
  SlaPolicy,
  TimeWindow,
} from '../shared';

// ---- Ticket codes ----

export type TicketCodeKind = 'category' | 'cause';

export interface TicketCode {
  code: string;
  kind: TicketCodeKind;
  nameZh: string;
  nameEn: string;
  active: boolean;
  sort: number;
}

export function listTicketCodes(signal?: AbortSignal): Promise<{ items: TicketCode[] }> {
  return api.get('/api/admin/ticket-codes', { signal });
}

export function createTicketCode(body: { code: string; kind: TicketCodeKind; nameZh: string; nameEn: string; sort?: number }): Promise<TicketCode> {
  return api.post('/api/admin/ticket-codes', body);
}

export function updateTicketCode(
  code: string,
  body: Partial<Pick<TicketCode, 'nameZh' | 'nameEn' | 'active' | 'sort'>>,
): Promise<TicketCode> {
  return api.patch(`/api/admin/ticket-codes/${encodeURIComponent(code)}`, body);
}

// ---- Standard phrases ----

export interface StandardPhrase {
  id: string;
  key: string;
  situation: PhraseSituation;
  title: string;
  text: string;
  source: string;
  active: boolean;
  sort: number;
  updatedAt: string;
}

export function listStandardPhrases(signal?: AbortSignal): Promise<{ items: StandardPhrase[] }> {
  return api.get('/api/admin/phrases/standard', { signal });
}

export function createStandardPhrase(body: { situation: PhraseSituation; title: string; text: string; source?: string }): Promise<StandardPhrase> {
  return api.post('/api/admin/phrases/standard', body);
}

export function updateStandardPhrase(
  id: string,
  body: Partial<Pick<StandardPhrase, 'situation' | 'title' | 'text' | 'active' | 'sort'>>,
): Promise<StandardPhrase> {
  return api.patch(`/api/admin/phrases/standard/${id}`, body);
}

// ---- Forbidden phrases and the guard ----

export type GuardMode = 'block' | 'warn';

export interface ForbiddenPhrase {
  id: string;
  phrase: string;
  normalized: string;
  category: ForbiddenCategory;
  match: MatchMode;
  source: string;
  active: boolean;
  updatedAt: string;
}

export interface PhraseHitSpan {
  phrase: string;
  category: ForbiddenCategory;
  start: number;
  end: number;
}

export interface PhraseCheck {
  mode: GuardMode;
  hits: PhraseHitSpan[];
  allowed: boolean;
}

export function listForbiddenPhrases(signal?: AbortSignal): Promise<{ items: ForbiddenPhrase[] }> {
  return api.get('/api/admin/phrases/forbidden', { signal });
}

export function createForbiddenPhrase(body: { phrase: string; category: ForbiddenCategory; match: MatchMode; source?: string }): Promise<ForbiddenPhrase> {
  return api.post('/api/admin/phrases/forbidden', body);
}

export function updateForbiddenPhrase(
  id: string,
  body: Partial<Pick<ForbiddenPhrase, 'phrase' | 'category' | 'match' | 'active'>>,
): Promise<ForbiddenPhrase> {
  return api.patch(`/api/admin/phrases/forbidden/${id}`, body);
}

export function getPhraseGuard(signal?: AbortSignal): Promise<{ mode: GuardMode }> {
  return api.get('/api/admin/phrase-guard', { signal });
}

export function setPhraseGuard(mode: GuardMode): Promise<{ mode: GuardMode }> {
  return request('PUT', '/api/admin/phrase-guard', { body: { mode } });
}

/** The live check the reply box uses; records nothing. */
export function checkPhrases(text: string, signal?: AbortSignal): Promise<PhraseCheck> {
  return api.post('/api/phrases/check', { text }, { signal });
}

// ---- Business calendar ----

export interface CalendarSettings {
  timeZone: string;
  workingHours: TimeWindow[];
  callbackHours: TimeWindow[];
}

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
  source: string;
}

export function getCalendar(signal?: AbortSignal): Promise<CalendarSettings> {
  return api.get('/api/admin/calendar', { signal });
}

export function setCalendar(body: CalendarSettings): Promise<CalendarSettings> {
  return request('PUT', '/api/admin/calendar', { body });
}

export function listCalendarDays(year: number, signal?: AbortSignal): Promise<{ items: CalendarDay[]; years: number[] }> {
  return api.get('/api/admin/calendar/days', { query: { year }, signal });
}

export function putCalendarDay(date: string, body: { kind: CalendarDayKind; name: string; source?: string }): Promise<CalendarDay> {
  return request('PUT', `/api/admin/calendar/days/${date}`, { body });
}

export function deleteCalendarDay(date: string): Promise<void> {
  return api.delete(`/api/admin/calendar/days/${date}`);
}

// ---- SLA policy ----

export interface SlaPolicyVersion {
  version: number;
  note: string;
  createdBy: string;
  createdAt: string;
}

export interface SlaPolicyView extends SlaPolicyVersion {
  policy: SlaPolicy;
  versions: SlaPolicyVersion[];
}

export function getSlaPolicy(signal?: AbortSignal): Promise<SlaPolicyView> {
  return api.get('/api/admin/sla-policy', { signal });
}

export function getSlaPolicyVersion(version: number, signal?: AbortSignal): Promise<SlaPolicyVersion & { policy: SlaPolicy }> {
  return api.get(`/api/admin/sla-policy/${version}`, { signal });
}

/** Saves a new version; earlier versions are never rewritten. */
export function saveSlaPolicy(policy: SlaPolicy, note: string, baseVersion: number): Promise<SlaPolicyView> {
  return request('PUT', '/api/admin/sla-policy', { body: { policy, note, baseVersion } });
}
