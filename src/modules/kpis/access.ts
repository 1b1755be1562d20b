/**
 * Who may read whose KPIs and set targets: the one place of the KPI module that decides it, called
 * first by every use case that names a person or changes a target (docs/architecture.md, "Who
 * may, route by route").
 *
 * - The company's numbers (overview, series, rankings, drill-down): the role permission
 *   `kpis.read`, decided by the route; no per-record rule.
 * - An agent's assessment (考核): everyone reads their own; whoever reads KPIs (`kpis.read`) also
 *   reads their own department's people (a supervisor, their team); whoever also sets policies
 *   (`policies.manage`: managers, the admin) reads everyone's. Anyone else's is refused (403
 *   `KPI_ASSESSMENT_FORBIDDEN`); an unknown person is 404 `KPI_PERSON_NOT_FOUND`.
 * - Targets: set by `policies.manage` (managers, the admin), read by `kpis.read`.
 */
import type { Actor } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';

/** Whose assessments a caller reads: everyone's, one department's (and their own), or only their own. */
export type AssessmentReach = { kind: 'everyone' } | { kind: 'department'; departmentId: string; selfId: string } | { kind: 'self'; selfId: string };

export function assessmentReach(actor: Actor | null): AssessmentReach {
  if (!actor || actor.kind !== 'user') throw new AppError('FORBIDDEN');
  if (can(actor.role, 'kpis.read') && can(actor.role, 'policies.manage')) return { kind: 'everyone' };
  if (can(actor.role, 'kpis.read') && actor.departmentId) return { kind: 'department', departmentId: actor.departmentId, selfId: actor.id };
  return { kind: 'self', selfId: actor.id };
}

/** Whether the reach covers a person. */
export function reaches(reach: AssessmentReach, person: { id: string; departmentId: string | null }): boolean {
  if (reach.kind === 'everyone') return true;
  if (person.id === reach.selfId) return true;
  return reach.kind === 'department' && person.departmentId === reach.departmentId;
}

/** Refuses (403) an assessment the caller may not read; the person must exist (checked by the caller: 404). */
export function checkAssessment(actor: Actor | null, person: { id: string; departmentId: string | null }): void {
  if (!reaches(assessmentReach(actor), person)) throw new AppError('KPI_ASSESSMENT_FORBIDDEN');
}

export function mayEditTargets(actor: Actor | null): boolean {
  return actor !== null && actor.kind === 'user' && can(actor.role, 'policies.manage');
}
