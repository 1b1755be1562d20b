/**
 * Drains the notification outbox in three steps, none of which holds a lock while a gateway talks:
 *
 * 1. claim: one statement marks up to `limit` pending messages with this run's name and a lease
 *    (`claimed_until`), counts the attempt, and commits. `for update skip locked` lets another
 *    process's run claim other messages at the same moment; a claimed message is left alone until
 *    its lease runs out.
 * 2. send each through its channel's adapter, outside any transaction.
 * 3. record each result in its own short statement, and only if the claim is still this run's.
 *
 * So a message is sent at most once per attempt, and none is lost: a failed send stays pending and
 * is retried by a later run (up to 5 attempts in all); a run whose process died leaves claims
 * that are taken again when their lease runs out. That is the one case in which a channel may be
 * handed a message twice (the dead process may have sent it before dying); docs/architecture.md.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ChannelAdapter, OutgoingAttachment, OutgoingMessage } from './channels.js';

const MAX_ATTEMPTS = 5;

export interface DispatchOptions {
  /** messages claimed by one run (default 500) */
  limit?: number;
  /** how long a claim keeps other runs away; longer than a run takes (default 10 minutes) */
  leaseSeconds?: number;
}

export async function dispatchNotifications(
  db: Kysely<DB>,
  adapters: Map<string, ChannelAdapter>,
  options: DispatchOptions = {},
): Promise<{ delivered: number; failed: number }> {
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  const leaseSeconds = options.leaseSeconds ?? 600;
  // Measured before the claim, so this run gives up no later than the database's lease ends.
  const leaseEnds = performance.now() + leaseSeconds * 1000;
  const claimed = await claim(db, owner, options.limit ?? 500, leaseSeconds);
  let delivered = 0;
  let failed = 0;
  for (const message of claimed) {
    // A run that stalled past its lease (a gateway that hung) sends nothing more: another run may
    // have taken the rest by now.
    if (performance.now() >= leaseEnds) break;
    const adapter = adapters.get(message.channel);
    try {
      if (!adapter) throw new Error(`no adapter for channel ${message.channel}`);
      const result = await adapter.send(message);
      await db
        .updateTable('notifications')
        .set({ status: result.status, sent_at: new Date(), last_error: null, claimed_by: null, claimed_until: null })
        .where('id', '=', message.id)
        .where('claimed_by', '=', owner)
        .execute();
      delivered++;
    } catch (err) {
      await db
        .updateTable('notifications')
        .set({ last_error: String((err as Error).message).slice(0, 500), claimed_by: null, claimed_until: null })
        .where('id', '=', message.id)
        .where('claimed_by', '=', owner)
        .execute();
      failed++;
    }
  }
  return { delivered, failed };
}

/** Step 1: one committed statement; the database's clock decides leases, so processes agree. */
async function claim(db: Kysely<DB>, owner: string, limit: number, leaseSeconds: number): Promise<OutgoingMessage[]> {
  const { rows } = await sql<Omit<OutgoingMessage, 'attachments'> & { created_at: Date }>`
    update notifications n
       set claimed_by = ${owner},
           claimed_until = now() + make_interval(secs => ${leaseSeconds}::float8),
           attempts = n.attempts + 1
      from (select id from notifications
             where status = 'pending' and attempts < ${MAX_ATTEMPTS}
               and (claimed_until is null or claimed_until < now())
             order by created_at
             limit ${limit}
               for update skip locked) due
     where n.id = due.id
    returning n.id, n.channel, n.recipient, n.locale, n.template, n.body, n.subject, n.created_at`.execute(db);
  return rows
    .sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime())
    .map(({ id, channel, recipient, locale, template, body, subject }) => ({
      id,
      channel,
      recipient,
      locale,
      template,
      body,
      subject,
      // Read only by an adapter that sends files (e-mail), one message at a time: 500 claimed
      // reports are not all held in memory at once.
      attachments: () => attachmentsOf(db, id),
    }));
}

async function attachmentsOf(db: Kysely<DB>, notificationId: string): Promise<OutgoingAttachment[]> {
  const rows = await db
    .selectFrom('notification_attachments')
    .select(['file_name', 'content_type', 'content'])
    .where('notification_id', '=', notificationId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ fileName: r.file_name, contentType: r.content_type, content: Buffer.from(r.content) }));
}
