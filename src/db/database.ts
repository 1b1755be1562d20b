/**
 * Opens the database ParcelDesk runs on: the embedded PGlite (Postgres compiled to WASM, stored
 * in a folder) by default, or a PostgreSQL server when a URL is given. Both speak the same SQL, so
 * migrations, repositories and tests are shared.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite, protocol } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
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
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 10,
      // A connection is replaced after this long, and with it the statements it prepared.
      maxLifetimeSeconds: CONNECTION_LIFETIME_SECONDS,
    });
    // An idle connection can be cut by the server (restart, failover, admin command). The pool
    // drops it and opens a new one on demand; without a listener the event would end the process.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: namingStatements(pool) }) });
    keepsPlans.add(db);
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
  pgliteOf.set(db.getExecutor().adapter, pglite);
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

const keepsPlans = new WeakSet<Kysely<DB>>();

/**
 * Whether a statement sent through `db` is prepared by name and keeps its plan (PostgreSQL: see
 * `namingStatements`). PGlite plans every statement it is sent through Kysely; there a statement
 * that must not be planned each time is run inside a PL/pgSQL function, which keeps the plans of
 * its statements, or by `firstColumnOnPglite`.
 */
export function preparesStatements(db: Kysely<DB>): boolean {
  return keepsPlans.has(db);
}

/** A statement that PGlite prepares once by name (`firstColumnOnPglite`). */
export interface NamedStatement {
  name: string;
  text: string;
  /** the parameters' type OIDs (25: text) */
  types: number[];
}

/**
 * The PGlite instance under a Kysely instance, by its dialect adapter: one per Kysely instance,
 * shared by its transactions and plugins (all public: `getExecutor().adapter`).
 */
const pgliteOf = new WeakMap<object, PGlite>();
/** The statements each PGlite instance has prepared: its one session keeps them while it lives. */
const preparedOn = new WeakMap<PGlite, Set<string>>();
/** invalid_sql_statement_name: the session lost the statement (DEALLOCATE or DISCARD ALL) */
const STATEMENT_GONE = '26000';
/** duplicate_prepared_statement: it was prepared by an exchange that then failed further on */
const STATEMENT_KEPT = '42P05';

/**
 * Runs `exchange` with PGlite to itself, taking its two locks as its own `query` does
 * (transactions, then statements), so it never runs inside another caller's transaction. Inside a
 * Kysely transaction, which holds the first lock for its whole length, only the second is taken:
 * the exchange is then part of that transaction.
 */
function exclusively<T>(pglite: PGlite, db: Kysely<DB>, exchange: () => Promise<T>): Promise<T> {
  return db.isTransaction ? pglite._runExclusiveQuery(exchange) : pglite._runExclusiveTransaction(() => pglite._runExclusiveQuery(exchange));
}

/** The columns of every row of an exchange's answer, as text. */
function rowsOf(messages: readonly unknown[]): Array<Array<string | null>> {
  const rows: Array<Array<string | null>> = [];
  for (const message of messages) if (message instanceof protocol.messages.DataRowMessage) rows.push(message.fields as Array<string | null>);
  return rows;
}

/**
 * PGlite only: runs a statement prepared once per instance by name, once for each list of values
 * given, in one exchange, and returns the first column of every row as text (null off PGlite,
 * where the caller runs its statement as usual). PGlite's `query` — all Kysely's PGlite dialect
 * has — parses, describes and plans every statement it is sent, so a small statement run often
 * cost more in planning than in running: here it is parsed once, and each run is a Bind and an
 * Execute with the values bound, never written into the text. Frequent lookups only: every named
 * statement stays in the session.
 */
export async function firstColumnOnPglite(db: Kysely<DB>, statement: NamedStatement, runs: string[][]): Promise<Array<string | null> | null> {
  const pglite = pgliteOf.get(db.getExecutor().adapter);
  if (!pglite) return null;
  let prepared = preparedOn.get(pglite);
  if (!prepared) preparedOn.set(pglite, (prepared = new Set()));
  const session = prepared;
  const exchange = async () => {
    const parts: Uint8Array[] = [];
    if (!session.has(statement.name)) parts.push(serialize.parse(statement));
    for (const values of runs) parts.push(serialize.bind({ statement: statement.name, values }), serialize.execute({}));
    parts.push(serialize.sync());
    const { messages } = await pglite.execProtocol(concatBytes(parts), { syncToFs: false });
    session.add(statement.name);
    return rowsOf(messages).map((row) => row[0] ?? null);
  };
  return exclusively(pglite, db, async () => {
    try {
      return await exchange();
    } catch (err) {
      // What the session holds is known again, and the runs are tried once more.
      const code = (err as { code?: string }).code;
      if (code === STATEMENT_GONE && session.has(statement.name)) session.delete(statement.name);
      else if (code === STATEMENT_KEPT && !session.has(statement.name)) session.add(statement.name);
      else throw err;
      return exchange();
    }
  });
}

