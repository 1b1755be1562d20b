/**
 * Who may do what with supervision reports — the one place of this module that decides it, called
 * first by every use case (docs/architecture.md, "Who may").
 *
 * - Reports (list, read, download, generate): whoever reads the KPIs (`kpis.read`: supervisors,
 *   managers, admins). The numbers are company-wide like the KPI dashboard's, and a report names
 *   no confidential ticket, so there is no per-team rule beyond it.
 * - Subscription: one's own only (a row per user); the e-mail goes to the address on one's account.
 * - Recipients of a scheduled report: subscribers who are still active and still read the KPIs.
 */
import type { Actor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { can, isRole } from '../../domain/roles.js';

export type ReportUser = Extract<Actor, { kind: 'user' }>;

export function reportUserOf(actor: Actor | null): ReportUser {
  if (!actor || actor.kind !== 'user' || !can(actor.role, 'kpis.read')) throw new AppError('FORBIDDEN');
  return actor;
}

/** Whether a stored user may receive a report by e-mail now. */
export function mayReceive(user: { role: string; active: boolean; email: string | null }): boolean {
  return user.active && user.email !== null && user.email.trim() !== '' && isRole(user.role) && can(user.role, 'kpis.read');
}
