import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ReferenceData } from '../reference/cache.js';

/** What the ticket use cases need from the app. */
export interface TicketDeps {
  db: Kysely<DB>;
  reference: ReferenceData;
}
