/**
 * Attachments through the HTTP API on a real database and a real folder: upload, download byte
 * for byte with the safe headers, refusals that store nothing, access as for the ticket, CSRF, and
 * the customer's upload through the ticket's secret link.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../../src/domain/limits.js';
import { attachToTicket } from '../../src/modules/attachments/service.js';
import { LocalDiskStorage } from '../../src/modules/attachments/storage.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: Session;
let agent2: Session;
let ops: Session;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pd-attachments-'));
  t = await createTestApp({ config: { attachmentsDir: dir } });
  [agent, agent2, ops] = await Promise.all([t.signIn('agent01'), t.signIn('agent02'), t.signIn('ops01')]);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

// --- real files, built here -----------------------------------------------------------------

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 2×2 RGBA PNG any decoder opens: red, green, blue, transparent. */
function smallPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.from([0, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 255, 255, 0, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A valid one-page PDF with a correct cross-reference table. */
function smallPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 44 >>\nstream\nBT /F1 18 Tf 20 40 Td (Signed slip) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(text));
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(text);
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

interface FilePart {
  name?: string;
  filename: string;
  type: string;
  data: Buffer;
}

function multipart(files: FilePart[], fields: Record<string, string> = {}) {
  const boundary = `----ParcelDesk${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name ?? 'file'}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(session: Session | null, url: string, files: FilePart[], options: { csrf?: boolean; fields?: Record<string, string> } = {}) {
  const body = multipart(files, options.fields);
  const headers: Record<string, string> = session ? session.headers({ 'content-type': body.contentType }) : { 'content-type': body.contentType };
  if (options.csrf === false) delete headers['x-csrf-token'];
  return t.app.inject({ method: 'POST', url, headers, payload: body.payload });
}

const get = (session: Session | null, url: string) => t.app.inject({ method: 'GET', url, headers: session ? session.headers() : {} });

function storedFiles(): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

async function attachmentRows(ticketId: string) {
  return t.database.db.selectFrom('ticket_attachments').selectAll().where('ticket_id', '=', ticketId).execute();
}

let serial = 0;
async function openTicket(session: Session, extra: Record<string, unknown> = {}) {
  serial += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/tickets',
    headers: session.headers(),
    payload: {
      kind: 'complaint',
      channel: 'phone',
      subject: '快件破损投诉',
      description: '客户反映外箱压坏,内件碎裂',
      waybillNos: [`ATT${String(serial).padStart(9, '0')}`],
      customerName: '张三',
      customerPhone: '13800138000',
      ...extra,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

const PNG = smallPng();
const PDF = smallPdf();

describe('staff upload and download', () => {
  it('a PNG goes up, is recorded with its digest and a timeline entry, and comes back byte for byte with safe headers', async () => {
    const ticket = await openTicket(agent);
    const res = await upload(agent, `/api/tickets/${ticket.id}/attachments`, [{ filename: '破损照片.png', type: 'image/png', data: PNG }]);
    expect(res.statusCode, res.body).toBe(201);
    const attachment = res.json();
    expect(attachment).toMatchObject({ fileName: '破损照片.png', mediaType: 'image/png', sizeBytes: PNG.length, byCustomer: false });

    const [row] = await attachmentRows(ticket.id);
    expect(row).toMatchObject({ id: attachment.id, size_bytes: PNG.length, uploaded_by: agent.userId, uploaded_by_customer: false });
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(storedFiles().some((f) => f.endsWith(row!.storage_key))).toBe(true);

    const detail = (await get(agent, `/api/tickets/${ticket.id}`)).json();
    expect(detail.attachments).toEqual([attachment]);
    expect(detail.version).toBeGreaterThan(ticket.version);
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'attachment', body: '破损照片.png', actorName: '王晓敏', visibility: 'internal' });

    const download = await get(agent, `/api/attachments/${attachment.id}`);
    expect(download.statusCode).toBe(200);
    expect(Buffer.compare(download.rawPayload, PNG)).toBe(0);
    expect(download.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
      'content-disposition': `inline; filename="attachment.png"; filename*=UTF-8''${encodeURIComponent('破损照片')}.png`,
    });
  });

  it('a PDF sent as octet-stream is recognised by its content and downloaded as an attachment, never inline', async () => {
    const ticket = await openTicket(agent);
    const res = await upload(agent, `/api/tickets/${ticket.id}/attachments`, [{ filename: 'C:\\scans\\签收单.pdf', type: 'application/octet-stream', data: PDF }]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: '签收单.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length });
    const download = await get(agent, `/api/attachments/${res.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(Buffer.compare(download.rawPayload, PDF)).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a JPEG named .exe keeps its bytes but gets an extension that says what it is', async () => {
    const ticket = await openTicket(agent);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
    const res = await upload(agent, `/api/tickets/${ticket.id}/attachments`, [{ filename: 'setup.exe', type: 'application/x-msdownload', data: jpeg }]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: 'setup.exe.jpg', mediaType: 'image/jpeg' });
  });
});

