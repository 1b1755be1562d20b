/**
 * Property-based: whatever happens to parcels, tickets, clocks, callbacks, claims and the ledger,
 * and whenever the incremental rollup runs in between, the daily KPI facts it leaves are exactly
 * those a rebuild of the period computes from the raw records.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allFacts, allSlices } from '../../src/modules/kpis/repository.js';
import { rebuildKpiFacts, rollupKpiChanges } from '../../src/modules/kpis/service.js';
import { createTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let agents: string[];
let teams: string[];
const ZONE = 'Asia/Shanghai';
let run = 0;

beforeAll(async () => {
  t = await createTestApp();
  agents = (await t.database.db.selectFrom('users').select('id').where('role', 'in', ['agent', 'supervisor']).orderBy('username').limit(3).execute()).map((r) => r.id);
  // claims name the policy version they were proposed under; the demo company may have none stored yet
  await sql`insert into claims_policies (version, rules, note, created_by) select 1, '{}', 'kpi test', 'test' where not exists (select 1 from claims_policies)`.execute(t.database.db);
  teams = (await t.database.db.selectFrom('departments').select('id').orderBy('code').limit(2).execute()).map((r) => r.id);
});
afterAll(() => t.close());

/** A step of history; minutes count from the run's first company midnight, so days' edges are hit. */
const minute = fc.integer({ min: 0, max: 4 * 24 * 60 });
const stepArb = fc.oneof(
  fc.record({ op: fc.constant('parcel' as const), at: minute, promiseAfter: fc.option(fc.integer({ min: 60, max: 3 * 24 * 60 })), province: fc.constantFrom('浙江省', '广东省'), station: fc.constantFrom('杭州西湖网点', '广州天河网点') }),
  fc.record({ op: fc.constant('deliver' as const), which: fc.nat(), at: minute, station: fc.constantFrom('杭州西湖网点', '广州天河网点') }),
  fc.record({ op: fc.constant('exception' as const), which: fc.nat(), at: minute, kind: fc.constantFrom('damaged', 'lost', 'delayed') }),
  fc.record({ op: fc.constant('ticket' as const), at: minute, kind: fc.constantFrom('complaint', 'query'), agent: fc.nat(), team: fc.nat() }),
  fc.record({ op: fc.constant('event' as const), which: fc.nat(), at: minute, kind: fc.constantFrom('reply', 'transfer', 'resolved', 'note'), agent: fc.nat() }),
  fc.record({ op: fc.constant('resolve' as const), which: fc.nat(), at: minute, rating: fc.option(fc.integer({ min: 1, max: 5 })) }),
  fc.record({ op: fc.constant('transfer' as const), which: fc.nat(), team: fc.nat(), agent: fc.nat() }),
  fc.record({ op: fc.constant('clock' as const), which: fc.nat(), kind: fc.constantFrom('first_response', 'resolution'), at: minute, used: fc.integer({ min: 0, max: 3000 }), breached: fc.boolean() }),
  fc.record({ op: fc.constant('callback' as const), which: fc.nat(), at: minute, outcome: fc.constantFrom(null, 'satisfied', 'unsatisfied', 'unreachable', 'cancelled') }),
  fc.record({ op: fc.constant('claim' as const), which: fc.nat(), at: minute, decideAfter: fc.option(fc.integer({ min: 1, max: 3000 })), approved: fc.option(fc.integer({ min: 0, max: 100_000 })) }),
  fc.record({ op: fc.constant('chargeback' as const), at: minute, amount: fc.integer({ min: 1, max: 50_000 }), reverse: fc.boolean() }),
  fc.record({ op: fc.constant('rollup' as const) }),
);
type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

