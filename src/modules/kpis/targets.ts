/**
 * Targets (考核指标, docs/product.md §6) as versioned data: the lookup other modules call
 * (`targetFor`, e.g. the supervision reports), the history a page lists, and setting a new
 * version (`direction` there is 'higher' or 'lower', the supervision reports' names). A version is never changed or deleted: a new target, a correction and a withdrawal are
 * each a new row with who set it and why (migration 2026-12-08T2000_kpi_targets).
 *
 * Which version counts on a day, and whether a value meets it, are the pure rules of
 * domain/kpis/targets.ts. A team's or a station's own target wins; without one (or after it is
 * withdrawn) the company's target applies.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { RequestContext } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { companyDay } from '../../domain/kpis/facts.js';
import { kpiById } from '../../domain/kpis/registry.js';
import { isCalendarDay, targetRefusal, versionOn, type TargetDirection, type TargetScopeKind, type TargetVersion } from '../../domain/kpis/targets.js';
import { audit } from '../audit/service.js';
import { mayEditTargets } from './access.js';

type Db = Kysely<DB>;

export interface TargetScope {
  kind: TargetScopeKind;
  /** a team's (department's) id, a station's name; none for the company */
  id?: string;
}

export interface TargetRow extends TargetVersion {
  kpiId: string;
  scopeKind: TargetScopeKind;
  scopeId: string;
  reason: string;
  setBy: string | null;
  setByName: string;
}

const COLUMNS = sql`id::text as id, kpi_id, scope_kind, scope_id, value, direction, to_char(valid_from, 'YYYY-MM-DD') as valid_from, reason, set_by::text as set_by, set_by_name, set_at`;

interface RawTarget {
  id: string;
  kpi_id: string;
  scope_kind: TargetScopeKind;
  scope_id: string;
  value: number | string | null;
  direction: TargetDirection;
  valid_from: string;
  reason: string;
  set_by: string | null;
  set_by_name: string;
  set_at: Date | string;
}

function toRow(r: RawTarget): TargetRow {
  return {
    id: r.id,
    kpiId: r.kpi_id,
    scopeKind: r.scope_kind,
    scopeId: r.scope_id,
    value: r.value === null ? null : Number(r.value),
    direction: r.direction,
    validFrom: r.valid_from,
    reason: r.reason,
    setBy: r.set_by,
    setByName: r.set_by_name,
    setAt: new Date(r.set_at),
  };
}

/** Every version of the targets asked for (all KPIs and scopes when nothing is named), in a stable order. */
export async function targetVersions(db: Db, q: { kpiIds?: readonly string[]; scopeKind?: TargetScopeKind; scopeId?: string }): Promise<TargetRow[]> {
  if (q.kpiIds && q.kpiIds.length === 0) return [];
  const kpis = q.kpiIds ? sql`and kpi_id in (${sql.join(q.kpiIds)})` : sql``;
  const kind = q.scopeKind ? sql`and scope_kind = ${q.scopeKind}` : sql``;
  const id = q.scopeKind && q.scopeId !== undefined ? sql`and scope_id = ${q.scopeId}` : sql``;
  const rows = await sql<RawTarget>`
    select ${COLUMNS} from kpi_targets where true ${kpis} ${kind} ${id}
    order by kpi_id, scope_kind, scope_id, valid_from desc, set_at desc, id`.execute(db);
  return rows.rows.map(toRow);
}

/** The version of one KPI and exact scope in force on a day (a withdrawal included), or none. */
async function versionInForce(db: Db, kpiId: string, kind: TargetScopeKind, scopeId: string, on: string): Promise<TargetRow | null> {
  const rows = await sql<RawTarget>`
    select ${COLUMNS} from kpi_targets
    where kpi_id = ${kpiId} and scope_kind = ${kind} and scope_id = ${scopeId} and valid_from <= cast(${on} as date)
    order by valid_from desc, set_at desc, id desc limit 1`.execute(db);
  return rows.rows[0] ? toRow(rows.rows[0]) : null;
}

/**
 * The target a KPI is held to for a scope on a day (YYYY-MM-DD, company zone): the scope's own
 * version in force, else the company's; null when neither sets one. `versionId` names the row, so
 * a report can say which version it compared against.
 */
export async function targetFor(
  db: Kysely<DB>,
  q: { kpiId: string; scope: { kind: 'company' | 'team' | 'station'; id?: string }; on: string /* YYYY-MM-DD */ },
): Promise<{ value: number; direction: 'higher' | 'lower'; versionId: string } | null> {
  if (!isCalendarDay(q.on) || !kpiById(q.kpiId)) return null;
  const scopes: [TargetScopeKind, string][] = q.scope.kind !== 'company' && q.scope.id ? [[q.scope.kind, q.scope.id], ['company', '']] : [['company', '']];
  for (const [kind, id] of scopes) {
    const v = await versionInForce(db, q.kpiId, kind, id, q.on);
    // The callers' short names for the registry's directions (higher_is_better → higher).
    if (v && v.value !== null) return { value: v.value, direction: v.direction === 'higher_is_better' ? 'higher' : 'lower', versionId: v.id };
  }
  return null;
}

/**
 * The same lookup in memory over versions read once (a dashboard asks for many days): the scope's
 * own version on the day, else the company's.
 */
