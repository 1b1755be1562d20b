import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ReferenceData } from '../reference/cache.js';

export interface ClaimDeps {
  db: Kysely<DB>;
  /** the company's time zone: a claim's validity ends on a local date, a month of chargebacks is a local month */
  timeZone: string;
  /** the company calendar and the SLA policy's warning point, which the claim's clocks count with */
  reference: ReferenceData;
  /** where customers reach the public pages: the decision SMS links the claim page (none when absent) */
  publicBaseUrl?: string;
}
