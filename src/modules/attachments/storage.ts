/**
 * Where attachment bytes live. The database keeps the facts (name, type, size, sha256, key); the
 * bytes sit behind this interface so another store (object storage) can replace the local disk
 * without touching the use cases. Keys are made by the server (a uuid), never taken from a request.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface AttachmentStorage {
  /** Stores the bytes under `key`, whole or not at all. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the bytes under `key`; nothing there is fine. */
  remove(key: string): Promise<void>;
}

/** Server-made keys only: letters, digits and dashes. Anything else is a bug, not a path. */
const KEY = /^[A-Za-z0-9-]{8,128}$/;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/**
 * Files under `root`, fanned out by the key's first two characters (`root/3f/3fa1…`). Written to a
 * temporary file, flushed and renamed into place, so a reader never sees half a file and a crash
 * leaves at most a stray `.tmp`. Files are readable by the server's user only and never executable.
 */
export class LocalDiskStorage implements AttachmentStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid attachment storage key: ${JSON.stringify(key)}`);
    return path.join(this.root, key.slice(0, 2).toLowerCase(), key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const file = await open(temporary, 'wx', 0o600);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await file.close();
    try {
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