/** Whether `db` (or a transaction of it) runs on PGlite. */
export function runsOnPglite(db: Kysely<DB>): boolean {
  return pgliteOf.has(db.getExecutor().adapter);
}

/**
 * PGlite only: one statement, unnamed (planned for these values, as PGlite's `query` plans it),
 * sent with its parameters in one exchange; a `Uint8Array` goes in binary format, which for a
 * `json` parameter is its UTF-8 text. Returns every row's columns as text, or null off PGlite.
 * For ingestion's batches: PGlite's `query` sends a parameter as a string, whose UTF-8 length its
 * writer measures with a loop over the characters (~5 µs an event for a batch's ~3 MB of JSON),
 * and makes five calls into the WebAssembly where one does; `Buffer` encodes natively.
 */
export async function rowsOnPglite(db: Kysely<DB>, statement: { text: string; types: number[] }, values: Array<string | Uint8Array | null>): Promise<Array<Array<string | null>> | null> {
  const pglite = pgliteOf.get(db.getExecutor().adapter);
  if (!pglite) return null;
  const message = concatBytes([serialize.parse(statement), serialize.bind({ values }), serialize.execute({}), serialize.sync()]);
  // Outside a transaction its writes reach the data folder as PGlite's own `query` leaves them.
  return exclusively(pglite, db, async () => rowsOf((await pglite.execProtocol(message, { syncToFs: !db.isTransaction })).messages));
}

const { serialize } = protocol;

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Statements one connection prepares by name at most; past it, its statements go unnamed. */
export const MAX_NAMED_STATEMENTS_PER_CONNECTION = 500;
const CONNECTION_LIFETIME_SECONDS = 30 * 60;

/**
 * Prepared statements by the driver's own means: node-postgres prepares a query once per
 * connection when it carries a `name` (and then only binds it), so PostgreSQL parses it once and
 * keeps its plan (a generic one once it is no worse than re-planning): a ticket search spent more
 * time being planned than run. Kysely hands its pool's clients `query(text, values)`; the pool given
 * to Kysely (its public `PostgresPool` interface) hands each client on with a `query` that adds the
 * name, derived from the text. Nothing of pg is patched.
 *
 * Why not a process-wide cache of names (as before): it never freed a place, so once 500 texts had
 * been seen no new statement was ever named, however hot. Here the bound is per connection, where
 * the statements live on the server: a connection names its first 500 distinct texts (Kysely's
 * texts are few: values travel as parameters) and sends the rest unnamed, and the pool replaces a
 * connection every 30 minutes, which frees its statements, so a changed workload is prepared anew.
 * An LRU would need to DEALLOCATE evicted statements behind the driver's back (pg remembers what
 * it parsed), which is the kind of patch this replaces. A connection pooler in front must keep
 * prepared statements (PgBouncer ≥ 1.21 with max_prepared_statements).
 */
function namingStatements(pool: pg.Pool): PostgresPool {
  return {
    Client: pg.Client,
    options: pool.options,
    end: () => pool.end(),
    connect: async () => {
      const client = await pool.connect();
      // One wrapper per pooled connection, made once: Kysely keeps its own connection object per
      // client object it is handed (in a WeakMap), so a new wrapper per checkout cost a new entry
      // there and in ours on every query, and the garbage collector's work on them (~15 µs a query).
      const known = wrapperOf.get(client);
      if (known) return known;
      const named = new Set<string>();
      const naming: PostgresPoolClient = {
        get processID() {
          return (client as unknown as { processID?: number }).processID;
        },
        release: (destroy?: boolean) => client.release(destroy),
        query: ((text: unknown, values?: readonly unknown[]) => {
          if (typeof text !== 'string') return client.query(text as never); // a cursor (streaming)
          if (!values?.length) return client.query(text, values as unknown[]);
          const name = statementName(text);
          if (!named.has(name)) {
            if (named.size >= MAX_NAMED_STATEMENTS_PER_CONNECTION) return client.query(text, values as unknown[]);
            named.add(name);
          }
          return client.query({ name, text, values: values as unknown[] });
        }) as unknown as PostgresPoolClient['query'],
      };
      wrapperOf.set(client, naming);
      return naming;
    },
  };
}

/**
 * A statement's name, derived from its text once per process rather than hashed on every query:
 * Kysely's texts are few, and should a workload produce many, the memo starts over past its bound.
 */
const nameOfText = new Map<string, string>();
function statementName(text: string): string {
  let name = nameOfText.get(text);
  if (name === undefined) {
    if (nameOfText.size >= 4 * MAX_NAMED_STATEMENTS_PER_CONNECTION) nameOfText.clear();
    name = `pd_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    nameOfText.set(text, name);
  }
  return name;
}

/** Each pooled connection's wrapper, with the names it has prepared (gone with the connection). */
const wrapperOf = new WeakMap<pg.PoolClient, PostgresPoolClient>();
