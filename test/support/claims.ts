/** Fixtures for the claims tests: a parcel with known facts and scans, a claim ticket on it, real uploads. */
import { randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { ensurePartitions } from '../../src/modules/tracking/partitions.js';
import type { Session, TestApp } from './harness.js';

const DAY = 86_400_000;
let serial = 0;

export interface ParcelFacts {
  insured?: boolean;
  declared_value_fen?: number | null;
  insurance_fee_fen?: number;
  freight_fen?: number;
  payment_term?: 'sender_pays' | 'collect' | 'monthly';
  monthly_account?: string | null;
  picked_up_at?: Date | null;
  promised_at?: Date | null;
  delivered_at?: Date | null;
}

/** A parcel picked up 10 days ago (unless told otherwise), scanned at two stations, the second scanning it damaged. */
export async function parcel(t: TestApp, facts: ParcelFacts = {}): Promise<string> {
  serial += 1;
  const waybillNo = `CLM${Date.now().toString().slice(-7)}${String(serial).padStart(3, '0')}`;
  const pickedUp = facts.picked_up_at === undefined ? new Date(Date.now() - 10 * DAY) : facts.picked_up_at;
  await t.database.db
    .insertInto('shipments')
    .values({
      waybill_no: waybillNo,
      registered: true,
      sender_name: '王五',
      sender_phone: '13811112222',
      recipient_name: '赵六',
      recipient_phone: '13933334444',
      insured: facts.insured ?? false,
      declared_value_fen: facts.declared_value_fen === undefined ? 20_000 : facts.declared_value_fen,
      insurance_fee_fen: facts.insurance_fee_fen ?? 0,
      freight_fen: facts.freight_fen ?? 1_500,
      payment_term: facts.payment_term ?? 'sender_pays',
      monthly_account: facts.monthly_account ?? null,
      picked_up_at: pickedUp,
      promised_at: facts.promised_at ?? null,
      delivered_at: facts.delivered_at ?? null,
    })
    .execute();
  if (pickedUp) {
    const first = new Date(Date.now() - 9 * DAY);
    const second = new Date(Date.now() - 8 * DAY);
    const months = new Set([first, second].map((d) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`));
    await ensurePartitions(t.database.db, months);
    await t.database.db
      .insertInto('tracking_events')
      .values([
        { waybill_no: waybillNo, event_time: first, event_key: 'a', status: 'in_transit', sub_status: 'arrived', site: '上海转运中心', raw_text: '到达上海转运中心', source: 'test' },
        { waybill_no: waybillNo, event_time: second, event_key: 'b', status: 'damaged', sub_status: 'damaged', site: '杭州西湖营业部', raw_text: '快件破损', source: 'test' },
      ])
      .execute();
    // As ingestion keeps it: the public lookup reads the events from the shipment's timeline.
    const timeline = [
      { time: first.toISOString(), key: 'a', status: 'in_transit', site: '上海转运中心', text: '到达上海转运中心' },
      { time: second.toISOString(), key: 'b', status: 'damaged', site: '杭州西湖营业部', text: '快件破损' },
    ];
    await t.database.db.updateTable('shipments').set({ timeline: JSON.stringify(timeline), timeline_from: first }).where('waybill_no', '=', waybillNo).execute();
  }
  return waybillNo;
}

/** A claim ticket on the waybill, opened by `session`. */
export async function claimTicket(t: TestApp, session: Session, waybillNo: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/tickets',
    headers: session.headers(),
    payload: { kind: 'claim', subject: `理赔 ${waybillNo}`, channel: 'phone', waybillNos: [waybillNo], customerName: '王五', customerPhone: '13811112222', acknowledgeWarnings: true },
  });
  if (res.statusCode !== 201) throw new Error(`ticket: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 2×2 PNG. */
export function smallPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.from([0, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 255, 255, 0, 0, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A valid one-page PDF. */
export function smallPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>'];
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

/** Uploads a file to the ticket; returns the attachment's id. */
export async function uploadTo(t: TestApp, session: Session, ticketId: string, file: { filename: string; type: string; data: Buffer }): Promise<string> {
  const boundary = `----ParcelDesk${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/attachments`, headers: session.headers({ 'content-type': `multipart/form-data; boundary=${boundary}` }), payload });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}
