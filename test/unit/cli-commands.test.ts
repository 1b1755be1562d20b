/** The commands' own behaviour without a server: usage errors, help, and a dry run. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../../src/cli/args.js';
import { importCommand } from '../../src/cli/import-command.js';
import { simulateCommand } from '../../src/cli/simulate-command.js';

function capture(): CommandIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

const server = ['--url', 'http://127.0.0.1:3000', '--api-key', 'pd_abc'];
const dir = mkdtempSync(path.join(os.tmpdir(), 'parceldesk-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simulate', () => {
  it.each([
    { args: ['--sheep', '2'], error: "Unknown option '--sheep'" },
    { args: ['--api-key', 'pd_abc'], error: '--url is required (or set PARCELDESK_URL)' },
    { args: ['--url', 'ftp://x', '--api-key', 'pd_abc'], error: '--url must be http:// or https://' },
    { args: ['--url', 'http://x'], error: '--api-key is required (or set PARCELDESK_API_KEY)' },
    { args: ['--url', 'http://x', '--api-key', 'secret'], error: '--api-key must be a ParcelDesk key, pd_…' },
    { args: [...server, '--shipments', 'many'], error: '--shipments must be a number, got "many"' },
    { args: [...server, '--shipments', '0'], error: '--shipments must be between 1 and 200000, got 0' },
    { args: [...server, '--seed', '1.5'], error: '--seed must be a whole number, got "1.5"' },
    { args: [...server, '--delayed', '1.5'], error: '--delayed must be between 0 and 1, got 1.5' },
    { args: [...server, '--delayed', '0.6', '--not-collected', '0.6'], error: 'the shares add up to 1.265 (with the defaults for those not given)' },
    { args: [...server, '--now', 'today'], error: '--now must be an ISO time' },
    { args: [...server, '--days', '5', '--start', '2026-11-01T00:00:00Z'], error: 'give --start or --days, not both' },
    { args: [...server, '--start', '2027-01-01T00:00:00Z', '--now', '2026-11-01T00:00:00Z'], error: 'start must be before now' },
    { args: [...server, '--batch-size', '6000'], error: '--batch-size must be between 1 and 5000' },
    { args: [...server, 'extra'], error: 'unexpected argument "extra"' },
  ])('refuses $args', async ({ args, error }) => {
    const io = capture();
    expect(await simulateCommand(args, io, {})).toBe(2);
    expect(io.stderr[0]).toContain(error);
    expect(io.stderr[1]).toBe('Run with --help for the options.');
  });

  it('takes the server and key from the environment', async () => {
    const io = capture();
    expect(await simulateCommand(['--shipments', '0'], io, { PARCELDESK_URL: 'http://x', PARCELDESK_API_KEY: 'pd_x' })).toBe(2);
    expect(io.stderr[0]).toContain('--shipments must be between');
  });

  it('prints help, and generates without sending on a dry run', async () => {
    const help = capture();
    expect(await simulateCommand(['--help'], help)).toBe(0);
    expect(help.stdout[0]).toMatch(/^Usage: npx tsx src\/cli\/simulate\.ts/);

    const io = capture();
    expect(await simulateCommand(['--dry-run', '--shipments', '50', '--seed', '3', '--now', '2026-11-22T06:00:00Z'], io, {})).toBe(0);
    expect(io.stdout).toHaveLength(2);
    expect(io.stdout[0]).toMatch(/^Generated 50 shipments and \d+ events \(seed 3, now 2026-11-22T06:00:00\.000Z\); last scan: .*delivered \d+.*; nothing sent \(--dry-run\)$/);
    expect(JSON.parse(io.stdout[1]!)).toMatchObject({ seed: 3, dryRun: true, summary: { shipments: 50 } });
  });
});

describe('import', () => {
  it.each([
    { args: [...server], error: 'name a file: shipments.csv, or --events events.csv' },
    { args: [...server, 'a.json'], error: 'a.json: expected a .csv or .xlsx file' },
    { args: [...server, 'a.csv', 'b.csv'], error: 'one shipments file at a time, got 2' },
    { args: [...server, 'a.csv', '--shipments', 'b.csv'], error: 'give the shipments file once' },
    { args: [...server, '--events', 'e.csv', '--time-zone', 'Mars/Base'], error: '--time-zone "Mars/Base" is not a known time zone' },
    { args: [...server, '--events', 'e.csv', '--batch-size', '5001'], error: '--batch-size must be between 1 and 5000' },
    { args: [...server, 'a.csv', '--batch-size', '1001'], error: '--batch-size must be between 1 and 1000' },
    { args: ['a.csv'], error: '--url is required' },
  ])('refuses $args', async ({ args, error }) => {
    const io = capture();
    expect(await importCommand(args, io, {})).toBe(2);
    expect(io.stderr[0]).toContain(error);
  });

  it('checks a file on a dry run without a server, row by row', async () => {
    const file = path.join(dir, 'events.csv');
    writeFileSync(
      file,
      [
        'waybill_no,event_time,status,sub_status,text',
        'PD1000000001,2026-11-20 14:03,in_transit,arrived,到达杭州转运中心',
        'PD1000000001,,in_transit,arrived,到达',
        'PD1000000001,2026-11-20 15:03,delivered,by_drone,已签收',
      ].join('\n'),
    );
    const io = capture();
    expect(await importCommand(['--dry-run', '--events', file], io, {})).toBe(1);
    expect(io.stderr).toEqual([
      'events.csv row 3: event_time is empty',
      'events.csv row 4: sub_status "by_drone" does not belong to status "delivered" (expected self, proxy, locker, station, returned_signed, abnormal_signed)',
    ]);
    expect(io.stdout[0]).toBe('events.csv: 3 rows, 1 valid, 2 with problems; nothing sent (--dry-run)');
  });

  it('refuses a file whose header does not match, naming the columns', async () => {
    const file = path.join(dir, 'shipments.csv');
    writeFileSync(file, 'waybill,sender_name\nPD1,张三\n');
    const io = capture();
    expect(await importCommand(['--dry-run', file], io, {})).toBe(1);
    expect(io.stderr[0]).toMatch(/^shipments\.csv row 1: unknown column "waybill" \(column 1\); expected: waybill_no, /);
    expect(io.stderr).toContain('shipments.csv row 1: missing column "waybill_no"');
    expect(io.stdout[0]).toBe('shipments.csv: not imported (7 problems with the header)');
  });
});
