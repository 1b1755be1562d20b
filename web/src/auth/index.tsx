/**
 * Who is signed in, and what they may do. The server decides permissions (`me.permissions`);
 * the console only reads them to hide what the user cannot use.
 */
import { Flex, Spin } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { isAbortError, setUnauthorizedHandler } from '../api';
import * as authService from '../services/auth';
import type { Me, Session } from '../services/types';
import type { Permission } from '../shared';
import { setCompanyTimeZone } from '../time-zone';

/** Why nobody is signed in: a session that expired sends the user back where they were. */
type SignedOutReason = 'required' | 'signedOut';

interface AuthContextValue {
  me: Me | null;
  /** False until the first /api/auth/me answered (asked only once a page needs to know). */
  ready: boolean;
  /** Asks /api/auth/me once, for pages that depend on who is signed in (never the public ones). */
  requireSession: () => void;
  signedOutReason: SignedOutReason;
  can: (permission: Permission) => boolean;
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** The session's user; its company time zone is set first, so the console's first render shows times in it. */
function userOf(session: Session): Me;
function userOf(session: Session | null): Me | null;
function userOf(session: Session | null): Me | null {
  setCompanyTimeZone(session?.timeZone ?? null);
  return session?.user ?? null;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  const [signedOutReason, setSignedOutReason] = useState<SignedOutReason>('required');
  // The public pages (tracking, self-service) never ask who is signed in: the answer for a
  // customer is a 401, which the browser prints as an error on a page that has none.
  const [wanted, setWanted] = useState(false);
  const requireSession = useCallback(() => setWanted(true), []);

  useEffect(() => {
    if (!wanted) return;
    setUnauthorizedHandler(() => {
      setSignedOutReason('required');
      setCompanyTimeZone(null);
      setMe(null);
    });
    const controller = new AbortController();
    authService
      .currentSession(controller.signal)
      .then((session) => setMe(userOf(session)))
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        setCompanyTimeZone(null);
        setMe(null);
      })
      .finally(() => {
        if (!controller.signal.aborted) setReady(true);
      });
    return () => {
      controller.abort();
      setUnauthorizedHandler(null);
    };
  }, [wanted]);

  const signIn = useCallback(async (username: string, password: string) => {
    const session = await authService.signIn(username, password);
    setSignedOutReason('required');
    const user = userOf(session);
    setMe(user);
    return user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authService.signOut();
    } finally {
      setSignedOutReason('signedOut');
      setCompanyTimeZone(null);
      setMe(null);
    }
  }, []);

  const can = useCallback((permission: Permission) => me?.permissions.includes(permission) ?? false, [me]);

  const value = useMemo(
    () => ({ me, ready, requireSession, signedOutReason, can, signIn, signOut }),
    [me, ready, requireSession, signedOutReason, can, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('AuthProvider is missing');
  return value;
}

/** The signed-in user; only for components rendered inside RequireAuth. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe() outside RequireAuth');
  return me;
}

export interface LoginLocationState {
  from?: { pathname: string; search: string; hash: string };
}

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Renders its children for a signed-in user; anyone else goes to /login and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, ready, requireSession, signedOutReason } = useAuth();
  const location = useLocation();
  useEffect(requireSession, [requireSession]);
  if (!ready) return <FullPageSpin />;
  if (!me) {
    const state: LoginLocationState | undefined =
      signedOutReason === 'required'
        ? { from: { pathname: location.pathname, search: location.search, hash: location.hash } }
        : undefined;
    return <Navigate to="/login" replace state={state} />;
  }
  return <>{children}</>;
}
