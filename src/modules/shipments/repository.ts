/** Kysely queries for shipments: registration, search and the detail view. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, ShipmentTable } from '../../db/schema.js';
import type { Insertable } from 'kysely';
import { OPEN_STATUSES } from '../../domain/tickets/lifecycle.js';
import { normalizeWaybillNo } from '../../domain/waybill.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Inserts or completes shipments (a scanned-first placeholder becomes registered). */
export async function upsertShipments(trx: Transaction<DB>, rows: Insertable<ShipmentTable>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const result = await trx
    .insertInto('shipments')
    .values(rows)
    .onConflict((oc) =>
      oc.column('waybill_no').doUpdateSet((eb) => ({
        sender_name: eb.ref('excluded.sender_name'),
        sender_phone: eb.ref('excluded.sender_phone'),
        sender_address: eb.ref('excluded.sender_address'),
        sender_province: eb.ref('excluded.sender_province'),
        sender_city: eb.ref('excluded.sender_city'),
        sender_district: eb.ref('excluded.sender_district'),
        recipient_name: eb.ref('excluded.recipient_name'),
        recipient_phone: eb.ref('excluded.recipient_phone'),
        recipient_address: eb.ref('excluded.recipient_address'),
        recipient_province: eb.ref('excluded.recipient_province'),
        recipient_city: eb.ref('excluded.recipient_city'),
        recipient_district: eb.ref('excluded.recipient_district'),
        product: eb.ref('excluded.product'),
        weight_g: eb.ref('excluded.weight_g'),
        declared_value_fen: eb.ref('excluded.declared_value_fen'),
        insured: eb.ref('excluded.insured'),
        insurance_fee_fen: eb.ref('excluded.insurance_fee_fen'),
        freight_fen: eb.ref('excluded.freight_fen'),
        payment_term: eb.ref('excluded.payment_term'),
        monthly_account: eb.ref('excluded.monthly_account'),
        registered: true,
        updated_at: new Date(),
      })),
    )
    .returning('id')
    .execute();
  return result.map((r) => r.id);
}

const summaryColumns = [
  'id',
  'waybill_no',
  'status',
  'sub_status',
  'route_class',
  'product',
  'sender_name',
  'sender_phone',
  'sender_address',
  'sender_province',
  'sender_city',
  'sender_district',
  'recipient_name',
  'recipient_phone',
  'recipient_address',
  'recipient_province',
  'recipient_city',
  'recipient_district',
  'picked_up_at',
  'promised_at',
  'last_event_time',
  'last_event_text',
  'last_site',
] as const;

export type ShipmentSummaryRow = Awaited<ReturnType<typeof searchShipments>>['rows'][number];

/** A name as staff type it: Chinese characters (with the · of transliterated names), 1–20 of them. */
const CHINESE_NAME = /^[\u4e00-\u9fff·]{1,20}$/u;

/**
 * Waybill number and phone number (either party) match exactly; a name matches exactly, and a
 * Chinese name also by its start, so the surname alone (张) finds 张三 and 张伟 (either party).
 * The list and the people's data cover registered shipments; the exact waybill number also finds
 * a parcel only ever scanned or pushed by a carrier feed, as its detail page does.
 */
export async function searchShipments(db: Db, query: { q?: string | undefined; limit: number; offset: number }) {
  const q = query.q?.trim();
  let base = db.selectFrom('shipments');
  if (q) {
    const digits = q.replace(/[\s-]/g, '');
    // No LIKE wildcard can be in a Chinese name, so the prefix pattern needs no escaping.
    const byName = CHINESE_NAME.test(q)
      ? (column: 'sender_name' | 'recipient_name') => sql<boolean>`${sql.ref(column)} like ${`${q}%`}`
      : null;
    base = base.where((eb) =>
      eb.or([
        eb('waybill_no', '=', normalizeWaybillNo(q)),
        eb.and([
          eb('registered', '=', true),
          eb.or([
            ...(/^\+?\d{5,20}$/.test(digits) ? [eb('sender_phone', '=', digits), eb('recipient_phone', '=', digits)] : []),
            byName ? byName('sender_name') : eb('sender_name', '=', q),
            byName ? byName('recipient_name') : eb('recipient_name', '=', q),
          ]),
        ]),
      ]),
    );
  } else {
    base = base.where('registered', '=', true);
  }
  const [rows, count] = await Promise.all([
    base.select(summaryColumns).orderBy('created_at', 'desc').orderBy('id').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findShipmentByWaybill(db: Db, waybillNo: string) {
  return db.selectFrom('shipments').selectAll().where('waybill_no', '=', waybillNo).executeTakeFirst();
}

export type ShipmentRow = NonNullable<Awaited<ReturnType<typeof findShipmentByWaybill>>>;

export function eventsOf(db: Db, waybillNos: string[]) {
  if (waybillNos.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('tracking_events')
    .selectAll()
    .where('waybill_no', '=', sql<string>`any(${waybillNos}::text[])`)
    .orderBy('event_time', 'desc')
    // byte order, as the public lookup sorts the shipment's timeline (public-tracking/repository.ts)
    .orderBy(sql`event_key collate "C"`, 'desc')
    .execute();
}

export function exceptionsOf(db: Db, shipmentIds: string[]) {
  if (shipmentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('shipment_exceptions')
    .selectAll()
    .where('shipment_id', '=', sql<string>`any(${shipmentIds}::uuid[])`)
    .orderBy('raised_at', 'desc')
    .execute();
}

/** Whether an open ticket names the waybill (an agent is following the parcel up): part of its story. */
export async function caseOpenFor(db: Db, waybillNo: string): Promise<boolean> {
  const row = await db
    .selectFrom('ticket_waybills as w')
    .innerJoin('tickets as t', 't.id', 'w.ticket_id')
    .select('w.ticket_id')
    .where('w.waybill_no', '=', waybillNo)
    .where('t.status', 'in', [...OPEN_STATUSES])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function notificationsOf(db: Db, shipmentId: string) {
  return db.selectFrom('notifications').selectAll().where('shipment_id', '=', shipmentId).orderBy('created_at', 'desc').execute();
}
