import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { LocalDiskStorage } from './storage.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'pd-storage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('LocalDiskStorage', () => {
  const storage = new LocalDiskStorage(path.join(root, 'nested', 'attachments'));

  it('creates its folders, keeps the bytes, and leaves no temporary file behind', async () => {
    const key = randomUUID();
    const bytes = Buffer.from('破损照片的字节');
    await storage.put(key, bytes);
    expect(await storage.get(key)).toEqual(bytes);
    const files = readdirSync(storage.root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.map((f) => f.name)).toEqual([key]);
    // Readable by the server's user only, and never executable.
    const mode = statSync(path.join(files[0]!.parentPath, key)).mode & 0o777;
    expect(mode & 0o111).toBe(0);
    expect(mode & 0o077).toBe(0);
  });

  it('answers null for a key it does not hold, and removing twice is fine', async () => {
    const key = randomUUID();
    expect(await storage.get(key)).toBeNull();
    await storage.put(key, Buffer.from('x'));
    await storage.remove(key);
    await storage.remove(key);
    expect(await storage.get(key)).toBeNull();
  });

  it('a second put under the same key replaces the file whole', async () => {
    const key = randomUUID();
    await storage.put(key, Buffer.from('first version, longer'));
    await storage.put(key, Buffer.from('second'));
    expect((await storage.get(key))?.toString()).toBe('second');
  });

  it.each(['../etc/passwd', 'a/b', '..', '', 'x'.repeat(200), 'key with spaces', 'C:\\x'])('refuses the key %j: keys are made by the server', async (key) => {
    await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/invalid attachment storage key/);
    await expect(storage.get(key)).rejects.toThrow(/invalid attachment storage key/);
  });
});

describe('ATTACHMENTS_DIR', () => {
  it('defaults beside the data folder (not inside PGlite’s own), also with PostgreSQL', () => {
    expect(loadConfig({ DATA_DIR: '/srv/parceldesk/data' }).attachmentsDir).toBe('/srv/parceldesk/data-attachments');
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).attachmentsDir).toMatch(/\/data-attachments$/);
    expect(loadConfig({ ATTACHMENTS_DIR: '/mnt/files' }).attachmentsDir).toBe('/mnt/files');
  });
});