describe('KPI facts', () => {
  it('rebuild = incremental, for random histories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 30 }), async (steps) => {
        const db = t.database.db;
        run += 1;
        // Each run lives in its own week of 2026, company zone, far from the demo's days.
        const origin = Date.parse(`2026-0${1 + (run % 9)}-01T00:00:00+08:00`) + (run % 4) * 6 * 86_400_000;
        const at = (m: number) => new Date(origin + m * 60_000);
        const shipments: { id: string; waybill: string }[] = [];
        const tickets: string[] = [];
        const clocks = new Map<string, string>();
        const claims: string[] = [];
        for (const [i, s] of (steps as Step[]).entries()) {
          switch (s.op) {
            case 'parcel': {
              const waybill = `KPI${run}X${i}`;
              const row = await db
                .insertInto('shipments')
                .values({
                  waybill_no: waybill,
                  picked_up_at: at(s.at),
                  promised_at: s.promiseAfter === null ? null : at(s.at + s.promiseAfter),
                  recipient_province: s.province,
                  recipient_city: s.province === '浙江省' ? '杭州市' : '广州市',
                  last_site: s.station,
                })
                .returning('id')
                .executeTakeFirstOrThrow();
              shipments.push({ id: row.id, waybill });
              break;
            }
            case 'deliver': {
              const p = shipments[s.which % Math.max(1, shipments.length)];
              if (p) await db.updateTable('shipments').set({ delivered_at: at(s.at), last_site: s.station }).where('id', '=', p.id).execute();
              break;
            }
            case 'exception': {
              const p = shipments[s.which % Math.max(1, shipments.length)];
              if (p) await db.insertInto('shipment_exceptions').values({ shipment_id: p.id, waybill_no: p.waybill, kind: s.kind, raised_at: at(s.at), site: '杭州西湖网点', area_code: null, detail: '{}' }).onConflict((oc) => oc.doNothing()).execute();
              break;
            }
            case 'ticket': {
              const row = await db
                .insertInto('tickets')
                .values({ kind: s.kind, subject: 'kpi', channel: 'phone', owner_id: agents[s.agent % agents.length]!, team_id: teams[s.team % teams.length]!, created_at: at(s.at), customer_id: null, customer_name: null, customer_phone: null, category_code: null, cause_code: null, merged_into_id: null, close_reason: null, rating: null, rating_reason: null, created_by: null, exception_waybill_no: null })
                .returning('id')
                .executeTakeFirstOrThrow();
              tickets.push(row.id);
              break;
            }
            case 'event': {
              const id = tickets[s.which % Math.max(1, tickets.length)];
              if (id) await db.insertInto('ticket_events').values({ ticket_id: id, at: at(s.at), actor_id: agents[s.agent % agents.length]!, actor_name: 'kpi', kind: s.kind, visibility: s.kind === 'reply' ? 'public' : 'internal', from_value: null, to_value: null, body: null }).execute();
              break;
            }
            case 'resolve': {
              const id = tickets[s.which % Math.max(1, tickets.length)];
              if (id) await db.updateTable('tickets').set({ resolved_at: at(s.at), rating: s.rating, rated_at: s.rating === null ? null : at(s.at + 30) }).where('id', '=', id).execute();
              break;
            }
            case 'transfer': {
              const id = tickets[s.which % Math.max(1, tickets.length)];
              if (id) await db.updateTable('tickets').set({ team_id: teams[s.team % teams.length]!, owner_id: agents[s.agent % agents.length]! }).where('id', '=', id).execute();
              break;
            }
            case 'clock': {
              const id = tickets[s.which % Math.max(1, tickets.length)];
              if (!id) break;
              const key = `${id}:${s.kind}`;
              const fields = { stopped_at: at(s.at), used_minutes: s.used, breached_at: s.breached ? at(s.at) : null };
              if (clocks.has(key)) await db.updateTable('ticket_clocks').set(fields).where('ticket_id', '=', id).where('kind', '=', s.kind).execute();
              else await db.insertInto('ticket_clocks').values({ ticket_id: id, kind: s.kind, basis: 'business', target_minutes: 60, started_at: at(0), policy_version: 1, ...fields }).execute();
              clocks.set(key, id);
              break;
            }
            case 'callback': {
              const id = tickets[s.which % Math.max(1, tickets.length)];
              if (id) await db.insertInto('ticket_callbacks').values({ ticket_id: id, scheduled_for: at(s.at), assignee_id: agents[0]!, outcome: s.outcome, note: null, done_at: s.outcome ? at(s.at) : null, done_by: s.outcome ? agents[1]! : null, last_attempt_at: null, last_attempt_by: null, last_attempt_note: null }).execute();
              break;
            }
            case 'claim': {
              const p = shipments[s.which % Math.max(1, shipments.length)];
              const ticket = tickets[s.which % Math.max(1, tickets.length)];
              if (!p || !ticket) break;
              const row = await sql<{ id: string }>`
                insert into claims (shipment_id, waybill_no, ticket_id, type, claimant_side, claimed_fen, description, facts, policy_version, proposal, proposed_fen, required_level, created_at, proposed_station)
                values (${p.id}, ${p.waybill}, ${ticket}, 'damage', 'sender', 100000, 'kpi', '{}', (select max(version) from claims_policies), '{}', 0, 'agent', ${at(s.at)}, '杭州西湖网点')
                on conflict do nothing
                returning id`.execute(db);
              // a parcel has at most one open claim of a type (claims_one_open_per_type): a second is no step
              if (!row.rows[0]) break;
              claims.push(row.rows[0].id);
              if (s.decideAfter !== null) await db.updateTable('claims').set({ decided_at: at(s.at + s.decideAfter), approved_fen: s.approved, state: s.approved === null ? 'rejected' : 'approved' }).where('id', '=', row.rows[0]!.id).execute();
              break;
            }
            case 'chargeback': {
              const claim = claims[0];
              if (!claim) break;
              const charged = await sql<{ id: string }>`insert into claim_ledger (claim_id, entry_key, idempotency_key, kind, direction, amount_fen, reference, station, created_at)
                values (${claim}, ${`kpi${run}-${i}`}, ${`kpi${run}-${i}`}, 'chargeback', 'in', ${s.amount}, 'kpi', '杭州西湖网点', ${at(s.at)})
                returning id`.execute(db);
              // a reversal names the entry it reverses (claim_ledger's check)
              if (s.reverse)
                await sql`insert into claim_ledger (claim_id, entry_key, idempotency_key, kind, direction, amount_fen, reference, station, reverses_entry_id, created_at)
                  values (${claim}, ${`kpi${run}-${i}r`}, ${`kpi${run}-${i}r`}, 'reversal', 'out', ${s.amount}, 'kpi', '杭州西湖网点', ${charged.rows[0]!.id}, ${at(s.at + 10)})`.execute(db);
              break;
            }
            case 'rollup':
              await rollupKpiChanges(db, ZONE);
              break;
          }
        }
        await rollupKpiChanges(db, ZONE);
        const from = new Date(origin - 86_400_000).toISOString().slice(0, 10);
        const to = new Date(origin + 7 * 86_400_000).toISOString().slice(0, 10);
        const inPeriod = (rows: Record<string, unknown>[]) => rows.filter((r) => String(r.day) >= from && String(r.day) <= to);
        const incremental = inPeriod(await allFacts(db));
        const incrementalSlices = inPeriod(await allSlices(db));
        await rebuildKpiFacts(db, from, to, ZONE);
        const rebuilt = inPeriod(await allFacts(db));
        expect(incremental).toEqual(rebuilt);
        expect(incrementalSlices).toEqual(inPeriod(await allSlices(db)));
        // the log is drained
        expect(Number((await sql<{ n: number }>`select count(*)::int as n from kpi_changes`.execute(db)).rows[0]!.n)).toBe(0);
      }),
      { numRuns: 25 },
    );
  });
});
