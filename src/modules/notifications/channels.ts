/**
 * Channel adapters behind one interface: SMS, e-mail, WeChat template messages. ParcelDesk talks
 * to no gateway by default: the recording adapter sends nothing and says so, marking the message
 * `recorded` where the console shows it. A real gateway is an adapter with the same `send`.
 */
export interface OutgoingMessage {
  id: string;
  channel: string;
  recipient: string;
  locale: string;
  template: string;
  body: string;
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

export function defaultAdapters(): Map<string, ChannelAdapter> {
  return new Map((['sms', 'email', 'wechat'] as const).map((c) => [c, new RecordingAdapter(c)]));
}
