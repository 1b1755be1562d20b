/**
 * Who a survey goes to. A campaign chooses customers by tier, by account manager and/or by an
 * explicit list; each way yields customer ids, and `recipientsOf` turns ids into the people asked.
 * That is the seam for the RFM value segments (issue 17 §3) once they are computed and stored: a
 * segment filter is one more function giving customer ids, and `segmentsOf` will then read each
 * customer's segment instead of answering "none yet".
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface Audience {
  tiers?: string[] | undefined;
  accountManagerIds?: string[] | undefined;
  customerIds?: string[] | undefined;
}

export interface Recipient {
  customerId: string;
  name: string;
  phone: string;
  /** the first e-mail address among the customer's contacts (customer_contacts), if any */
  email: string | null;
  tier: string;
  accountManagerId: string | null;
}

/** The ids of the customers the audience names: the criteria given all hold (tier and manager), or the explicit list. */
export async function customerIdsOf(db: Kysely<DB>, audience: Audience): Promise<string[]> {
  // A merged record is a tombstone: its customer lives on in the record it was merged into.
  let query = db.selectFrom('customers').select('id').where('merged_into_id', 'is', null).orderBy('id');
  if (audience.tiers?.length) query = query.where('tier', 'in', audience.tiers);
  if (audience.accountManagerIds?.length) query = query.where('account_manager_id', 'in', audience.accountManagerIds);
  if (audience.customerIds?.length) query = query.where('id', 'in', audience.customerIds);
  return (await query.execute()).map((r) => r.id);
}

/** The customers of those ids that can be asked: only those with a phone (the link goes by SMS; by e-mail too where a contact has an address). */
export async function recipientsOf(db: Kysely<DB>, customerIds: readonly string[]): Promise<Recipient[]> {
  if (customerIds.length === 0) return [];
  const rows = await db
    .selectFrom('customers as c')
    .select(['c.id', 'c.name', 'c.phone', 'c.tier', 'c.account_manager_id'])
    .select((eb) =>
      eb
        .selectFrom('customer_contacts as cc')
        .select('cc.email')
        .whereRef('cc.customer_id', '=', 'c.id')
        .where('cc.email', 'is not', null)
        .where('cc.email', '<>', '')
        .orderBy('cc.created_at')
        .orderBy('cc.id')
        .limit(1)
        .as('email'),
    )
    .where('c.id', 'in', [...customerIds])
    .where('c.merged_into_id', 'is', null)
    .where('c.phone', 'is not', null)
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ customerId: r.id, name: r.name, phone: r.phone!, email: r.email ?? null, tier: r.tier, accountManagerId: r.account_manager_id }));
}

/** Each customer's value segment when asked. RFM segments are not stored yet: none for everyone. */
export async function segmentsOf(_db: Kysely<DB>, customerIds: readonly string[]): Promise<Map<string, string | null>> {
  return new Map(customerIds.map((id) => [id, null]));
}

/** Whether results can be grouped by segment yet (false until `segmentsOf` reads real segments). */
export const SEGMENTS_AVAILABLE = false;
