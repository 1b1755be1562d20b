/** Kysely queries for the append-only audit log. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface AuditEntryInput {
  actorId: string | null;
  actorName: string;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditQuery {
  action?: string | undefined;
  actorId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

export async function insertAuditEntry(db: Kysely<DB> | Transaction<DB>, entry: AuditEntryInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      ip: entry.ip ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

export async function findAuditEntries(db: Kysely<DB>, query: AuditQuery) {
  let base = db.selectFrom('audit_log');
  if (query.action) base = base.where('action', '=', query.action);
  if (query.actorId) base = base.where('actor_id', '=', query.actorId);
  if (query.from) base = base.where('at', '>=', query.from);
  if (query.to) base = base.where('at', '<', query.to);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('at', 'desc').orderBy('id').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export async function listAuditActions(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
