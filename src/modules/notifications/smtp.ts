/**
 * E-mail through an SMTP server (nodemailer), configured by `SMTP_URL` (smtp:// or smtps://, the
 * account in the URL) and `SMTP_FROM` (the sender customers see). The dispatcher calls `send`
 * outside any transaction; a refusal or a dropped connection throws, and the message stays in
 * the outbox for the next run (dispatch.ts). One transport per process; it opens a connection per message and closes it, so nothing lingers at shutdown.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { ChannelAdapter, OutgoingMessage, SendResult } from './channels.js';

export interface SmtpSettings {
  url: string;
  from: string;
}

/** What a message without a subject of its own is titled (a notice written for SMS, say). */
const DEFAULT_SUBJECT: Record<string, string> = { 'zh-CN': '快件服务通知', 'en-US': 'Parcel service notice' };

export class SmtpAdapter implements ChannelAdapter {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly settings: SmtpSettings) {
    this.transport = nodemailer.createTransport(settings.url);
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const attachments = await message.attachments();
    await this.transport.sendMail({
      from: this.settings.from,
      to: message.recipient,
      subject: message.subject ?? DEFAULT_SUBJECT[message.locale] ?? DEFAULT_SUBJECT['zh-CN'],
      text: message.body,
      attachments: attachments.map((a) => ({ filename: a.fileName, contentType: a.contentType, content: a.content })),
      // The outbox id: a message the dispatcher hands over twice (docs/architecture.md) reaches the
      // mailbox with one Message-ID, which mail clients show once.
      messageId: `<${message.id}@parceldesk.outbox>`,
    });
    return { status: 'sent' };
  }
}
