/**
 * The demo company's targets (考核指标), so the KPI overview draws its target lines and marks the
 * misses at once: company targets for the KPIs that have numbers, a tighter damage target from two
 * weeks ago (a second version, so the history shows one), and the call centre's own first-response
 * target. Set through the module's use case as manager01, with a reason that says they are demo
 * values. Runs once, after the demo's parcels and tickets.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { companyDay } from '../domain/kpis/facts.js';
import type { Role } from '../domain/roles.js';
import { setTarget, type SetTargetInput } from '../modules/kpis/targets.js';

const COMPANY: [kpiId: string, value: number][] = [
  ['on_time_delivery_rate', 95],
  ['damage_rate', 1],
  ['loss_rate', 0.5],
  ['complaints_per_million', 50],
  ['first_response_time', 30],
  ['resolution_time', 1440],
  ['sla_attainment', 95],
  ['first_contact_resolution', 70],
  ['callback_completion', 90],
  ['csat', 85],
  // fen per 10,000 parcels: 50 yuan
  ['claim_amount_per_10k', 5000],
  // three days
  ['claim_cycle_time', 4320],
];

export async function seedDemoKpiTargets(db: Kysely<DB>, timeZone: string, now = new Date()): Promise<{ targets: number }> {
  const manager = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'department_id']).where('username', '=', 'manager01').executeTakeFirst();
  const callCentre = await db.selectFrom('departments').select('id').where('code', '=', 'CS-CALL').executeTakeFirst();
  if (!manager) return { targets: 0 };
  const actor = { kind: 'user' as const, id: manager.id, username: manager.username, displayName: manager.display_name, role: manager.role as Role, departmentId: manager.department_id, sessionId: 'demo-seed' };
  const day = (daysAgo: number) => companyDay(new Date(now.getTime() - daysAgo * 86_400_000), timeZone);
  const inputs: SetTargetInput[] = COMPANY.map(([kpiId, value]) => ({ kpiId, scope: { kind: 'company' }, value, validFrom: day(120), reason: '演示数据：年度考核目标' }));
  inputs.push({ kpiId: 'damage_rate', scope: { kind: 'company' }, value: 0.5, validFrom: day(14), reason: '演示数据：破损率目标收紧' });
  if (callCentre) inputs.push({ kpiId: 'first_response_time', scope: { kind: 'team', id: callCentre.id }, value: 20, validFrom: day(120), reason: '演示数据：呼叫中心首次响应目标' });
  for (const input of inputs) await setTarget({ db }, { actor, ip: null }, input);
  return { targets: inputs.length };
}
