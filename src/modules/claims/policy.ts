/**
 * The claims policy's versions (domain/claims/policy.ts): the newest decides a new claim, a claim
 * keeps the version it was proposed under. On first use the defaults of docs/product.md §3, §7
 * become version 1, as the time-limit policy does — written in the transaction of the first claim
 * opened, so a refused request stores nothing.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { DEFAULT_CLAIMS_POLICY, type ClaimsPolicy } from '../../domain/claims/index.js';

export const DEFAULT_CLAIMS_POLICY_NOTE = 'Defaults of docs/product.md §3 and §7';

export async function currentClaimsPolicy(db: Kysely<DB>): Promise<ClaimsPolicy> {
  const row = await db.selectFrom('claims_policies').select(['version', 'rules']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (row) return { version: row.version, rules: row.rules as unknown as ClaimsPolicy['rules'] };
  await db
    .insertInto('claims_policies')
    .values({ version: DEFAULT_CLAIMS_POLICY.version, rules: JSON.stringify(DEFAULT_CLAIMS_POLICY.rules), note: DEFAULT_CLAIMS_POLICY_NOTE, created_by: 'system' })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
  return DEFAULT_CLAIMS_POLICY;
}

export async function claimsPolicyVersion(db: Kysely<DB>, version: number): Promise<ClaimsPolicy> {
  const row = await db.selectFrom('claims_policies').select(['version', 'rules']).where('version', '=', version).executeTakeFirstOrThrow();
  return { version: row.version, rules: row.rules as unknown as ClaimsPolicy['rules'] };
}
