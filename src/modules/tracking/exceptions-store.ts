/**
 * Persisting what exception detection found: each kind is recorded once per shipment, with when it
 * was raised and when it cleared; a newly raised one puts one customer notice in the outbox, in the
 * same transaction (so a rolled-back batch tells nobody anything).
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { localTime, renderExceptionNotice } from '../../domain/notifications/templates.js';
import type { ExceptionKind } from '../../domain/tracking/exceptions.js';
import type { TrackingContext } from './context.js';

export interface Detected {
  active: Array<{ kind: string; since: Date; detail: Record<string, unknown> }>;
  nextCheckAt: Date | null;
}

export interface Evaluation {
  shipmentId: string;
  waybillNo: string;
  site: string | null;
  areaCode: string | null;
  phone: string | null;
  promisedAt: Date | null;
  detected: Detected;
}

/** Records raised and cleared exceptions; returns how many were raised for the first time. */
export async function applyExceptions(
  trx: Transaction<DB>,
  context: TrackingContext,
  evaluations: Evaluation[],
  now: Date,
): Promise<number> {
  if (evaluations.length === 0) return 0;
  const active = evaluations.flatMap((e) => e.detected.active.map((a) => ({ evaluation: e, ...a })));

  await sql`
    update shipment_exceptions e set cleared_at = ${now.toISOString()}::timestamptz
    where e.shipment_id = any(${evaluations.map((e) => e.shipmentId)}::uuid[]) and e.cleared_at is null
      and (e.shipment_id, e.kind) not in (
        select * from unnest(${active.map((a) => a.evaluation.shipmentId)}::uuid[], ${active.map((a) => a.kind)}::text[]))`.execute(trx);
  if (active.length === 0) return 0;

  // New rows are inserted; a kind that had cleared and holds again is reopened (no second notice).
  const raised = await sql<{ id: string; shipment_id: string; kind: string; inserted: boolean }>`
    insert into shipment_exceptions (shipment_id, waybill_no, kind, raised_at, site, area_code, detail)
    select * from unnest(
      ${active.map((a) => a.evaluation.shipmentId)}::uuid[], ${active.map((a) => a.evaluation.waybillNo)}::text[],
      ${active.map((a) => a.kind)}::text[], ${active.map((a) => a.since.toISOString())}::timestamptz[],
      ${active.map((a) => a.evaluation.site)}::text[], ${active.map((a) => a.evaluation.areaCode)}::text[],
      ${active.map((a) => JSON.stringify(a.detail))}::jsonb[])
    on conflict (shipment_id, kind) do update set cleared_at = null
      where shipment_exceptions.cleared_at is not null
    returning id, shipment_id, kind, (xmax = 0) as inserted`.execute(trx);

  const fresh = raised.rows.filter((r) => r.inserted);
  const notices = fresh.flatMap((row) => {
    const match = active.find((a) => a.evaluation.shipmentId === row.shipment_id && a.kind === row.kind)!;
    const phone = match.evaluation.phone;
    if (!phone) return []; // nobody to tell: the exception still opens work for the agents
    const tz = context.calendar.timeZone;
    return [
      {
        shipment_id: row.shipment_id,
        exception_id: row.id,
        channel: 'sms',
        recipient: phone,
        locale: 'zh-CN',
        template: `exception.${row.kind}`,
        body: renderExceptionNotice(row.kind as ExceptionKind, 'zh-CN', {
          waybillNo: match.evaluation.waybillNo,
          promised: match.evaluation.promisedAt ? localTime(match.evaluation.promisedAt, tz) : undefined,
          since: localTime(match.since, tz),
          site: match.evaluation.site ?? undefined,
        }),
      },
    ];
  });
  if (notices.length) {
    await trx
      .insertInto('notifications')
      .values(notices)
      .onConflict((oc) => oc.columns(['exception_id', 'channel']).doNothing())
      .execute();
  }
  return fresh.length;
}
