/**
 * Targets (考核指标) per KPI and scope as versioned data — a placeholder with the signature the
 * targets work provides (branch kpi-dash replaces this file): until it lands, no KPI has a target,
 * and the supervision reports show "no target" rather than inventing one.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface TargetScope {
  kind: 'company' | 'team' | 'station';
  id?: string;
}

/** The target of a KPI for a scope in force on a day (YYYY-MM-DD, company zone), or null when none is set. */
export async function targetFor(
  _db: Kysely<DB>,
  _query: { kpiId: string; scope: TargetScope; on: string },
): Promise<{ value: number; direction: 'higher' | 'lower'; versionId: string } | null> {
  return null;
}
