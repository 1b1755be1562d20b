/**
 * The claims policy as admins and managers read and change it (docs/product.md §3, §7): the version
 * in force with the source of every rule, and every earlier version. A change is saved as a new
 * version made from the version the editor showed (a change from an older one is 409
 * CONFLICT_STALE_VERSION); it is validated rule by rule (domain/claims/policy.ts) and proven to give
 * a new claim its validity and clocks under the company calendar (domain/claims/usable.ts) before it
 * is stored. A claim keeps the version it was proposed under, so no claim changes with it.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { inTransaction } from '../../../db/transaction.js';
import type { RequestContext } from '../../../domain/actor.js';
import { actorLabel } from '../../../domain/actor.js';
import {
  CLAIM_TYPES,
  CLAIMS_RULE_KEYS,
  claimsPolicyProblems,
  validateClaimsPolicy,
  type ClaimsPolicy,
  type ClaimsRule,
  type EvidenceRequirement,
} from '../../../domain/claims/index.js';
import { AppError } from '../../../domain/errors.js';
import type { BusinessCalendar } from '../../../domain/sla/calendar.js';
import { audit } from '../../audit/service.js';
import { currentClaimsPolicy } from '../policy.js';

type Rules = ClaimsPolicy['rules'];

function present(row: { version: number; rules: unknown; note: string; created_by: string; created_at: Date }) {
  return { version: row.version, rules: row.rules as Rules, note: row.note, createdBy: row.created_by, createdAt: row.created_at.toISOString() };
}

/** The version in force (version 1, the defaults, on first use) and every version's note, newest first. */
export async function claimsPolicyHistory(db: Kysely<DB>) {
  await currentClaimsPolicy(db);
  const rows = await db.selectFrom('claims_policies').selectAll().orderBy('version', 'desc').execute();
  return { current: present(rows[0]!), history: rows.map((r) => ({ version: r.version, note: r.note, createdBy: r.created_by, createdAt: r.created_at.toISOString() })) };
}

const changedNote = (before: string, version: number, from: string, to: string, note: string) => `${before}；v${version}：${from} → ${to}（${note}）`;

/**
 * The sources of what changed say so, as the time-limit policy's do: a number that changed while its
 * source stayed as it was gets "；vN：old → new（note）" appended; an evidence item that is new or
 * needed differently, the same. What the admin rewrote themselves is kept as they wrote it.
 */
export function annotateClaimsChanges(before: Rules, after: Rules, version: number, note: string): Rules {
  const out = structuredClone(after);
  const rule = (was: ClaimsRule | undefined, now: ClaimsRule) => {
    if (!was) return now.source.trim() ? now : { ...now, source: `v${version}：${note}` };
    if (was.value === now.value || now.source !== was.source) return now;
    return { ...now, source: changedNote(was.source, version, String(was.value), String(now.value), note) };
  };
  for (const key of CLAIMS_RULE_KEYS) out[key] = rule(before[key], out[key]);
  for (const map of ['uninsuredCapMultipleByPaymentTerm', 'uninsuredCapMultipleByTier'] as const) {
    const next = out[map] as Record<string, ClaimsRule>;
    for (const [scope, now] of Object.entries(next)) next[scope] = rule((before[map] as Record<string, ClaimsRule | undefined>)[scope], now);
  }
  for (const type of CLAIM_TYPES) {
    out.evidence[type] = out.evidence[type].map((now: EvidenceRequirement) => {
      const was = before.evidence[type]?.find((e) => e.item === now.item);
      if (!was) return now.source.trim() ? now : { ...now, source: `v${version}：${note}` };
      if (was.need === now.need || now.source !== was.source) return now;
      return { ...now, source: changedNote(was.source, version, was.need, now.need, note) };
    });
  }
  return out;
}

export async function changeClaimsPolicy(db: Kysely<DB>, calendar: () => Promise<BusinessCalendar>, ctx: RequestContext, input: { rules: Record<string, unknown>; note: string; baseVersion: number }) {
  const note = input.note.trim();
  // A source left empty is filled from the note below; everything else must hold as sent.
  const problems = validateClaimsPolicy(input.rules).filter((p) => p.code !== 'missing_source');
  if (problems.length) throw new AppError('POLICY_INVALID', { detail: problems.map((p) => p.message).join('; ') });
  const cal = await calendar();
  const row = await inTransaction(db, async (trx) => {
    // One change at a time: a second save waits for the first and then finds its base stale.
    await sql`lock table claims_policies in share row exclusive mode`.execute(trx);
    // In the transaction: on first use the defaults become version 1, and a refusal below stores nothing.
    await currentClaimsPolicy(trx);
    const current = await trx.selectFrom('claims_policies').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
    if (current.version !== input.baseVersion) throw new AppError('CONFLICT_STALE_VERSION');
    const version = current.version + 1;
    const before = current.rules as unknown as Rules;
    const rules = annotateClaimsChanges(before, input.rules as unknown as Rules, version, note);
    const unsourced = validateClaimsPolicy(rules);
    if (unsourced.length) throw new AppError('POLICY_INVALID', { detail: unsourced.map((p) => p.message).join('; ') });
    if (JSON.stringify(rules) === JSON.stringify(before)) throw new AppError('POLICY_INVALID', { detail: 'no rule changed' });
    const unusable = claimsPolicyProblems({ version, rules }, cal, new Date());
    if (unusable.length) throw new AppError('POLICY_INVALID', { detail: unusable.join('; ') });
    const inserted = await trx
      .insertInto('claims_policies')
      .values({ version, rules: JSON.stringify(rules), note, created_by: ctx.actor ? actorLabel(ctx.actor) : 'system' })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'claims_policy.change', subjectType: 'claims_policy', subjectId: String(version), detail: { fromVersion: current.version, version, note } });
    return inserted;
  });
  return present(row);
}
