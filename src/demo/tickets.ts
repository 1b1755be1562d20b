/**
 * The demo company's tickets, so the workstation and the board are not empty on first start:
 * the simulator's exceptions become tickets (as the job would do a minute later), and agents take a
 * few contacts through the real HTTP API — a phone query answered on the spot, a complaint, a claim —
 * while a customer opens a complaint on the self-service page.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ReferenceData } from '../modules/reference/cache.js';
import { ticketExceptions } from '../modules/tickets/jobs.js';
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

export async function seedDemoTickets(db: Kysely<DB>, reference: ReferenceData, baseUrl: string): Promise<{ tickets: number }> {
  // The exceptions the simulator raised, as tickets for their teams.
  for (;;) {
    const run = await ticketExceptions({ db, reference });
    if (run.opened + run.joined === 0) break;
  }
  const shipments = await db
    .selectFrom('shipments')
    .select(['waybill_no', 'recipient_name', 'recipient_phone', 'sender_name', 'sender_phone'])
    .where('recipient_phone', 'is not', null)
    .orderBy('waybill_no')
    .limit(4)
    .execute();
  const agent = await signIn(baseUrl, 'agent01');
  const [a, b, c, d] = shipments;
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
  if (d?.recipient_phone) {
    await send(baseUrl, '/api/public/tickets', { 'content-type': 'application/json' }, {
      waybillNo: d.waybill_no,
      phoneLast4: d.recipient_phone.replace(/\D/g, '').slice(-4),
      kind: 'complaint',
      text: '快件显示已签收，但我并没有收到，请尽快核实。',
    });
  }
  const count = await db.selectFrom('tickets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { tickets: Number(count.n) };
}
