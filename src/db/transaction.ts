/**
 * The one way to run a transaction that may meet another writer. PostgreSQL ends one side of a
 * deadlock (40P01) or a serialization conflict (40001) with an error; the whole transaction is then
 * run again from the start, a few times with a growing random pause, before the caller is told to
 * try again (409 `CONFLICT_RETRY`, never a 500).
 *
 * `work` must only talk to the database: it may run more than once, so messages, e-mail and other
 * side effects go after this returns (after commit).
 */
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../domain/errors.js';
import type { DB } from './schema.js';

/** SQLSTATEs after which running the same transaction again can succeed. */
const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

export interface TransactionOptions {
  /** runs in all, the first included (default 5) */
  attempts?: number;
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
}

export async function inTransaction<T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      const builder = options.isolation ? db.transaction().setIsolationLevel(options.isolation) : db.transaction();
      return await builder.execute(work);
    } catch (err) {
      if (!isRetryable(err)) throw err;
      if (attempt >= attempts) throw new AppError('CONFLICT_RETRY');
      // 5–20 ms, 10–40 ms, 20–80 ms …: the other transaction usually finishes within one pause.
      const base = 5 * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, base + Math.random() * base * 3));
    }
  }
}
