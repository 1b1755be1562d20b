/**
 * Sign-in throttling: after `maxFailures` wrong passwords in a row, sign-in for that account name
 * from that client address is locked for `lockMinutes` (modules/auth/service.ts keeps one state per
 * name and address). Pure: the caller passes the stored state and `now`, and persists the result.
 */

export interface SignInGuardPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export interface SignInGuardState {
  failedSignIns: number;
  lockedUntil: Date | null;
}

export function isLocked(state: SignInGuardState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more wrong password; `locked` is true when this failure locks the account. */
export function afterFailedSignIn(
  state: SignInGuardState,
  now: Date,
  policy: SignInGuardPolicy,
): SignInGuardState & { locked: boolean } {
  // A lock that has run out starts a fresh count: the user gets the full number of tries again.
  const expired = state.lockedUntil !== null && !isLocked(state, now);
  const failedSignIns = (expired ? 0 : state.failedSignIns) + 1;
  if (failedSignIns >= policy.maxFailures) {
    return { failedSignIns, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000), locked: true };
  }
  return { failedSignIns, lockedUntil: expired ? null : state.lockedUntil, locked: false };
}

export const AFTER_SUCCESSFUL_SIGN_IN: SignInGuardState = { failedSignIns: 0, lockedUntil: null };
