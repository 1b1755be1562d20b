/**
 * What opening a claim costs and which policy decides it (issue 18 §11, bench/claims.ts): each
 * statement is a round trip, and at 300 claims a second the server's time went mostly to them, so
 * opening one sends three inside its transaction — the ticket with what its access rules read, the
 * parcel's facts with the newest policy version, and the claim written with its clocks and timeline
 * entry. The policy's rules are kept per process; a version stored by another process (here: a row
 * written straight to the database) decides the very next claim.
 */
import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLAIMS_POLICY } from '../../src/domain/claims/index.js';
import { openClaim } from '../../src/modules/claims/service.js';
import type { UserActor } from '../../src/modules/tickets/service.js';
import { claimTicket, parcel } from '../support/claims.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;

beforeAll(async () => {
  t = await createTestApp();
  agent = await t.signIn('agent01');
});
afterAll(async () => {
  await t.close();
});

const send = (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers: agent.headers(), ...(payload ? { payload } : {}) });

describe('opening a claim', () => {
  it('sends three statements inside its transaction, and the claim has its facts, scans, clock and timeline entry', async () => {
    const waybillNo = await parcel(t, { freight_fen: 1_000, declared_value_fen: 30_000 });
    const ticketId = await claimTicket(t, agent, waybillNo);
    const user = await t.database.db.selectFrom('users').selectAll().where('username', '=', 'agent01').executeTakeFirstOrThrow();
    const actor: UserActor = { kind: 'user', id: user.id, username: user.username, displayName: user.display_name, role: user.role as UserActor['role'], departmentId: user.department_id, sessionId: 'test' };
    const statements: string[] = [];
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        statements.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    // The first claim of this database stores the default policy: that one-time write is not counted.
    await sql`insert into claims_policies (version, rules, note, created_by) values (1, ${JSON.stringify(DEFAULT_CLAIMS_POLICY.rules)}, 'test', 'test') on conflict do nothing`.execute(t.database.db);
    const deps = { db: t.database.db.withPlugin(counting), timeZone: t.app.config.timeZone, reference: t.app.reference };

    // The first claim this process opens on the database reads the policy's rules once.
    const warm = await parcel(t, {});
    await openClaim(deps, actor, await claimTicket(t, agent, warm), { waybillNo: warm, type: 'delay', claimantSide: 'sender', claimedFen: 1_000, description: '延误' });
    expect(statements).toEqual(['SelectQueryNode', 'SelectQueryNode', 'SelectQueryNode', 'SelectQueryNode']);

    statements.length = 0;
    const { id } = await openClaim(deps, actor, ticketId, { waybillNo, type: 'damage', claimantSide: 'sender', claimedFen: 30_000, description: '外箱破损' });
    expect(statements).toEqual(['SelectQueryNode', 'SelectQueryNode', 'SelectQueryNode']);

    const claim = (await send('GET', `/api/claims/${id}`)).json();
    expect(claim.state).toBe('opened');
    expect(claim.facts).toMatchObject({ declaredValueFen: 30_000, freightFen: 1_000, waybillNo });
    expect(claim.facts.scans.map((s: { site: string }) => s.site)).toEqual(['上海转运中心', '杭州西湖营业部']);
    expect(claim.responsibility.proposedStation).toBe('杭州西湖营业部');
    expect(claim.proposal.totalFen).toBe(7_000 + 1_000);
    expect(claim.clocks.map((c: { kind: string }) => c.kind)).toEqual(['complaint_ceiling']);
    const timeline = await t.database.db.selectFrom('ticket_events').select(['kind', 'detail']).where('ticket_id', '=', ticketId).where('kind', '=', 'claim_opened').execute();
    expect(timeline).toHaveLength(1);
    expect(timeline[0]!.detail).toMatchObject({ claimId: id, proposedFen: 8_000 });

    // A second open claim of the type is still refused, by the claims core, and stores nothing.
    statements.length = 0;
    await expect(openClaim(deps, actor, ticketId, { waybillNo, type: 'damage', claimantSide: 'sender', claimedFen: 30_000, description: '再次' })).rejects.toMatchObject({ code: 'CLAIM_DUPLICATE_OPEN' });
    expect(await t.database.db.selectFrom('claims').select('id').where('waybill_no', '=', waybillNo).execute()).toHaveLength(1);
  });

  it('is decided by a policy version another process stored, at once, while earlier claims keep theirs', async () => {
    const first = await parcel(t, { freight_fen: 1_000, declared_value_fen: 30_000 });
    const firstTicket = await claimTicket(t, agent, first);
    const before = await send('POST', `/api/tickets/${firstTicket}/claims`, { waybillNo: first, type: 'damage', claimantSide: 'sender', claimedFen: 30_000, description: '外箱破损' });
    expect(before.statusCode, before.body).toBe(201);
    const newest = await t.database.db.selectFrom('claims_policies').select(['version', 'rules']).orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
    const rules = newest.rules as unknown as typeof DEFAULT_CLAIMS_POLICY.rules;
    // Another process saves a version capping uninsured loss at 5× freight.
    await t.database.db
      .insertInto('claims_policies')
      .values({
        version: newest.version + 1,
        rules: JSON.stringify({ ...rules, uninsuredCapMultiple: { ...rules.uninsuredCapMultiple, value: 5 } }),
        note: 'another process',
        created_by: 'test',
      })
      .execute();

    const second = await parcel(t, { freight_fen: 1_000, declared_value_fen: 30_000 });
    const secondTicket = await claimTicket(t, agent, second);
    const after = await send('POST', `/api/tickets/${secondTicket}/claims`, { waybillNo: second, type: 'damage', claimantSide: 'sender', claimedFen: 30_000, description: '外箱破损' });
    expect(after.statusCode, after.body).toBe(201);
    const [old, fresh] = await Promise.all([send('GET', `/api/claims/${before.json().id}`), send('GET', `/api/claims/${after.json().id}`)]);
    expect(fresh.json()).toMatchObject({ policyVersion: newest.version + 1, proposal: { totalFen: 5_000 + 1_000 } });
    expect(old.json()).toMatchObject({ policyVersion: newest.version, proposal: { totalFen: 7_000 + 1_000 } });
  });
});
