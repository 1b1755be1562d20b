import type { TicketDeps } from './deps.js';

/** The calendar and SLA policy a command runs under, read (cached) before its transaction. */
export async function loadSettings(deps: TicketDeps) {
  const [calendar, sla] = await Promise.all([deps.reference.calendar(deps.db), deps.reference.slaPolicy(deps.db)]);
  return { calendar, policy: sla.policy, policyVersion: sla.version };
}

export type Settings = Awaited<ReturnType<typeof loadSettings>>;
