import { api, setCsrfToken } from '../api';
import type { Session } from './types';

function remember(session: Session): Session {
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signIn(username: string, password: string): Promise<Session> {
  return remember(await api.post<Session>('/api/auth/login', { username, password }));
}

/** The signed-in user, or null when this browser has no session (asked without a 401 in the console). */
export async function currentSession(signal?: AbortSignal): Promise<Session | null> {
  const { session } = await api.get<{ session: Session | null }>('/api/auth/session', { signal });
  return session ? remember(session) : null;
}

export async function signOut(): Promise<void> {
  try {
    await api.post<void>('/api/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}
