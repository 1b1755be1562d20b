/**
 * Every setting ParcelDesk reads from the environment, in one place. The README's configuration
 * table lists the same variables; keep both in step.
 */
import path from 'node:path';

export interface Config {
  /** Interface and port the HTTP server listens on. */
  host: string;
  port: number;
  /** `postgres://…` selects a PostgreSQL server; empty selects the embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Folder of attachment bytes (LocalDiskStorage); by default `<dataDir>-attachments`, also with PostgreSQL. */
  attachmentsDir: string;
  /** Create the demo company when the database has no users yet. */
  seedDemo: boolean;
  logLevel: string;
  /** Set the `Secure` attribute on cookies (on behind HTTPS). */
  secureCookies: boolean;
  sessionTtlHours: number;
  /** How long this process may answer who a session or API key is without reading it again (0 = always read). */
  identityCacheSeconds: number;
  /** Sign-in throttling: failures before the account is locked, and for how long. */
  maxFailedSignIns: number;
  lockMinutes: number;
  /** Largest accepted request body, bytes. */
  bodyLimitBytes: number;
  /** Requests per minute per client address before 429: all routes, and sign-in attempts. */
  rateLimitPerMinute: number;
  signInRateLimitPerMinute: number;
  /** Folder of the built console (Vite output). */
  webDir: string;
  /** Company time zone: every calendar rule counts in it (docs/product.md §7). */
  timeZone: string;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  /** Run the job system (clocks, outbox, partitions, retention) in this process. */
  jobsEnabled: boolean;
  /** Public tracking lookups per client address per minute. */
  publicTrackRateLimitPerMinute: number;
  /** 快递100 push: the salt their `sign` is made with; AfterShip: the webhook secret. Empty = feed refused. */
  kuaidi100Salt: string | null;
  afterShipSecret: string | null;
  /** E-mail through this SMTP server (`SMTP_URL`, `SMTP_FROM`); null = e-mails are recorded, not sent. */
  smtp: { url: string; from: string } | null;
  /** Where customers open the public pages (the survey link in an SMS), e.g. `https://kf.example.com`; no trailing slash. */
  publicBaseUrl: string;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const timeZone = env.TZ_COMPANY?.trim() || 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new ConfigError(`TZ_COMPANY is not a known time zone: "${timeZone}"`);
  }
  const dataDir = path.resolve(env.DATA_DIR?.trim() || './data');
  const smtpUrl = env.SMTP_URL?.trim() || null;
  const smtpFrom = env.SMTP_FROM?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\/[^/?#]/.test(smtpUrl)) throw new ConfigError('SMTP_URL must start with smtp:// or smtps:// and name a host');
  if (smtpUrl && !smtpFrom) throw new ConfigError('SMTP_FROM must be set with SMTP_URL: the address customers see e-mails come from');
  if (smtpFrom && !smtpUrl) throw new ConfigError('SMTP_FROM is set but SMTP_URL is not: set both to send e-mail, or neither to record it');
  if (smtpFrom && !/^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(smtpFrom)) {
    throw new ConfigError(`SMTP_FROM must be an address, optionally with a name ("客服中心 <service@example.com>"), got "${smtpFrom}"`);
  }
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const publicBaseUrl = (env.PUBLIC_BASE_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(publicBaseUrl)) throw new ConfigError(`PUBLIC_BASE_URL must be an http(s) address, got "${publicBaseUrl}"`);
  return {
    host: env.HOST?.trim() || '127.0.0.1',
    port,
    databaseUrl,
    dataDir,
    // Beside PGlite's folder, not in it (that folder is the database's own, dumped whole as a
    // snapshot); never a temp folder, whatever the database: attachments must outlive restarts.
    attachmentsDir: path.resolve(env.ATTACHMENTS_DIR?.trim() || `${dataDir}-attachments`),
    seedDemo: flag(env, 'SEED_DEMO', true),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    secureCookies: flag(env, 'COOKIE_SECURE', false),
    sessionTtlHours: integer(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 30),
    identityCacheSeconds: integer(env, 'IDENTITY_CACHE_SECONDS', 5, 0, 60),
    maxFailedSignIns: integer(env, 'SIGNIN_MAX_FAILURES', 5, 1, 100),
    lockMinutes: integer(env, 'SIGNIN_LOCK_MINUTES', 15, 1, 24 * 60),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    signInRateLimitPerMinute: integer(env, 'SIGNIN_RATE_LIMIT_PER_MINUTE', 20, 1, 1_000_000),
    webDir: path.resolve(env.WEB_DIR?.trim() || './dist/web'),
    timeZone,
    trustProxy: flag(env, 'TRUST_PROXY', false),
    jobsEnabled: flag(env, 'JOBS_ENABLED', true),
    publicTrackRateLimitPerMinute: integer(env, 'PUBLIC_TRACK_RATE_LIMIT_PER_MINUTE', 30, 1, 1_000_000),
    kuaidi100Salt: env.KUAIDI100_SALT?.trim() || null,
    afterShipSecret: env.AFTERSHIP_SECRET?.trim() || null,
    smtp: smtpUrl && smtpFrom ? { url: smtpUrl, from: smtpFrom } : null,
    publicBaseUrl,
  };
}
