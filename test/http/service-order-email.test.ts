/**
 * A service notification e-mailed to a department goes through the outbox and the real SMTP
 * adapter (nodemailer) to an SMTP server the test starts (`smtp-server` on a free port), and
 * arrives with its Chinese subject and body intact and the work plan's PDF byte for byte.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAdapters } from '../../src/modules/notifications/channels.js';
import { dispatchNotifications } from '../../src/modules/notifications/dispatch.js';
import { queueEmail } from '../../src/modules/notifications/outbox.js';
import { notificationEmail } from '../../src/modules/service-orders/documents/notification-email.js';
import { workPlanModel } from '../../src/modules/service-orders/documents/work-plan.js';
import { renderWorkPlanPdf } from '../../src/modules/service-orders/documents/work-plan-pdf.js';
import { createTestApp, type TestApp } from '../support/harness.js';
import { parseMail } from '../support/mime.js';
import { notificationEmailFixture, workPlanFixture } from '../support/service-documents.js';

let t: TestApp;
let smtp: SMTPServer;
let port: number;
const received: { to: string[]; raw: Buffer }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  port = (smtp.server.address() as AddressInfo).port;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await t.close();
});

describe('a service notification e-mailed to a department', () => {
  it('arrives through the outbox and SMTP with its Chinese subject, body and the work plan intact', async () => {
    await t.database.db.deleteFrom('notifications').execute();
    const model = workPlanModel(workPlanFixture({ days: 1, perDay: 4 }));
    const pdf = await renderWorkPlanPdf(model);
    const email = notificationEmail(notificationEmailFixture({ model, pdf, xlsx: null }));
    const id = await t.database.db.transaction().execute((trx) => queueEmail(trx, email));

    const adapters = defaultAdapters({ smtp: { url: `smtp://127.0.0.1:${port}`, from: '捷达速运售后服务 <service@example.com>' } });
    expect(await dispatchNotifications(t.database.db, adapters)).toEqual({ delivered: 1, failed: 0 });

    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['logistics-east@example.cn']);
    const mail = parseMail(received[0]!.raw);
    expect(mail.subject).toBe('【紧急】服务通知单 100000000042：活动柜锁坏，无法打开（Z1 客户服务）');
    expect(mail.text.replace(/\r\n/g, '\n')).toBe(email.body);
    expect(mail.text).toContain('售达方：王女士 138****5678');
    expect(mail.attachments.map((a) => [a.fileName, a.contentType])).toEqual([['工作计划表-HZ01-2026-12-07.pdf', 'application/pdf']]);
    expect(mail.attachments[0]!.content.equals(pdf)).toBe(true);

    const row = await t.database.db.selectFrom('notifications').select(['status', 'template', 'subject']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sent', template: 'service-order.department', subject: email.subject });
  });
});
