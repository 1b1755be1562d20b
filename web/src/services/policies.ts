import { api } from '../api';
import type { TimeLimitPolicies, TimeLimitPolicy } from './types';

export interface NewTimeLimitPolicy {
  rules: Record<string, { value: number }>;
  /** Why the numbers change; required, kept with the version. */
  note: string;
}

export function getTimeLimitPolicies(signal?: AbortSignal): Promise<TimeLimitPolicies> {
  return api.get<TimeLimitPolicies>('/api/time-limit-policy', { signal });
}

/** Adds a new version; earlier versions are never rewritten. */
export function createTimeLimitPolicy(policy: NewTimeLimitPolicy): Promise<TimeLimitPolicy> {
  return api.post<TimeLimitPolicy>('/api/time-limit-policy', policy);
}
