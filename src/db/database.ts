/**
 * Opens the database ParcelDesk runs on: the embedded PGlite (Postgres compiled to WASM, stored
 * in a folder) by default, or a PostgreSQL server when a URL is given. Both speak the same SQL, so
 * migrations, repositories and tests are shared.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Cheap round trip used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole data folder as a tarball, to start copies from (tests). */
  dump?: () => Promise<Blob>;
  /** The PGlite instance (for the job system's adapter), or the PostgreSQL URL. */
  pglite?: PGlite;
  url?: string;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string; snapshot?: Blob };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    // An idle connection can be cut by the server (restart, failover, admin command). The pool
    // drops it and opens a new one on demand; without a listener the event would end the process.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`));
    pool.on('connect', prepareStatements);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        await pool.query('select 1');
      },
      close: () => db.destroy(),
      url: target.url,
    };
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  // PGlite is single-connection; Kysely's PGlite driver serialises queries and transactions.
  const pglite = await PGlite.create(target.dataDir, target.snapshot ? { loadDataDir: target.snapshot } : {});
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await pglite.query('select 1');
    },
    close: () => db.destroy(),
    dump: () => pglite.dumpDataDir('none'),
    pglite,
  };
}

/** Statement texts given a name so far, process-wide; past the cap, statements go unnamed. */
const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 500;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `pd_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Names every parameterised statement of a connection, so PostgreSQL parses it once per connection
 * and keeps its plan (a generic one once it is no worse than re-planning): a ticket search spent
 * more time being planned than run. The texts come from Kysely, so they are few (values travel as
 * parameters); a connection pooler in front must keep prepared statements (PgBouncer ≥ 1.21 with
 * max_prepared_statements).
 */
function prepareStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined) {
      const name = statementName(config);
      if (name) return query({ name, text: config, values });
    }
    return query(config, values, callback);
  }) as typeof client.query;
}