describe('refusals store nothing', () => {
  it('an HTML page renamed .png and declared image/png is 415, with no row and no file', async () => {
    const ticket = await openTicket(agent);
    const before = storedFiles().length;
    const html = Buffer.from('<!doctype html><html><body><script>fetch("/api/users")</script></body></html>');
    const res = await upload(agent, `/api/tickets/${ticket.id}/attachments`, [{ filename: 'photo.png', type: 'image/png', data: html }]);
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(await attachmentRows(ticket.id)).toHaveLength(0);
    expect(storedFiles()).toHaveLength(before);
  });

  it('a file over the limit is 413 and nothing is kept', async () => {
    const ticket = await openTicket(agent);
    const before = storedFiles().length;
    const big = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1);
    PNG.copy(big);
    const res = await upload(agent, `/api/tickets/${ticket.id}/attachments`, [{ filename: 'big.png', type: 'image/png', data: big }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('ATTACHMENT_TOO_LARGE');
    expect(await attachmentRows(ticket.id)).toHaveLength(0);
    expect(storedFiles()).toHaveLength(before);
  });

  it('a file of exactly the limit is accepted', async () => {
    const ticket = await openTicket(agent);
    const exact = Buffer.alloc(ATTACHMENT_MAX_BYTES);
    PNG.copy(exact);
    const res = await upload(agent, `/api/tickets/${ticket.id}/attachments`, [{ filename: 'exact.png', type: 'image/png', data: exact }]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().sizeBytes).toBe(ATTACHMENT_MAX_BYTES);
  });

  it('without the CSRF token a signed-in upload is 403 and nothing is kept', async () => {
    const ticket = await openTicket(agent);
    const before = storedFiles().length;
    const res = await upload(agent, `/api/tickets/${ticket.id}/attachments`, [{ filename: 'a.png', type: 'image/png', data: PNG }], { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_TOKEN_INVALID');
    expect(await attachmentRows(ticket.id)).toHaveLength(0);
    expect(storedFiles()).toHaveLength(before);
  });

  it('two files, a file in another field, no file, or a JSON body are 400', async () => {
    const ticket = await openTicket(agent);
    const url = `/api/tickets/${ticket.id}/attachments`;
    const two = await upload(agent, url, [
      { filename: 'a.png', type: 'image/png', data: PNG },
      { filename: 'b.png', type: 'image/png', data: PNG },
    ]);
    const otherField = await upload(agent, url, [{ name: 'photo', filename: 'a.png', type: 'image/png', data: PNG }]);
    const none = await upload(agent, url, [], { fields: { note: '没有文件' } });
    const json = await t.app.inject({ method: 'POST', url, headers: agent.headers(), payload: { file: 'iVBORw0KGgo=' } });
    expect([two.statusCode, otherField.statusCode, none.statusCode, json.statusCode]).toEqual([400, 400, 400, 400]);
    expect(await attachmentRows(ticket.id)).toHaveLength(0);
  });

  it('signed out, an upload is 401 and a download is 401', async () => {
    const ticket = await openTicket(agent);
    const up = await upload(null, `/api/tickets/${ticket.id}/attachments`, [{ filename: 'a.png', type: 'image/png', data: PNG }]);
    expect(up.statusCode).toBe(401);
    const ok = await upload(agent, `/api/tickets/${ticket.id}/attachments`, [{ filename: 'a.png', type: 'image/png', data: PNG }]);
    expect((await get(null, `/api/attachments/${ok.json().id}`)).statusCode).toBe(401);
  });

  it('when the transaction fails after the file was written, the file is removed', async () => {
    const ticket = await openTicket(agent);
    const before = storedFiles().length;
    const user = await t.database.db.selectFrom('users').select(['id', 'username', 'display_name', 'department_id']).where('username', '=', 'agent02').executeTakeFirstOrThrow();
    const actor = { kind: 'user' as const, id: user.id, username: user.username, displayName: user.display_name, role: 'agent' as const, departmentId: user.department_id, sessionId: 'test' };
    const deps = { db: t.database.db, reference: t.app.reference, storage: new LocalDiskStorage(dir) };
    // While the bytes arrive, the ticket becomes confidential: the check inside the transaction refuses.
    const refused = attachToTicket(deps, actor, ticket.id, async () => {
      await t.database.db.updateTable('tickets').set({ confidential: true }).where('id', '=', ticket.id).execute();
      return { fileName: 'late.png', bytes: PNG };
    });
    await expect(refused).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    expect(await attachmentRows(ticket.id)).toHaveLength(0);
    expect(storedFiles()).toHaveLength(before);
  });
});

describe('access follows the ticket', () => {
  it('another team’s agent gets 404 on a confidential ticket’s attachment and cannot attach to it', async () => {
    const ticket = await openTicket(agent, { confidential: true, customerName: '保密客户' });
    const res = await upload(agent, `/api/tickets/${ticket.id}/attachments`, [{ filename: '保密.png', type: 'image/png', data: PNG }]);
    expect(res.statusCode, res.body).toBe(201);
    const download = await get(agent2, `/api/attachments/${res.json().id}`);
    expect(download.statusCode).toBe(404);
    expect(download.json().code).toBe('ATTACHMENT_NOT_FOUND');
    const attach = await upload(agent2, `/api/tickets/${ticket.id}/attachments`, [{ filename: 'x.png', type: 'image/png', data: PNG }]);
    expect(attach.statusCode).toBe(404);
    expect((await get(agent, `/api/attachments/${res.json().id}`)).statusCode).toBe(200);
  });

  it('department staff read attachments only of tickets their department was asked about', async () => {
    const ticket = await openTicket(agent);
    const res = await upload(agent, `/api/tickets/${ticket.id}/attachments`, [{ filename: '外箱.png', type: 'image/png', data: PNG }]);
    expect((await get(ops, `/api/attachments/${res.json().id}`)).statusCode).toBe(404);
    const opsDept = (await t.database.db.selectFrom('departments').select('id').where('code', '=', 'OPS').executeTakeFirstOrThrow()).id;
    const detail = (await get(agent, `/api/tickets/${ticket.id}`)).json();
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/department-requests`,
      headers: agent.headers(),
      payload: { departmentId: opsDept, question: '请看照片核实破损原因', version: detail.version },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect((await get(ops, `/api/attachments/${res.json().id}`)).statusCode).toBe(200);
    // Reading is not working the ticket: department staff do not attach through the console route.
    const attach = await upload(ops, `/api/tickets/${ticket.id}/attachments`, [{ filename: 'x.png', type: 'image/png', data: PNG }]);
    expect(attach.statusCode).toBe(403);
  });

  it('an unknown attachment is 404', async () => {
    expect((await get(agent, `/api/attachments/${randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('customer upload through the secret link', () => {
  async function customerTicket(waybillNo: string) {
    await t.database.db
      .insertInto('shipments')
      .values({ waybill_no: waybillNo, registered: true, sender_name: '王五', sender_phone: '13811112222', recipient_name: '赵六', recipient_phone: '13933334444' })
      .execute();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/public/tickets',
      payload: { waybillNo, phoneLast4: '4444', kind: 'complaint', text: '收到的快件外箱破损,里面的杯子碎了' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { token, number } = created.json() as { token: string; number: string };
    const row = await t.database.db.selectFrom('tickets').select(['id', 'version']).where('number', '=', number).executeTakeFirstOrThrow();
    return { token, id: row.id, version: row.version };
  }

  it('the customer attaches a damage photo; staff see it marked as the customer’s', async () => {
    const ticket = await customerTicket('CUSTATT00001');
    const res = await upload(null, `/api/public/tickets/${ticket.token}/attachments`, [{ filename: 'IMG_2041.png', type: 'image/png', data: PNG }]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: 'IMG_2041.png', mediaType: 'image/png', byCustomer: true });
    const [row] = await attachmentRows(ticket.id);
    expect(row).toMatchObject({ uploaded_by: null, uploaded_by_customer: true });
    const detail = (await get(agent, `/api/tickets/${ticket.id}`)).json();
    expect(detail.attachments).toHaveLength(1);
    expect(detail.attachments[0].byCustomer).toBe(true);
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'attachment', body: 'IMG_2041.png', actorKind: 'customer', actorName: '赵*' });
    const download = await get(agent, `/api/attachments/${res.json().id}`);
    expect(Buffer.compare(download.rawPayload, PNG)).toBe(0);
  });

  it('the customer is held to the same type rule, and a wrong link is 404', async () => {
    const ticket = await customerTicket('CUSTATT00002');
    const html = await upload(null, `/api/public/tickets/${ticket.token}/attachments`, [{ filename: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('<svg onload="alert(1)"/>') }]);
    expect(html.statusCode).toBe(415);
    const wrong = await upload(null, `/api/public/tickets/${'x'.repeat(32)}/attachments`, [{ filename: 'a.png', type: 'image/png', data: PNG }]);
    expect(wrong.statusCode).toBe(404);
    expect(await attachmentRows(ticket.id)).toHaveLength(0);
  });

  it('there is no public download: staff attachments stay inside', async () => {
    const ticket = await customerTicket('CUSTATT00003');
    const staff = await upload(agent, `/api/tickets/${ticket.id}/attachments`, [{ filename: '内部照片.png', type: 'image/png', data: PNG }]);
    expect(staff.statusCode, staff.body).toBe(201);
    for (const url of [`/api/public/tickets/${ticket.token}/attachments`, `/api/public/tickets/${ticket.token}/attachments/${staff.json().id}`, `/api/attachments/${staff.json().id}`]) {
      expect((await get(null, url)).statusCode, url).toBeGreaterThanOrEqual(401);
    }
    const view = (await get(null, `/api/public/tickets/${ticket.token}`)).body;
    expect(view).not.toContain(staff.json().id);
    expect(view).not.toContain('内部照片');
  });
});