export function targetFrom(versions: readonly TargetRow[], kpiId: string, scope: TargetScope, on: string): TargetRow | null {
  const of = (kind: TargetScopeKind, id: string) => versions.filter((v) => v.kpiId === kpiId && v.scopeKind === kind && v.scopeId === id);
  if (scope.kind !== 'company' && scope.id) {
    const own = versionOn(of(scope.kind, scope.id), on);
    if (own && own.value !== null) return own;
  }
  const company = versionOn(of('company', ''), on);
  return company && company.value !== null ? company : null;
}

/** Targets and their history, newest version first within each KPI and scope, with the one in force today marked. */
export async function listTargets(deps: { db: Db; timeZone: string }, q: { kpiId?: string; scopeKind?: TargetScopeKind; scopeId?: string }) {
  if (q.kpiId !== undefined && !kpiById(q.kpiId)) throw new AppError('KPI_NOT_FOUND');
  const rows = await targetVersions(deps.db, { kpiIds: q.kpiId ? [q.kpiId] : undefined, scopeKind: q.scopeKind, scopeId: q.scopeId });
  const today = companyDay(new Date(), deps.timeZone);
  const inForce = new Set<string>();
  const groups = new Map<string, TargetRow[]>();
  for (const r of rows) groups.set(`${r.kpiId}|${r.scopeKind}|${r.scopeId}`, [...(groups.get(`${r.kpiId}|${r.scopeKind}|${r.scopeId}`) ?? []), r]);
  for (const g of groups.values()) {
    const v = versionOn(g, today);
    if (v) inForce.add(v.id);
  }
  const teamIds = [...new Set(rows.filter((r) => r.scopeKind === 'team').map((r) => r.scopeId))];
  const teams = teamIds.length ? await deps.db.selectFrom('departments').select(['id', 'name']).where('id', 'in', teamIds).execute() : [];
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  return {
    today,
    targets: rows.map((r) => ({
      id: r.id,
      kpiId: r.kpiId,
      scope: { kind: r.scopeKind, id: r.scopeId, label: r.scopeKind === 'team' ? (teamName.get(r.scopeId) ?? null) : r.scopeKind === 'station' ? r.scopeId : null },
      value: r.value,
      direction: r.direction,
      validFrom: r.validFrom,
      reason: r.reason,
      setBy: r.setByName,
      setAt: r.setAt.toISOString(),
      inForce: inForce.has(r.id),
    })),
  };
}

export interface SetTargetInput {
  kpiId: string;
  scope: TargetScope;
  /** null withdraws a team's or station's own target from validFrom */
  value: number | null;
  direction?: TargetDirection;
  validFrom: string;
  reason: string;
}

/**
 * A new version of a target, from a day on; the earlier versions stay as they were. Audited
 * (`kpi_target.set`) with the version in the same transaction: a target decides what the dashboard,
 * the supervision reports and each agent's assessment call missed.
 */
export async function setTarget(deps: { db: Db }, ctx: RequestContext, input: SetTargetInput) {
  const actor = ctx.actor;
  if (!mayEditTargets(actor) || actor?.kind !== 'user') throw new AppError('FORBIDDEN');
  const kpi = kpiById(input.kpiId);
  if (!kpi) throw new AppError('KPI_NOT_FOUND');
  const scopeId = input.scope.kind === 'company' ? '' : (input.scope.id ?? '').trim();
  if (input.scope.kind === 'company' && input.scope.id) throw new AppError('KPI_TARGET_SCOPE_INVALID');
  if (input.scope.kind !== 'company' && !scopeId) throw new AppError('KPI_TARGET_SCOPE_INVALID');
  if (input.scope.kind === 'team') {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(scopeId);
    const team = uuid ? await deps.db.selectFrom('departments').select('id').where('id', '=', scopeId).executeTakeFirst() : undefined;
    if (!team) throw new AppError('KPI_TARGET_SCOPE_INVALID');
  }
  if (!isCalendarDay(input.validFrom)) throw new AppError('KPI_TARGET_INVALID');
  const refusal = targetRefusal(kpi, input.scope.kind, input.value);
  if (refusal === 'scope') throw new AppError('KPI_TARGET_SCOPE_INVALID');
  if (refusal === 'value') throw new AppError('KPI_TARGET_INVALID');
  const who = { id: actor.id, name: actor.displayName };
  const r = await inTransaction(deps.db, async (trx) => {
    const row = await sql<RawTarget>`
      insert into kpi_targets (kpi_id, scope_kind, scope_id, value, direction, valid_from, reason, set_by, set_by_name)
      values (${kpi.id}, ${input.scope.kind}, ${scopeId}, ${input.value}, ${input.direction ?? kpi.direction}, cast(${input.validFrom} as date), ${input.reason.trim()}, ${who.id}, ${who.name})
      returning ${COLUMNS}`.execute(trx);
    const target = toRow(row.rows[0]!);
    await audit(trx, ctx, {
      action: 'kpi_target.set',
      subjectType: 'kpi_target',
      subjectId: target.id,
      // In the audit page's words: the KPI by name, a team by its department, a station by name.
      detail: {
        nameZh: kpi.name['zh-CN'],
        nameEn: kpi.name['en-US'],
        kpiId: target.kpiId,
        scopeKind: target.scopeKind,
        ...(target.scopeKind === 'team' ? { departmentId: target.scopeId } : target.scopeKind === 'station' ? { station: target.scopeId } : {}),
        value: target.value,
        validFrom: target.validFrom,
        reason: target.reason,
      },
    });
    return target;
  });
  return { id: r.id, kpiId: r.kpiId, scope: { kind: r.scopeKind, id: r.scopeId }, value: r.value, direction: r.direction, validFrom: r.validFrom, reason: r.reason, setBy: r.setByName, setAt: r.setAt.toISOString() };
}
