/** Kysely queries for the exceptions board. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface ExceptionFilter {
  kind?: string | undefined;
  open: boolean;
  site?: string | undefined;
  province?: string | undefined;
}

function filtered(db: Kysely<DB>, filter: ExceptionFilter, withKind: boolean) {
  let q = db.selectFrom('shipment_exceptions as e').innerJoin('shipments as s', 's.id', 'e.shipment_id');
  if (filter.open) q = q.where('e.cleared_at', 'is', null);
  if (withKind && filter.kind) q = q.where('e.kind', '=', filter.kind);
  if (filter.site) q = q.where('e.site', '=', filter.site);
  if (filter.province) q = q.where('s.recipient_province', '=', filter.province);
  return q;
}

export async function listExceptions(db: Kysely<DB>, filter: ExceptionFilter, page: { limit: number; offset: number }) {
  const base = filtered(db, filter, true);
  const [rows, count] = await Promise.all([
    base
      .select(['e.id', 'e.waybill_no', 'e.kind', 'e.raised_at', 'e.cleared_at', 'e.site', 's.recipient_province'])
      .orderBy('e.raised_at', 'desc')
      .orderBy('e.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function exceptionCounts(db: Kysely<DB>, filter: ExceptionFilter, now: Date) {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const threeDaysAgo = new Date(now.getTime() - 3 * 86_400_000);
  const [byKind, byAge, bySite, byProvince] = await Promise.all([
    filtered(db, filter, false).select(['e.kind', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('e.kind').execute(),
    filtered(db, filter, true)
      .select([
        sql<string>`count(*) filter (where e.raised_at > ${dayAgo.toISOString()}::timestamptz)`.as('under1d'),
        sql<string>`count(*) filter (where e.raised_at <= ${dayAgo.toISOString()}::timestamptz and e.raised_at > ${threeDaysAgo.toISOString()}::timestamptz)`.as('from1to3d'),
        sql<string>`count(*) filter (where e.raised_at <= ${threeDaysAgo.toISOString()}::timestamptz)`.as('over3d'),
      ])
      .executeTakeFirstOrThrow(),
    filtered(db, filter, true)
      .where('e.site', 'is not', null)
      .select(['e.site', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('e.site')
      .orderBy('n', 'desc')
      .limit(10)
      .execute(),
    filtered(db, filter, true)
      .where('s.recipient_province', 'is not', null)
      .select(['s.recipient_province as code', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('s.recipient_province')
      .orderBy('n', 'desc')
      .execute(),
  ]);
  return { byKind, byAge, bySite, byProvince };
}
