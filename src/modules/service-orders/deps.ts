import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ReferenceData } from '../reference/cache.js';

export interface ServiceOrderDeps {
  db: Kysely<DB>;
  /** the company calendar (work centers' hours on its working days) */
  reference: ReferenceData;
  /** the company's time zone: the list's date filters are local dates */
  timeZone: string;
}
