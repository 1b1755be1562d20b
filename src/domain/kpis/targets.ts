/**
 * Targets (考核指标) as pure rules (docs/product.md §6): which version of a target is in force on a
 * day, whether a value meets it, what a target may be set to and for which scopes, and how a
 * slice is ranked. The rows are versions (migration 2026-12-08T2000_kpi_targets); the module reads
 * them and asks these functions.
 */
import { dimensionsOf, FACT_DIMENSIONS, type Dimension, type KpiDefinition } from './registry.js';

export type TargetDirection = KpiDefinition['direction'];
export type TargetScopeKind = 'company' | 'team' | 'station';

export interface TargetVersion {
  id: string;
  /** YYYY-MM-DD, the first company day the version is in force */
  validFrom: string;
  /** null: the scope's own target is withdrawn from validFrom */
  value: number | null;
  direction: TargetDirection;
  /** when it was set: of two versions starting the same day, the later one counts */
  setAt: Date;
}

/** The version in force on `day`: the latest start on or before it (of equal starts, the last set). */
export function versionOn<V extends TargetVersion>(versions: readonly V[], day: string): V | null {
  let best: V | null = null;
  for (const v of versions) {
    if (v.validFrom > day) continue;
    if (!best || v.validFrom > best.validFrom || (v.validFrom === best.validFrom && v.setAt.getTime() > best.setAt.getTime())) best = v;
  }
  return best;
}

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day;
}

export type TargetVerdict = 'met' | 'missed' | 'no_target' | 'no_data';

/**
 * A value against its target: met when it is at least the target (higher is better) or at most
 * it (lower is better). No value is "no data", never a miss; no target is "no target".
 */
export function targetVerdict(value: number | null, target: { value: number; direction: TargetDirection } | null): TargetVerdict {
  if (value === null) return 'no_data';
  if (!target) return 'no_target';
  const met = target.direction === 'higher_is_better' ? value >= target.value : value <= target.value;
  return met ? 'met' : 'missed';
}

export type TargetRefusal = 'value' | 'scope';

/**
 * Why a target cannot be set, or null. A value is a finite number, not negative, at most 100 for
 * a percentage; a team target needs a KPI kept by team, a station target one kept by station (a
 * target nobody's numbers can be held against is refused).
 */
export function targetRefusal(kpi: KpiDefinition, scope: TargetScopeKind, value: number | null): TargetRefusal | null {
  if (scope === 'team' && !dimensionsOf(kpi).includes('team')) return 'scope';
  if (scope === 'station' && !dimensionsOf(kpi).includes('station')) return 'scope';
  if (value === null) return scope === 'company' ? 'value' : null;
  if (!Number.isFinite(value) || value < 0) return 'value';
  if (kpi.unit === 'percent' && value > 100) return 'value';
  return null;
}

/**
 * How a KPI is ranked by a slice: by its value where every fact it reads is kept by the slice;
 * by its numerator's count where only the numerator is (a station's damaged parcels — the parcels
 * picked up are not kept by station, so a station has no damage *rate*); otherwise not at all.
 */
export function rankingBasis(kpi: KpiDefinition, by: Dimension): 'value' | 'numerator' | null {
  if (!kpi.available) return null;
  if (dimensionsOf(kpi).includes(by)) return 'value';
  const numerator = kpi.formula.numerator;
  if (numerator.length > 0 && kpi.formula.denominator !== null && numerator.every((t) => FACT_DIMENSIONS[t.fact].includes(by))) return 'numerator';
  return null;
}

/** Worst first: the direction decides which end is worse; rows without a number go last, then by key. */
export function worstFirst<R extends { key: string; score: number | null }>(rows: readonly R[], direction: TargetDirection): R[] {
  return [...rows].sort((a, b) => {
    if (a.score === null || b.score === null) return a.score === null && b.score === null ? a.key.localeCompare(b.key) : a.score === null ? 1 : -1;
    const diff = direction === 'lower_is_better' ? b.score - a.score : a.score - b.score;
    return diff !== 0 ? diff : a.key.localeCompare(b.key);
  });
}
