/**
 * E-mail for real: a message queued in the outbox with the monthly report's PDF and XLSX goes
 * through the dispatcher to an SMTP server (a real `smtp-server` on a free port) and arrives with
 * its subject, body and the files byte for byte. A server that refuses leaves it in the outbox
 * for the next run; without SMTP configured e-mail is recorded and nothing leaves.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultAdapters } from '../../src/modules/notifications/channels.js';
import { dispatchNotifications } from '../../src/modules/notifications/dispatch.js';
import { queueEmail, type QueuedEmail } from '../../src/modules/notifications/outbox.js';
import { monthlyReportEmail } from '../../src/modules/reports/monthly/email.js';
import { renderMonthlyReportPdf } from '../../src/modules/reports/monthly/pdf.js';
import { renderMonthlyReportXlsx } from '../../src/modules/reports/monthly/xlsx.js';
import { createTestApp, type TestApp } from '../support/harness.js';
import { parseMail } from '../support/mime.js';
import { monthlyReportFixture } from '../support/monthly-report.js';

interface Received {
  from: string;
  to: string[];
  raw: Buffer;
}

let t: TestApp;
let smtp: SMTPServer;
let port: number;
const received: Received[] = [];
/** When set, the server refuses every recipient with this reply. */
let refuseWith: string | null = null;
let pdf: Buffer;
let xlsx: Buffer;

beforeAll(async () => {
  t = await createTestApp();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuseWith) {
        const error = new Error(refuseWith) as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  port = (smtp.server.address() as AddressInfo).port;
  const data = monthlyReportFixture({ shipments: 4321 });
  [pdf, xlsx] = await Promise.all([renderMonthlyReportPdf(data), renderMonthlyReportXlsx(data)]);
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await t.close();
});

beforeEach(async () => {
  received.length = 0;
  refuseWith = null;
  await t.database.db.deleteFrom('notifications').execute();
});

const smtpConfig = () => ({ smtp: { url: `smtp://127.0.0.1:${port}`, from: '捷达速运客服中心 <service@example.com>' } });

/** The monthly report's e-mail as the report job composes it. */
const report = (): QueuedEmail => ({
  recipient: 'finance@yunfan.example.cn',
  locale: 'zh-CN',
  template: 'report.monthly',
  ...monthlyReportEmail(monthlyReportFixture({ shipments: 4321 }), { pdf, xlsx }),
});

async function queue(email: QueuedEmail): Promise<string> {
  return t.database.db.transaction().execute((trx) => queueEmail(trx, email));
}

const stateOf = (id: string) =>
  t.database.db.selectFrom('notifications').select(['status', 'attempts', 'last_error', 'sent_at']).where('id', '=', id).executeTakeFirstOrThrow();

describe('e-mail through SMTP', () => {
  it('delivers the monthly report through the outbox: subject, body and both files byte for byte', async () => {
    const id = await queue(report());
    expect(await dispatchNotifications(t.database.db, defaultAdapters(smtpConfig()))).toEqual({ delivered: 1, failed: 0 });

    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message!.from).toBe('service@example.com');
    expect(message!.to).toEqual(['finance@yunfan.example.cn']);
    const mail = parseMail(message!.raw);
    expect(mail.subject).toBe('杭州云帆电子商务有限公司 2026年11月月度统计分析表');
    expect(mail.text.replace(/\r\n/g, '\n')).toBe(report().body);
    expect(mail.headers.get('message-id')).toBe(`<${id}@parceldesk.outbox>`);
    expect(mail.text).toContain('附件是贵司2026年11月的月度统计分析表');
    expect(mail.attachments.map((a) => [a.fileName, a.contentType])).toEqual([
      ['杭州云帆电子商务有限公司-2026年11月-月度统计分析表.pdf', 'application/pdf'],
      ['杭州云帆电子商务有限公司-2026年11月-月度统计分析表.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    expect(mail.attachments[0]!.content.equals(pdf)).toBe(true);
    expect(mail.attachments[1]!.content.equals(xlsx)).toBe(true);

    const state = await stateOf(id);
    expect(state).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(state.sent_at).not.toBeNull();
    // sent once: the next run has nothing to send
    expect(await dispatchNotifications(t.database.db, defaultAdapters(smtpConfig()))).toEqual({ delivered: 0, failed: 0 });
    expect(received).toHaveLength(1);
  });

  it('keeps a message the server refuses in the outbox with the reason, and sends it on a later run', async () => {
    const id = await queue({ ...report(), attachments: [] });
    refuseWith = 'mailbox unavailable';
    expect(await dispatchNotifications(t.database.db, defaultAdapters(smtpConfig()))).toEqual({ delivered: 0, failed: 1 });
    expect(received).toHaveLength(0);
    const refused = await stateOf(id);
    expect(refused).toMatchObject({ status: 'pending', attempts: 1 });
    expect(refused.last_error).toMatch(/mailbox unavailable/);

    refuseWith = null;
    expect(await dispatchNotifications(t.database.db, defaultAdapters(smtpConfig()))).toEqual({ delivered: 1, failed: 0 });
    expect(await stateOf(id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(parseMail(received[0]!.raw).attachments).toEqual([]);
  });

  it('without SMTP configured records the e-mail and sends nothing', async () => {
    const id = await queue(report());
    expect(await dispatchNotifications(t.database.db, defaultAdapters())).toEqual({ delivered: 1, failed: 0 });
    expect(await stateOf(id)).toMatchObject({ status: 'recorded' });
    expect(received).toHaveLength(0);
  });

  it('keeps the files with their message and drops them with it', async () => {
    const id = await queue(report());
    const files = await t.database.db.selectFrom('notification_attachments').select(['position', 'file_name']).where('notification_id', '=', id).orderBy('position').execute();
    expect(files).toEqual([
      { position: 0, file_name: '杭州云帆电子商务有限公司-2026年11月-月度统计分析表.pdf' },
      { position: 1, file_name: '杭州云帆电子商务有限公司-2026年11月-月度统计分析表.xlsx' },
    ]);
    await t.database.db.deleteFrom('notifications').where('id', '=', id).execute();
    expect(await t.database.db.selectFrom('notification_attachments').select('position').where('notification_id', '=', id).execute()).toEqual([]);
  });
});
