/**
 * The audit log: who did what and when. Entries are written in the same transaction as the
 * change they describe, so an audited change and its entry commit or roll back together.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { actorLabel, type RequestContext } from '../../domain/actor.js';
import { findAuditEntries, insertAuditEntry, listAuditActions, type AuditQuery } from './repository.js';
import { presentAuditEntry } from './presenter.js';

export interface AuditEvent {
  action: string;
  subjectType?: string;
  subjectId?: string;
  detail?: Record<string, unknown>;
}

/** Record an event done by the request's actor (or by the system when there is none). */
export function audit(db: Kysely<DB> | Transaction<DB>, ctx: RequestContext, event: AuditEvent): Promise<void> {
  return insertAuditEntry(db, {
    actorId: ctx.actor?.kind === 'user' ? ctx.actor.id : null,
    actorName: ctx.actor ? actorLabel(ctx.actor) : 'system',
    ip: ctx.ip,
    ...event,
  });
}

/**
 * Record an entry whose actor is not the request's (sign-in: the account the attempt named). The
 * entry is written with `db`, in its transaction when it is one.
 */
export function recordAuditEntry(db: Kysely<DB> | Transaction<DB>, entry: Parameters<typeof insertAuditEntry>[1]): Promise<void> {
  return insertAuditEntry(db, entry);
}

/** Read the log, newest first. */
export async function searchAudit(db: Kysely<DB>, query: AuditQuery) {
  const { rows, total } = await findAuditEntries(db, query);
  return { items: rows.map(presentAuditEntry), total };
}

export function auditActions(db: Kysely<DB>): Promise<string[]> {
  return listAuditActions(db);
}
