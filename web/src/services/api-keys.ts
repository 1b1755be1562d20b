import { api } from '../api';
import type { AnyRole } from '../shared';
import type { ApiKey, IssuedApiKey } from './types';

export function listApiKeys(signal?: AbortSignal): Promise<{ items: ApiKey[] }> {
  return api.get<{ items: ApiKey[] }>('/api/api-keys', { signal });
}

/** The answer holds the secret: show it once, keep it nowhere. */
export function issueApiKey(key: { name: string; role: AnyRole }): Promise<IssuedApiKey> {
  return api.post<IssuedApiKey>('/api/api-keys', key);
}

export function revokeApiKey(id: string): Promise<ApiKey> {
  return api.delete<ApiKey>(`/api/api-keys/${encodeURIComponent(id)}`);
}
