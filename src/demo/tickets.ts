/**
 * The demo company's tickets, so the workstation and the board are not empty on first start: agents
 * take a few contacts through the real HTTP API — a phone query answered on the spot, a complaint, a
 * claim — then the simulator's exceptions become tickets as the job would have opened them over the
 * last hours (so their clocks come due one after another, not all in the same minute, and routing
 * never gives an agent more than their capacity), and a customer complains on the self-service page
 * about a parcel whose exception ticket an agent already owns: it joins that ticket (首问负责制).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ReferenceData } from '../modules/reference/cache.js';
import { ticketExceptions, type LossClaimOpener } from '../modules/tickets/jobs.js';
import { DEMO_PASSWORD } from './seed.js';

async function signIn(baseUrl: string, username: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`demo sign-in as ${username} failed: HTTP ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

async function send(baseUrl: string, path: string, headers: Record<string, string>, body: unknown): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`demo ${path} failed: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, string>;
}

/** How far back the first exception ticket was opened: the oldest have breached, the newest are fresh. */
const EXCEPTION_SPREAD_MINUTES = 80;
/** Exceptions per run of the job as the demo replays it: a few tickets share each instant. */
const EXCEPTIONS_PER_RUN = 2;

export async function seedDemoTickets(db: Kysely<DB>, reference: ReferenceData, baseUrl: string, lossClaims?: LossClaimOpener, now = new Date()): Promise<{ tickets: number }> {
  await agentCalls(db, baseUrl);
  // The exceptions the simulator raised, as tickets for their teams, opened run after run over the
  // last hours (each run's instant is its tickets' creation and their clocks' start).
  const pending = await db.selectFrom('shipment_exceptions').select((eb) => eb.fn.countAll<string>().as('n')).where('ticket_id', 'is', null).executeTakeFirstOrThrow();
  const runs = Math.max(1, Math.ceil(Number(pending.n) / EXCEPTIONS_PER_RUN));
  for (let run = 0; ; run++) {
    const at = new Date(now.getTime() - Math.max(0, Math.round(EXCEPTION_SPREAD_MINUTES * (1 - run / runs))) * 60_000);
    const done = await ticketExceptions({ db, reference }, at, EXCEPTIONS_PER_RUN, lossClaims ? { lossClaims } : {});
    if (done.opened + done.joined === 0) break;
  }
  await customerComplaint(db, baseUrl);
  const count = await db.selectFrom('tickets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { tickets: Number(count.n) };
}

/** agent01 takes three calls about parcels without exceptions: their own tickets, counted by routing afterwards. */
async function agentCalls(db: Kysely<DB>, baseUrl: string): Promise<void> {
  const shipments = await db
    .selectFrom('shipments')
    .select(['waybill_no', 'recipient_name', 'recipient_phone', 'sender_name', 'sender_phone'])
    .where('recipient_phone', 'is not', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('shipment_exceptions as e').select('e.id').whereRef('e.waybill_no', '=', 'shipments.waybill_no'))))
    .orderBy('waybill_no')
    .limit(3)
    .execute();
  const agent = await signIn(baseUrl, 'agent01');
  const [a, b, c] = shipments;
  if (a) {
    await send(baseUrl, '/api/tickets', agent, {
      kind: 'query',
      channel: 'phone',
      subject: `来电查询快件 ${a.waybill_no}`,
      description: '客户来电询问快件什么时候能送到。',
      waybillNos: [a.waybill_no],
      customerName: a.recipient_name,
      customerPhone: a.recipient_phone,
      categoryCode: 'where_is_it',
      answer: '您好，您的快件正在派送途中，预计今天送达，请保持电话畅通。',
    });
  }
  if (b) {
    const complaint = await send(baseUrl, '/api/tickets', agent, {
      kind: 'complaint',
      channel: 'phone',
      subject: `派件员未联系直接放驿站 ${b.waybill_no}`,
      description: '客户投诉派件员没有打电话就把快件放在驿站，要求送货上门并处理派件员。',
      waybillNos: [b.waybill_no],
      customerName: b.recipient_name,
      customerPhone: b.recipient_phone,
      categoryCode: 'delivery_service',
    });
    // Resolved on the call: the complaint's callback (回访) is scheduled inside callback hours, so
    // the callbacks page has one to make.
    await send(baseUrl, `/api/tickets/${complaint.id}/resolve`, agent, {
      reply: '您好，已安排派件员今天重新送货上门，并对派件员进行了批评教育，给您带来不便，深表歉意。',
      causeCode: 'courier',
      version: Number(complaint.version),
    });
  }
  if (c) {
    await send(baseUrl, '/api/tickets', agent, {
      kind: 'claim',
      channel: 'wechat',
      subject: `外包装破损，内物受损 ${c.waybill_no}`,
      description: '客户在微信反映收到的快件外包装破损，里面的陶瓷杯碎了，申请理赔。',
      waybillNos: [c.waybill_no],
      customerName: c.sender_name,
      customerPhone: c.sender_phone,
      categoryCode: 'damage',
    });
  }
}

/** The recipient of a stalled or late parcel whose exception ticket agent01 owns complains on the self-service page. */
async function customerComplaint(db: Kysely<DB>, baseUrl: string): Promise<void> {
  const parcel = await db
    .selectFrom('tickets as t')
    .innerJoin('users as u', 'u.id', 't.owner_id')
    .innerJoin('ticket_waybills as w', 'w.ticket_id', 't.id')
    .innerJoin('shipments as s', 's.waybill_no', 'w.waybill_no')
    .select(['s.waybill_no', 's.recipient_phone'])
    .where('u.username', '=', 'agent01')
    .where('t.kind', '=', 'exception')
    .where('t.customer_phone', 'is not', null)
    .where('s.recipient_phone', 'is not', null)
    .orderBy('t.number')
    .limit(1)
    .executeTakeFirst();
  if (!parcel?.recipient_phone) return;
  await send(baseUrl, '/api/public/tickets', { 'content-type': 'application/json' }, {
    waybillNo: parcel.waybill_no,
    phoneLast4: parcel.recipient_phone.replace(/\D/g, '').slice(-4),
    kind: 'complaint',
    text: '我的快件到现在还没送到，到底怎么回事？请尽快核实。',
  });
}
