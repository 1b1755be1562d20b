import { api } from '../api';
import type { ExceptionPage } from './types';

export interface ExceptionQuery {
  kind?: string;
  /** true: not cleared yet; false: all. */
  open: boolean;
  site?: string;
  province?: string;
  page: number;
  pageSize: number;
}

export function listExceptions(query: ExceptionQuery, signal?: AbortSignal): Promise<ExceptionPage> {
  return api.get<ExceptionPage>('/api/exceptions', { query: { ...query }, signal });
}
