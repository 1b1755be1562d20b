/**
 * Persisting what exception detection found: each kind is recorded once per shipment, with when it
 * was raised and when it cleared; a newly raised one puts at most one customer notice in the outbox
 * (domain/notifications/exception-notices.ts decides which), in the same transaction (so a
 * rolled-back batch tells nobody anything).
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { exceptionNotices } from '../../domain/notifications/exception-notices.js';
import { renderStoryNotice } from '../../domain/notifications/templates.js';
import type { ActiveException, ExceptionKind } from '../../domain/tracking/exceptions.js';
import { parcelStory, type ParcelFacts } from '../../domain/tracking/story.js';
import type { TrackingContext } from './context.js';

export interface Detected {
  active: ActiveException[];
  nextCheckAt: Date | null;
}

export interface Evaluation {
  shipmentId: string;
  waybillNo: string;
  site: string | null;
  areaCode: string | null;
  phone: string | null;
  promisedAt: Date | null;
  /** what the parcel's story is told from (story.ts), as of this evaluation */
  facts: Omit<ParcelFacts, 'openExceptions' | 'caseOpen' | 'claimsOpen'>;
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
  const tz = context.calendar.timeZone;
  const freshByShipment = new Map<string, typeof fresh>();
  for (const row of fresh) freshByShipment.set(row.shipment_id, [...(freshByShipment.get(row.shipment_id) ?? []), row]);
  // Every fresh exception is recorded; which of them the customer hears about is a domain rule.
  const notices = evaluations.flatMap((evaluation) => {
    const phone = evaluation.phone;
    if (!phone) return []; // nobody to tell: the exceptions still open work for the agents
    const mine = freshByShipment.get(evaluation.shipmentId);
    if (!mine) return [];
    const told = exceptionNotices(evaluation.detected.active, new Set(mine.map((r) => r.kind as ExceptionKind)));
    // A loss is told by the exception job once it has opened the loss claim (or found it could not),
    // so the notice says 启动理赔 only when a claim was started (modules/tickets/jobs.ts lostNotices).
    return told.filter((notice) => notice.kind !== 'lost').map((notice) => ({
      shipment_id: evaluation.shipmentId,
      exception_id: mine.find((r) => r.kind === notice.kind)!.id,
      channel: 'sms',
      recipient: phone,
      locale: 'zh-CN',
      template: `exception.${notice.kind}`,
      // The parcel's story as every other surface tells it. Every exception opens or joins a ticket
      // (the exception-tickets job, within its minute), so the notice may say an agent follows it up.
      // No claim is open yet for a fresh exception: a damaged parcel's notice invites one, with the link.
      body: renderStoryNotice(
        evaluation.waybillNo,
        parcelStory({ ...evaluation.facts, openExceptions: evaluation.detected.active, caseOpen: true, claimsOpen: [] }, now),
        'zh-CN',
        tz,
        context.claimLink?.(evaluation.waybillNo) ?? null,
      ),
    }));
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
