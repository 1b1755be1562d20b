/**
 * The outbox dispatcher (defect 9): messages are claimed and the claim committed before any is
 * sent, each result is recorded on its own, so a failure or a dead process neither loses a message
 * nor sends again what went out; two runs at once send each message once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter, OutgoingMessage, SendResult } from '../../src/modules/notifications/channels.js';
import { dispatchNotifications } from '../../src/modules/notifications/dispatch.js';
import { createTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.database.db.deleteFrom('notifications').execute();
});

/** An SMS gateway stand-in that remembers every message it was handed. */
class RecordingChannel implements ChannelAdapter {
  readonly channel = 'sms' as const;
  readonly sent: string[] = [];
  constructor(private readonly behaviour: (message: OutgoingMessage) => Promise<void> = async () => {}) {}
  async send(message: OutgoingMessage): Promise<SendResult> {
    await this.behaviour(message);
    this.sent.push(message.body);
    return { status: 'sent' };
  }
}

const adaptersOf = (channel: ChannelAdapter) => new Map<string, ChannelAdapter>([['sms', channel]]);

async function queue(bodies: string[]) {
  for (const body of bodies) {
    await t.database.db
      .insertInto('notifications')
      .values({ channel: 'sms', recipient: '13900000000', locale: 'zh-CN', template: 'exception.delayed', body })
      .execute();
    // created_at orders the outbox; keep the order the test wrote
    await new Promise((r) => setTimeout(r, 2));
  }
}

const statusOf = async (body: string) =>
  t.database.db.selectFrom('notifications').select(['status', 'attempts', 'last_error']).where('body', '=', body).executeTakeFirstOrThrow();

describe('notifications dispatch', () => {
  it('a send that throws for one message leaves the others sent and that one retried on the next run', async () => {
    await queue(['one', 'two', 'three']);
    const flaky = new RecordingChannel(async (m) => {
      if (m.body === 'two') throw new Error('gateway timeout');
    });
    const first = await dispatchNotifications(t.database.db, adaptersOf(flaky));
    expect(first).toEqual({ delivered: 2, failed: 1 });
    expect(flaky.sent).toEqual(['one', 'three']);
    expect(await statusOf('two')).toMatchObject({ status: 'pending', attempts: 1, last_error: 'gateway timeout' });

    const healthy = new RecordingChannel();
    const second = await dispatchNotifications(t.database.db, adaptersOf(healthy));
    expect(second).toEqual({ delivered: 1, failed: 0 });
    expect(healthy.sent).toEqual(['two']);
    expect(await statusOf('two')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a claim whose process died is taken again once its lease runs out; what was sent is not sent again', async () => {
    await queue(['a', 'b', 'c']);
    // The first run hands 'a' to the gateway, then hangs on 'b' for good, as a process that died would.
    let release: () => void = () => {};
    const hung = new Promise<void>((resolve) => (release = resolve));
    const dying = new RecordingChannel(async (m) => {
      if (m.body === 'b') await hung;
    });
    const abandoned = dispatchNotifications(t.database.db, adaptersOf(dying), { leaseSeconds: 1 });
    await waitFor(() => dying.sent.includes('a'));
    await waitFor(async () => (await statusOf('a')).status === 'sent');

    const other = new RecordingChannel();
    const early = await dispatchNotifications(t.database.db, adaptersOf(other));
    expect(early).toEqual({ delivered: 0, failed: 0 }); // the lease still holds
    await new Promise((r) => setTimeout(r, 1100));
    const late = await dispatchNotifications(t.database.db, adaptersOf(other));
    expect(late).toEqual({ delivered: 2, failed: 0 });
    expect(other.sent.sort()).toEqual(['b', 'c']);
    expect(await statusOf('a')).toMatchObject({ status: 'sent', attempts: 1 });

    release();
    await abandoned;
    // 'b' went out twice (the documented cost of a lost claim), 'c' only once: the stalled run
    // sends nothing after its lease ran out. Its claim of 'c' counted as an attempt.
    expect(dying.sent).toEqual(['a', 'b']);
    expect(await statusOf('c')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('two runs at once send each message once', async () => {
    const bodies = Array.from({ length: 120 }, (_, i) => `m${i}`);
    await queue(bodies);
    const gateway = new RecordingChannel(() => new Promise((r) => setTimeout(r, 1)));
    const runs = await Promise.all([
      dispatchNotifications(t.database.db, adaptersOf(gateway), { limit: 40 }),
      dispatchNotifications(t.database.db, adaptersOf(gateway), { limit: 40 }),
      dispatchNotifications(t.database.db, adaptersOf(gateway), { limit: 40 }),
      dispatchNotifications(t.database.db, adaptersOf(gateway), { limit: 40 }),
    ]);
    expect(runs.reduce((n, r) => n + r.delivered, 0)).toBe(120);
    expect(gateway.sent.length).toBe(120);
    expect(new Set(gateway.sent).size).toBe(120);
    const rows = await t.database.db.selectFrom('notifications').select(['status', 'attempts']).execute();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
