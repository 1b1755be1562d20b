/**
 * Channel adapters behind one interface: SMS, e-mail, WeChat template messages. ParcelDesk talks
 * to no gateway by default: the recording adapter sends nothing and says so, marking the message
 * `recorded` where the console shows it (已记录（未实际发出）). E-mail goes out for real once an SMTP
 * server is configured (`SMTP_URL`, `SMTP_FROM`: `smtp.ts`); SMS and WeChat stay recorded until
 * someone writes their gateway's adapter with the same `send`.
 */
import type { Config } from '../../config.js';
import { SmtpAdapter } from './smtp.js';

export interface OutgoingAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingMessage {
  id: string;
  channel: string;
  recipient: string;
  locale: string;
  template: string;
  body: string;
  /** an e-mail's subject; null for SMS and WeChat */
  subject: string | null;
  /** the files queued with the message, read from the outbox only when an adapter asks */
  attachments(): Promise<OutgoingAttachment[]>;
}

export interface SendResult {
  /** sent: a gateway accepted it; recorded: kept for the console only, nothing left the building */
  status: 'sent' | 'recorded';
}

export interface ChannelAdapter {
  readonly channel: 'sms' | 'email' | 'wechat';
  send(message: OutgoingMessage): Promise<SendResult>;
}

export class RecordingAdapter implements ChannelAdapter {
  constructor(readonly channel: ChannelAdapter['channel']) {}

  async send(): Promise<SendResult> {
    return { status: 'recorded' };
  }
}

/** The adapters of a process: e-mail through SMTP when configured, everything else recorded. */
export function defaultAdapters(config?: Pick<Config, 'smtp'>): Map<string, ChannelAdapter> {
  const adapters = new Map<string, ChannelAdapter>((['sms', 'email', 'wechat'] as const).map((c) => [c, new RecordingAdapter(c)]));
  if (config?.smtp) adapters.set('email', new SmtpAdapter(config.smtp));
  return adapters;
}
