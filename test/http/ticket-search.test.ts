/**
 * Search finds what agents type (docs/product.md §2, domain/tickets/search.ts): the last four digits
 * of a phone, a surname alone, a given name, a full name, a full phone, a waybill, words of the text
 * — best match first (exact numbers, full name, phone suffix, name parts, text), newest first
 * within a rank, each ticket once, across pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let agent2: Session;
let supervisor: Session;

interface Created {
  id: string;
  number: string;
}

/** The test's tickets, in the order they were opened (each newer than the one before). */
const tickets: Record<string, Created> = {};

async function open(key: string, fields: { customerName: string; customerPhone: string; waybillNo: string; subject?: string; description?: string; confidential?: boolean }) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/tickets',
    headers: agent.headers(),
    payload: {
      kind: 'query',
      channel: 'phone',
      subject: fields.subject ?? '查询快件',
      description: fields.description ?? '客户来电询问快件进度',
      waybillNos: [fields.waybillNo],
      customerName: fields.customerName,
      customerPhone: fields.customerPhone,
      ...(fields.confidential ? { confidential: true } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  tickets[key] = res.json() as Created;
  // Distinct creation instants, so "newest first" is the order of opening.
  await new Promise((r) => setTimeout(r, 5));
}

interface Found {
  id: string;
  match: string;
  customerName: string | null;
  customerPhone: string | null;
}

async function search(q: string, session: Session = agent, page = '&limit=100') {
  const res = await t.app.inject({ method: 'GET', url: `/api/tickets?q=${encodeURIComponent(q)}${page}`, headers: session.headers() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Found[]; nextCursor: string | null };
}

/** The test's tickets among the results, by key, in the order found, with how each matched. */
async function found(q: string, session: Session = agent): Promise<string[]> {
  const byId = new Map(Object.entries(tickets).map(([key, c]) => [c.id, key]));
  return (await search(q, session)).items.filter((i) => byId.has(i.id)).map((i) => `${byId.get(i.id)}:${i.match}`);
}

beforeAll(async () => {
  t = await createTestApp();
  [agent, agent2, supervisor] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('supervisor01')]);
  // Oldest first. Phones and waybills are each the customer's own.
  await open('chenYupeng', { customerName: '陈玉鹏', customerPhone: '138 0013 3344', waybillNo: 'SRCH00000001', description: '陈玉鹏先生来电，快件三天没有更新' });
  await open('chenJing', { customerName: '陈静', customerPhone: '13911112222', waybillNo: 'SRCH00000002' });
  await open('ouyangYupeng', { customerName: '欧阳玉鹏', customerPhone: '13700005566', waybillNo: 'SRCH00000003' });
  await open('liSi', { customerName: '李四', customerPhone: '13600007788', waybillNo: 'SRCH20263344' });
  await open('wangWu', { customerName: '王五', customerPhone: '13500003344', waybillNo: 'SRCH00000005' });
  await open('liPeng', { customerName: '李鹏', customerPhone: '13400009911', waybillNo: 'SRCH00000006' });
  await open('onlyGiven', { customerName: '玉鹏', customerPhone: '13300008822', waybillNo: 'SRCH00000007' });
  await open('secret', { customerName: '陈秘', customerPhone: '13200003344', waybillNo: 'SRCH00000008', confidential: true });
  // The newest: mentions 玉鹏 only in its text.
  await open('mentions', { customerName: '赵六', customerPhone: '13100007733', waybillNo: 'SRCH00000009', description: '客户说收件人玉鹏不在家，改天再派' });
});
afterAll(() => t.close());

