/**
 * The time-limit policy (docs/product.md §7) as admins and managers see and change it. Each change is a
 * new version; shipments keep the version they were promised under, so history is never rewritten.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RequestContext } from '../../domain/actor.js';
import { actorLabel } from '../../domain/actor.js';
import { AppError } from '../../domain/errors.js';
import { timeLimitPolicyProblems } from '../../domain/time-limits/compute.js';
import { validatePolicy, type TimeLimitPolicy } from '../../domain/time-limits/policy.js';
import { audit } from '../audit/service.js';
import type { TrackingContext } from '../tracking/context.js';
import { inTransaction } from '../../db/transaction.js';

type Rules = TimeLimitPolicy['rules'];

function present(row: { version: number; rules: unknown; note: string; created_by: string; created_at: Date }) {
  return { version: row.version, rules: row.rules as Rules, note: row.note, createdBy: row.created_by, createdAt: row.created_at.toISOString() };
}

export async function policyHistory(db: Kysely<DB>, tracking: TrackingContext) {
  await tracking.policy(db); // makes sure version 1 exists
  const rows = await db.selectFrom('time_limit_policies').selectAll().orderBy('version', 'desc').execute();
  return { current: present(rows[0]!), history: rows.map(present) };
}

/**
 * Saves changed values as a new version; sources stay with their rules. The change is made from
 * `baseVersion`, the version the editor showed: if another version has been saved since, nothing is
 * saved and CONFLICT_STALE_VERSION asks the admin to reload, instead of silently undoing that change.
 */
export async function changePolicy(
  db: Kysely<DB>,
  tracking: TrackingContext,
  ctx: RequestContext,
  input: { rules: Record<string, { value: number }>; note: string; baseVersion: number },
) {
  await tracking.policy(db); // makes sure version 1 exists
  const note = input.note.trim();
  const row = await inTransaction(db, async (trx) => {
    // One change at a time: a second save waits here until the first has committed, and then reads
    // the version the first added. The lock does not hold up reads, nor shipments naming a version.
    await sql`lock table time_limit_policies in share row exclusive mode`.execute(trx);
    const current = await trx.selectFrom('time_limit_policies').select(['version', 'rules']).orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
    if (current.version !== input.baseVersion) throw new AppError('CONFLICT_STALE_VERSION');
    const rules = structuredClone(current.rules) as Record<string, { value: number; source: string }>;
    let changed = 0;
    for (const [key, change] of Object.entries(input.rules)) {
      if (!(key in rules)) throw new AppError('POLICY_INVALID', { detail: `unknown rule ${key}` });
      const before = rules[key] as { value: number; source: string };
      if (change.value === before.value) continue; // an unchanged number keeps its source as it is
      // The source says where the number came from: a changed number says who changed it and why.
      rules[key] = { ...before, value: change.value, source: `${before.source}；v${current.version + 1}：${before.value} → ${change.value}（${note}）` };
      changed++;
    }
    if (changed === 0) throw new AppError('POLICY_INVALID', { detail: 'no rule value changed' });
    const problems = validatePolicy(rules as unknown as Rules);
    if (problems.length) throw new AppError('POLICY_INVALID', { detail: problems.map((p) => p.message).join('; ') });
    // Proven usable before it is stored: a promise on every route, from now (issue 14, defect 4).
    const unusable = timeLimitPolicyProblems({ version: current.version + 1, rules: rules as unknown as Rules }, tracking.calendar, new Date());
    if (unusable.length) throw new AppError('POLICY_INVALID', { detail: unusable.join('; ') });
    const inserted = await trx
      .insertInto('time_limit_policies')
      .values({
        version: current.version + 1,
        rules: JSON.stringify(rules),
        note,
        created_by: ctx.actor ? actorLabel(ctx.actor) : 'system',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      action: 'policy.change',
      subjectType: 'time_limit_policy',
      subjectId: String(inserted.version),
      detail: { fromVersion: current.version, changes: input.rules, note: input.note },
    });
    return inserted;
  });
  tracking.reload();
  return present(row);
}
