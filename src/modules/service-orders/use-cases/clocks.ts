/**
 * The clocks of service notifications as people read them: one notification's (its display), and
 * the supervisor's board — the required starts and expected ends that breached or are past their
 * warning, beside the tickets' and claims' clocks. Only notifications the caller reads (access.ts).
 */
import { sql } from 'kysely';
import type { UserActor } from '../../tickets/service.js';
import { notificationFor, readableNotifications, requirePermission } from '../access.js';
import { clocksOf, presentServiceClock, serviceBoardQuery, serviceClockSettings, type ServiceClockAlertRow } from '../clocks.js';
import type { ServiceOrderDeps } from '../deps.js';

const BOARD_LIST_MAX = 50;

/** A notification's clocks (required start, expected end) with their status now. */
export async function notificationClocks(deps: ServiceOrderDeps, actor: UserActor, id: string) {
  const n = await notificationFor(deps.db, actor, id, 'read');
  const now = new Date();
  const [{ calendar, warnRatio }, rows] = await Promise.all([serviceClockSettings(deps), clocksOf(deps.db, n.id)]);
  return rows.map((r) => presentServiceClock(r, now, warnRatio, calendar));
}

/** The board's part for service notifications: breached and at-risk clocks, most urgent first, and how many of each. */
export async function serviceClockBoard(deps: ServiceOrderDeps, actor: UserActor) {
  requirePermission(actor, 'read');
  const now = new Date();
  const { calendar, warnRatio } = await serviceClockSettings(deps);
  const list = (which: 'breached' | 'atRisk') => serviceBoardQuery(deps.db, now, which).where(readableNotifications(actor)).limit(BOARD_LIST_MAX).execute();
  const count = (which: 'breached' | 'atRisk') =>
    serviceBoardQuery(deps.db, now, which)
      .where(readableNotifications(actor))
      .clearSelect()
      .clearOrderBy()
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
  const [breached, atRisk, breachedCount, atRiskCount] = await Promise.all([list('breached'), list('atRisk'), count('breached'), count('atRisk')]);
  const present = (r: ServiceClockAlertRow) => ({
    notificationId: r.notification_id,
    number: r.number,
    type: r.type as 'Z1' | 'Z2',
    shortText: r.short_text,
    workCenter: r.main_work_center_code,
    clock: presentServiceClock(r, now, warnRatio, calendar),
  });
  return { breached: breached.map(present), atRisk: atRisk.map(present), counts: { breached: Number(breachedCount.n), atRisk: Number(atRiskCount.n) } };
}
