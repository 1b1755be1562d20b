/**
 * Telling the claimant (docs/product.md §3): an SMS in the notification outbox, written in the
 * transaction of the change it reports, so it exists exactly when the change does; the dispatcher
 * sends it after the commit. Nobody to tell (no phone on the parcel or the ticket): nothing queued.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ClaimRow } from './repository.js';

export async function tellClaimant(trx: Transaction<DB>, claim: ClaimRow, template: string, body: string): Promise<void> {
  const shipment = await trx.selectFrom('shipments').select(['sender_phone', 'recipient_phone']).where('id', '=', claim.shipment_id).executeTakeFirst();
  const ticket = await trx.selectFrom('tickets').select('customer_phone').where('id', '=', claim.ticket_id).executeTakeFirst();
  const phone = (claim.claimant_side === 'sender' ? shipment?.sender_phone : shipment?.recipient_phone) ?? ticket?.customer_phone ?? null;
  if (!phone) return;
  await trx
    .insertInto('notifications')
    .values({ shipment_id: claim.shipment_id, exception_id: null, channel: 'sms', recipient: phone, locale: 'zh-CN', template, body })
    .execute();
}
