/**
 * Named statements on PostgreSQL (db/database.ts): each connection prepares a parameterised
 * statement once and keeps it, within a bound per connection; what one connection saw never stops
 * another from preparing its own (the old process-wide list of 500 names never freed a place).
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.js';
import { MAX_NAMED_STATEMENTS_PER_CONNECTION } from '../../src/db/database.js';
import { createTestApp, testDatabaseKind, type TestApp } from '../support/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const prepared = async (db: Kysely<DB>) =>
  (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement);

describe.skipIf(testDatabaseKind() !== 'postgres')('prepared statements', () => {
  it('a parameterised statement is prepared by name on its connection, and runs right', async () => {
    await t.database.db.connection().execute(async (conn) => {
      for (let i = 0; i < 3; i++) {
        const row = await conn.selectFrom('users').select('username').where('username', '=', 'admin').executeTakeFirst();
        expect(row?.username).toBe('admin');
      }
      expect((await prepared(conn)).filter((s) => s.includes('"username" = $1'))).toHaveLength(1);
    });
  });

  it('a connection keeps a bounded number, and another connection still prepares its own after a flood of distinct statements', async () => {
    await t.database.db.connection().execute(async (flooded) => {
      for (let i = 0; i < MAX_NAMED_STATEMENTS_PER_CONNECTION + 100; i++) {
        const row = await sql<{ n: number }>`select ${sql.raw(String(i))}::int + ${1}::int as n`.execute(flooded);
        expect(row.rows[0]!.n).toBe(i + 1);
      }
      expect((await prepared(flooded)).length).toBeLessThanOrEqual(MAX_NAMED_STATEMENTS_PER_CONNECTION);
      await t.database.db.connection().execute(async (other) => {
        await sql`select ${'fresh'}::text as marker`.execute(other);
        expect((await prepared(other)).some((s) => s.includes("'fresh'") || s.includes('as marker'))).toBe(true);
      });
    });
  });
});
