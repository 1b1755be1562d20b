/**
 * The KPI change log's update triggers plan their statement per call (migration
 * 2026-12-08T2320): after a one-row update, an update of many parcels still logs every day it
 * changes, and the migration's rewrite of the trigger functions goes back and forth exactly.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as plannedPerStatement from '../../src/db/migrations/2026-12-08T2320_kpi_update_triggers_planned_per_statement.js';
import { createTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const bodies = async () =>
  (await sql<{ name: string; src: string }>`select proname as name, prosrc as src from pg_proc where proname like 'kpi\\_log\\_%\\_update' order by proname`.execute(t.database.db)).rows;

const DAY = 86_400_000;

describe('KPI update triggers', () => {
  it('log the days of every parcel a large update changes, after a one-row update on the same connection', async () => {
    const db = t.database.db;
    const base = Date.UTC(2026, 9, 1, 4);
    await sql`insert into shipments (waybill_no, status, sub_status, picked_up_at)
      select 'KT' || lpad(i::text, 10, '0'), 'in_transit', 'arrived', ${new Date(base)}::timestamptz from generate_series(0, 299) i`.execute(db);
    await db.connection().execute(async (c) => {
      await sql`delete from kpi_changes`.execute(c);
      await sql`update shipments set delivered_at = ${new Date(base + 40 * DAY)}::timestamptz where waybill_no = 'KT0000000000'`.execute(c);
      // each parcel delivered on its own day: 300 days, each must be in the log
      await sql`update shipments set delivered_at = ${new Date(base)}::timestamptz + (right(waybill_no, 3)::int + 1) * interval '1 day'
        where waybill_no like 'KT%'`.execute(c);
    });
    const days = await sql<{ n: number }>`
      select count(distinct date_trunc('day', at))::int as n from kpi_changes where at >= ${new Date(base + DAY)}::timestamptz`.execute(db);
    // 300 delivery days (1 to 300 days after pickup), the one-row update's day 40 among them
    expect(days.rows[0]!.n).toBe(300);
  });

  it('the migration rewrites each update trigger to plan per call, and back', async () => {
    const db = t.database.db;
    const now = await bodies();
    expect(now.length).toBeGreaterThanOrEqual(6);
    for (const { src } of now) expect(src).toMatch(/^\s*begin\s*execute \$statement\$/);
    await plannedPerStatement.down(db);
    const before = await bodies();
    for (const { src } of before) expect(src).not.toContain('execute $statement$');
    await plannedPerStatement.up(db);
    expect(await bodies()).toEqual(now);
  });
});