describe('ticket search: what agents type', () => {
  it('the last 4 digits of the phone: every customer whose phone ends so, newest first; a waybill containing them is not a match', async () => {
    expect(await found('3344')).toEqual(['secret:phone_suffix', 'wangWu:phone_suffix', 'chenYupeng:phone_suffix']);
    // Full-width digits from a Chinese input method are the same digits.
    expect(await found('３３４４')).toEqual(['secret:phone_suffix', 'wangWu:phone_suffix', 'chenYupeng:phone_suffix']);
    // The phone as the lists show it, masked: only the customer whose phone starts so.
    expect(await found('138****3344')).toEqual(['chenYupeng:phone_suffix']);
    // Middle digits of a phone find nothing.
    expect(await found('0013')).toEqual([]);
  });

  it('the whole phone, however written, the waybill and the ticket number are exact matches', async () => {
    expect(await found('13800133344')).toEqual(['chenYupeng:exact']);
    expect(await found('138-0013-3344')).toEqual(['chenYupeng:exact']);
    expect(await found('srch20263344')).toEqual(['liSi:exact']);
    expect(await found(`#${tickets.liSi!.number}`)).toEqual(['liSi:exact']);
  });

  it('a surname alone, as a masked name from a list, or with a salutation: that surname only', async () => {
    for (const q of ['陈', '陈**', '陈女士']) expect(await found(q), q).toEqual(['secret:name_part', 'chenJing:name_part', 'chenYupeng:name_part']);
    // A compound surname is the start of the name.
    expect(await found('欧阳')).toEqual(['ouyangYupeng:name_part']);
  });

  it('a given name: the full name first, then the names it ends, then the texts that mention it, each once', async () => {
    // 玉鹏 is the whole name of one customer (rank 2), the given name of two (rank 4, newest first),
    // and a word in one ticket's text; 陈玉鹏's ticket also mentions it but is listed once, at its best.
    expect(await found('玉鹏')).toEqual(['onlyGiven:name', 'ouyangYupeng:name_part', 'chenYupeng:name_part', 'mentions:text']);
  });

  it('one character is a surname, never the end of a given name', async () => {
    expect(await found('鹏')).toEqual([]);
    expect(await found('李鹏')).toEqual(['liPeng:name']);
  });

  it('the full name comes first, then names that start with it', async () => {
    expect(await found('陈玉鹏')).toEqual(['chenYupeng:name']);
    expect(await found('陈玉')).toEqual(['chenYupeng:name_part']);
  });

  it('words of the conversation', async () => {
    expect(await found('改天再派')).toEqual(['mentions:text']);
  });

  it('results stay masked in the list', async () => {
    const item = (await search('3344')).items.find((i) => i.id === tickets.chenYupeng!.id)!;
    expect(item).toMatchObject({ customerName: '陈**', customerPhone: '138****3344' });
  });

  it('a confidential ticket is found by its team and supervisors only', async () => {
    expect(await found('3344', supervisor)).toEqual(['secret:phone_suffix', 'wangWu:phone_suffix', 'chenYupeng:phone_suffix']);
    // agent01 opened it in her team; agent02 is in another.
    expect(await found('3344', agent2)).toEqual(['wangWu:phone_suffix', 'chenYupeng:phone_suffix']);
    expect(await found('陈', agent2)).toEqual(['chenJing:name_part', 'chenYupeng:name_part']);
  });

  it('pages follow the ranking: one result a page, no ticket twice, none left out', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page: { items: Found[]; nextCursor: string | null } = await search('玉鹏', agent, `&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((x) => `${x.id}:${x.match}`));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    const all = (await search('玉鹏')).items.map((x) => `${x.id}:${x.match}`);
    expect(seen).toEqual(all);
    expect(new Set(seen.map((s) => s.split(':')[0])).size).toBe(seen.length);
  });

  it('a cursor that is not one of search is refused, not a 500', async () => {
    for (const cursor of [Buffer.from('2026-01-01T00:00:00.000Z|5').toString('base64url'), Buffer.from('9|2026-01-01T00:00:00.000Z|5').toString('base64url'), 'x']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/tickets?q=3344&cursor=${cursor}`, headers: agent.headers() });
      expect(res.statusCode, cursor).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });
});
