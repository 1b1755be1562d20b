/**
 * A throw-away PostgreSQL server for tests and benchmarks, started from the machine's own
 * binaries (Debian: /usr/lib/postgresql/<version>/bin) on 127.0.0.1 and a free port. PostgreSQL
 * refuses to run as root, so under root the server runs as the `postgres` system user.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  url(database?: string): string;
  version: string;
  /** the postmaster's process id (its backends are its children): the benchmarks count their CPU */
  pid: number;
  stop(): Promise<void>;
}

export function findPostgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error('PostgreSQL server binaries not found: install postgresql or set PG_BIN');
  return path.join(root, versions[0], 'bin');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Settings that undo the test server's shortcuts, for the benchmarks: commits flushed to disk and
 * full pages written after each checkpoint, as a production server runs.
 */
export const DURABLE: Readonly<Record<string, string>> = { fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on' };

export async function startPostgres(options: { settings?: Record<string, string> } = {}): Promise<PostgresServer> {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parceldesk-pg-'));
  const dataDir = path.join(dir, 'data');
  // Spawned directly as that user (not through runuser/su, which would not pass SIGINT on).
  const user = asRoot
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
      }
    : {};
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);

  execFileSync(
    path.join(bin, 'initdb'),
    ['-D', dataDir, '-U', 'parceldesk', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
    { stdio: 'pipe', cwd: dir, ...user },
  );

  const port = await freePort();
  const settings = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: dir,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '200',
    ...options.settings,
  };
  const args = ['-D', dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const child: ChildProcess = spawn(path.join(bin, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir, ...user });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });

  const url = (database = 'postgres') => `postgres://parceldesk@127.0.0.1:${port}/${database}`;
  const deadline = Date.now() + 30_000;
  let version: string;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited during start:\n${log}`);
    try {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      version = (await client.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
      await client.end();
      break;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not start in 30 s:\n${log}`, { cause: err });
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    url,
    version,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT'); // fast shutdown
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
