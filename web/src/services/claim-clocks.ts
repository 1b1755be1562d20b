/**
 * The claims' clocks on the supervisor's board (GET /api/claims/clock-board): shapes follow
 * src/modules/claims/schemas.ts (ClaimClockBoard).
 */
import { api } from '../api';

export type ClaimClockKind = 'answer' | 'payment' | 'complaint_ceiling';

export interface ClaimClockView {
  kind: ClaimClockKind;
  basis: 'calendar' | 'business';
  targetMinutes: number;
  status: 'running' | 'warning' | 'breached' | 'paused' | 'met' | 'missed';
  startedAt: string;
  dueAt: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  pausedAt: string | null;
  stoppedAt: string | null;
  usedMinutes: number;
}

export interface ClaimClockAlert {
  claimId: string;
  waybillNo: string;
  ticketId: string;
  type: string;
  state: string;
  clock: ClaimClockView;
}

export interface ClaimClockBoard {
  breached: ClaimClockAlert[];
  atRisk: ClaimClockAlert[];
  counts: { breached: number; atRisk: number };
}

export function getClaimClockBoard(signal?: AbortSignal): Promise<ClaimClockBoard> {
  return api.get<ClaimClockBoard>('/api/claims/clock-board', { signal });
}

export const claimPath = (id: string) => `/claims/${id}`;
