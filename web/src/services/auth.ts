import { api, setCsrfToken } from '../api';
import type { Session } from './types';

function remember(session: Session): Session {
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signIn(username: string, password: string): Promise<Session> {
  return remember(await api.post<Session>('/api/auth/login', { username, password }));
}

/** The signed-in user, or an ApiError 401 AUTH_REQUIRED when there is no session. */
export async function currentSession(signal?: AbortSignal): Promise<Session> {
  return remember(await api.get<Session>('/api/auth/me', { signal }));
}

export async function signOut(): Promise<void> {
  try {
    await api.post<void>('/api/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}
