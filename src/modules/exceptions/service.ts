/**
 * The exceptions board (docs/product.md §1): the open (or all) exceptions with the filters applied, a
 * page of them and the counts by kind, age, station and province.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { exceptionCounts, listExceptions, type ExceptionFilter } from './repository.js';

export type { ExceptionFilter };

export async function exceptionBoard(db: Kysely<DB>, filter: ExceptionFilter, page: { limit: number; offset: number }, now = new Date()) {
  const [list, counts] = await Promise.all([listExceptions(db, filter, page), exceptionCounts(db, filter, now)]);
  return { list, counts };
}
