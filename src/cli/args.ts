/** Command-line flags shared by the commands: parsing with clear errors, and where output goes. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** Where a command writes: stdout for results, stderr for problems (tests capture both). */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

/** `… | head -1` closes the pipe early: that is the reader's choice, not an error of ours. */
export function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
}

/** "1 request", "7 requests". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export const consoleIo: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    // Node's messages name the flag ("Unknown option '--sheep'"); keep them, without the error code.
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

export function numberFlag(name: string, raw: string | undefined, range: { min: number; max: number; integer?: boolean }): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${name} must be a number, got "${raw}"`);
  if (range.integer && !Number.isInteger(value)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  if (value < range.min || value > range.max) throw new UsageError(`--${name} must be between ${range.min} and ${range.max}, got ${raw}`);
  return value;
}

export function timeFlag(name: string, raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const value = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(value.getTime())) {
    throw new UsageError(`--${name} must be an ISO time such as 2026-11-20T08:00:00+08:00, got "${raw}"`);
  }
  return value;
}

/** The server address: --url, else PARCELDESK_URL. */
export function serverUrl(raw: string | undefined, env: NodeJS.ProcessEnv): string {
  const value = raw ?? env.PARCELDESK_URL;
  if (!value) throw new UsageError('--url is required (or set PARCELDESK_URL), e.g. --url http://127.0.0.1:3000');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--url "${value}" is not a URL, e.g. http://127.0.0.1:3000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--url must be http:// or https://, got "${value}"`);
  return value;
}

/** The API key: --api-key, else PARCELDESK_API_KEY (an environment variable keeps it out of shell history). */
export function apiKey(raw: string | undefined, env: NodeJS.ProcessEnv): string {
  const value = raw ?? env.PARCELDESK_API_KEY;
  if (!value) throw new UsageError('--api-key is required (or set PARCELDESK_API_KEY): an integration key, pd_…, which an admin creates with POST /api/api-keys');
  if (!/^pd_[A-Za-z0-9_-]+$/.test(value)) throw new UsageError('--api-key must be a ParcelDesk key, pd_…');
  return value;
}
