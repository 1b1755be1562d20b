/** Translated labels for values the server sends as codes. */
import { isMessageKey, type Translate } from './i18n';
import type { Role } from './shared';

export function roleLabel(t: Translate, role: Role): string {
  return t(`role.${role}`);
}

/** Known audit actions get their label; an action the console does not know yet shows its code. */
export function auditActionLabel(t: Translate, action: string): string {
  const key = `auditAction.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

export function subjectTypeLabel(t: Translate, subjectType: string): string {
  const key = `subjectType.${subjectType}`;
  return isMessageKey(key) ? t(key) : subjectType;
}

/** Audit actions recorded by the server so far (the action filter offers them). */
export const KNOWN_AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.locked',
  'user.create',
  'user.update',
  'user.password_reset',
  'user.unlock',
  'api_key.create',
  'api_key.revoke',
] as const;
