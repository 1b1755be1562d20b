import { api } from '../api';
import type { TimeLimitPolicies, TimeLimitPolicy } from './types';

export interface NewTimeLimitPolicy {
  rules: Record<string, { value: number }>;
  /** Why the numbers change; required, kept with the version. */
  note: string;
  /** The version the change was made from; if another was saved since, the server refuses (409). */
  baseVersion: number;
}

export function getTimeLimitPolicies(signal?: AbortSignal): Promise<TimeLimitPolicies> {
  return api.get<TimeLimitPolicies>('/api/time-limit-policy', { signal });
}

/** Adds a new version; earlier versions are never rewritten. A stale `baseVersion` is refused with CONFLICT_STALE_VERSION. */
export function createTimeLimitPolicy(policy: NewTimeLimitPolicy): Promise<TimeLimitPolicy> {
  return api.post<TimeLimitPolicy>('/api/time-limit-policy', policy);
}
