/**
 * The claims policy's versions (domain/claims/policy.ts): the newest decides a new claim, a claim
 * keeps the version it was proposed under. On first use the defaults (domain/claims/policy.ts)
 * become version 1, as the time-limit policy does — written in the transaction of the first claim
 * opened, so a refused request stores nothing.
 *
 * A stored version never changes (a change is a new version: use-cases/policy-change.ts), so each
 * process keeps the versions it has read, per database, and reads a version's rules once. Which
 * version is the newest is asked of the database every time (opening a claim asks it within the
 * statement that reads the parcel's facts), so a version saved by another process decides the next
 * claim everywhere at once, with no message between processes and nothing to expire.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { DEFAULT_CLAIMS_POLICY, type ClaimsPolicy } from '../../domain/claims/index.js';
import { SYSTEM_NOTES } from '../../domain/sources.js';

/** Version 1's note, in Chinese as stored; the console shows it in the reader's language (`systemNoteText`). */
export const DEFAULT_CLAIMS_POLICY_NOTE = SYSTEM_NOTES.claimsDefaults.zh;

/** What the cache is kept for: the app's database handle (a test's app has its own database, with its own version 1). */
export interface PolicyScope {
  db: Kysely<DB>;
}

/** The versions read, per database handle. */
const versionsOf = new WeakMap<Kysely<DB>, Map<number, ClaimsPolicy>>();

function versions(scope: PolicyScope): Map<number, ClaimsPolicy> {
  let known = versionsOf.get(scope.db);
  if (!known) {
    known = new Map();
    versionsOf.set(scope.db, known);
  }
  return known;
}

/** The newest version (asked of the database), the defaults stored as version 1 on first use. */
export async function currentClaimsPolicy(db: Kysely<DB>, scope?: PolicyScope): Promise<ClaimsPolicy> {
  if (scope) {
    const newest = await db.selectFrom('claims_policies').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
    if (newest?.version != null) return claimsPolicyVersion(scope, newest.version, db);
  } else {
    const row = await db.selectFrom('claims_policies').select(['version', 'rules']).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (row) return { version: row.version, rules: row.rules as unknown as ClaimsPolicy['rules'] };
  }
  await db
    .insertInto('claims_policies')
    .values({ version: DEFAULT_CLAIMS_POLICY.version, rules: JSON.stringify(DEFAULT_CLAIMS_POLICY.rules), note: DEFAULT_CLAIMS_POLICY_NOTE, created_by: 'system' })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
  return DEFAULT_CLAIMS_POLICY;
}

/**
 * Version `version` of the policy: from this process's copy, or read once (through `reader`, the
 * caller's transaction when it has one, so a version it stored itself is found).
 */
export async function claimsPolicyVersion(scope: PolicyScope, version: number, reader: Kysely<DB> = scope.db): Promise<ClaimsPolicy> {
  const known = versions(scope);
  const cached = known.get(version);
  if (cached) return cached;
  const row = await reader.selectFrom('claims_policies').select(['version', 'rules']).where('version', '=', version).executeTakeFirstOrThrow();
  const policy: ClaimsPolicy = { version: row.version, rules: row.rules as unknown as ClaimsPolicy['rules'] };
  // A transaction sees no other's uncommitted version; its own can only be version 1, the
  // defaults, which is what version 1 always holds should that transaction roll back.
  known.set(version, policy);
  return policy;
}
