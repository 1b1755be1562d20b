/**
 * Quality checks (质检): samples, reviews, disputes, calibration and the signals per agent. Shapes
 * are the static types of src/modules/quality/schemas.ts.
 */
import type { Static } from 'typebox';
import type * as Quality from '../../../src/modules/quality/schemas';
import { api } from '../api';

type Of<Name extends keyof typeof Quality> = Static<(typeof Quality)[Name]>;

export type Scorecard = Of<'Scorecard'>;
export type Assignment = Of<'Assignment'>;
export type AssignmentDetail = Of<'AssignmentDetail'>;
export type Review = Of<'Review'>;
export type ReviewDetail = Of<'ReviewDetail'>;
export type Calibration = Of<'Calibration'>;
export type CalibrationDetail = Of<'CalibrationDetail'>;
export type Signals = Of<'Signals'>;
export type ReviewInput = Of<'ReviewInput'>;

const at = (id: string) => encodeURIComponent(id);

export const listAssignments = (query: { week?: string; mine?: boolean; reviewed?: boolean; page?: number }, signal?: AbortSignal) =>
  api.get<{ items: Assignment[]; total: number }>('/api/quality/assignments', { query: { pageSize: 50, ...query }, signal });
export const getAssignment = (id: string, signal?: AbortSignal) => api.get<AssignmentDetail>(`/api/quality/assignments/${at(id)}`, { signal });
export const sampleNow = (input: { week?: string; teamId?: string }) => api.post<{ week: string; perAgent: number; created: Assignment[] }>('/api/quality/samples', input);
export const submitReview = (assignmentId: string, input: ReviewInput) => api.post<ReviewDetail>(`/api/quality/assignments/${at(assignmentId)}/review`, input);

export const listReviews = (query: { status?: string; calibrations?: boolean; page?: number }, signal?: AbortSignal) =>
  api.get<{ items: Review[]; total: number; averageScore: number | null }>('/api/quality/reviews', { query: { pageSize: 50, ...query }, signal });
export const getReview = (id: string, signal?: AbortSignal) => api.get<ReviewDetail>(`/api/quality/reviews/${at(id)}`, { signal });
export const disputeReview = (id: string, reason: string) => api.post<ReviewDetail>(`/api/quality/reviews/${at(id)}/dispute`, { reason });
export const decideDispute = (id: string, input: { outcome: 'uphold' | 'revise'; note: string; version: number; scores?: Record<string, number>; bonus?: string[] }) =>
  api.post<ReviewDetail>(`/api/quality/reviews/${at(id)}/decision`, input);

export const listCalibrations = (signal?: AbortSignal) => api.get<{ items: Calibration[]; total: number }>('/api/quality/calibrations', { query: { pageSize: 50 }, signal });
export const getCalibration = (id: string, signal?: AbortSignal) => api.get<CalibrationDetail>(`/api/quality/calibrations/${at(id)}`, { signal });
export const createCalibration = (input: { ticketId: string; title: string }) => api.post<CalibrationDetail>('/api/quality/calibrations', input);
export const scoreCalibration = (id: string, input: ReviewInput) => api.post<CalibrationDetail>(`/api/quality/calibrations/${at(id)}/reviews`, input);

export const getSignals = (query: { from: string; to: string }, signal?: AbortSignal) => api.get<Signals>('/api/quality/signals', { query, signal });
