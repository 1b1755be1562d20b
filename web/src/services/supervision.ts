/**
 * The supervisor's side of tickets: the SLA board and the callbacks (回访) queue. Shapes follow
 * src/modules/tickets/schemas.ts (Board, Callback); duty and the ticket shapes come from tickets.ts.
 */
import { api } from '../api';
import type { Callback, CallbackOutcome, TicketSummary } from './tickets';

export { completeCallback, listDuty, setDuty, type Callback, type CallbackOutcome, type DutyEntry } from './tickets';

export const CALLBACK_OUTCOMES: readonly CallbackOutcome[] = ['satisfied', 'unsatisfied', 'unreachable'];

export interface BoardCounts {
  open: number;
  unassigned: number;
  breached: number;
  atRisk: number;
  pendingDepartment: number;
  /** callbacks not made yet, as /callbacks lists them */
  callbacksPending: number;
  /** of those, the ones whose time has come */
  callbacksDue: number;
}

export interface Board {
  breached: TicketSummary[];
  atRisk: TicketSummary[];
  counts: BoardCounts;
  byTeam: { teamId: string | null; teamName: string | null; open: number; breached: number }[];
}

/** How many tickets each board list carries at most (the server's limit). */
export const BOARD_LIST_MAX = 50;

/** The server's upper bound of a person's ticket limit (schemas.ts DutyUpdate). */
export const CAPACITY_MAX = 500;

export function getBoard(signal?: AbortSignal): Promise<Board> {
  return api.get<Board>('/api/tickets/board', { signal });
}

/** `due`: only callbacks not done yet; otherwise the done ones too. */
export function listCallbacks(due: boolean, signal?: AbortSignal): Promise<Callback[]> {
  return api.get<Callback[]>('/api/callbacks', { query: { due, limit: 100 }, signal });
}
