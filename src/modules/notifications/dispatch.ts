/**
 * Drains the notification outbox: each pending message goes to its channel's adapter once; a
 * failure is counted and retried on the next run (up to 5 attempts).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ChannelAdapter } from './channels.js';

const MAX_ATTEMPTS = 5;

export async function dispatchNotifications(
  db: Kysely<DB>,
  adapters: Map<string, ChannelAdapter>,
  limit = 500,
): Promise<{ delivered: number; failed: number }> {
  return db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom('notifications')
      .select(['id', 'channel', 'recipient', 'locale', 'template', 'body'])
      .where('status', '=', 'pending')
      .where('attempts', '<', MAX_ATTEMPTS)
      .orderBy('created_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    let delivered = 0;
    let failed = 0;
    for (const message of pending) {
      const adapter = adapters.get(message.channel);
      try {
        if (!adapter) throw new Error(`no adapter for channel ${message.channel}`);
        const result = await adapter.send(message);
        await trx
          .updateTable('notifications')
          .set({ status: result.status, sent_at: new Date(), attempts: sql`attempts + 1` })
          .where('id', '=', message.id)
          .execute();
        delivered++;
      } catch (err) {
        await trx
          .updateTable('notifications')
          .set({ attempts: sql`attempts + 1`, last_error: String((err as Error).message).slice(0, 500) })
          .where('id', '=', message.id)
          .execute();
        failed++;
      }
    }
    return { delivered, failed };
  });
}
