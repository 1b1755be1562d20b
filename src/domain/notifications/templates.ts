/**
 * 主动告知: what we tell the customer when an exception is raised, before they call (docs/product.md §1).
 * Plain, polite words in the spirit of 客服用语规范's standard phrases; zh-CN and en-US.
 */
import type { ExceptionKind } from '../tracking/exceptions.js';

export type NotificationLocale = 'zh-CN' | 'en-US';

const TEMPLATES: Record<ExceptionKind, Record<NotificationLocale, string>> = {
  delayed: {
    'zh-CN': '【ParcelDesk快递】您好，您的快件{waybillNo}未能在承诺时间{promised}前送达，非常抱歉。我们正在加急处理，如需帮助请回复或致电客服。',
    'en-US': 'ParcelDesk: we are sorry, your parcel {waybillNo} did not arrive by the promised time {promised}. We are expediting it; reply or call us if you need help.',
  },
  stalled: {
    'zh-CN': '【ParcelDesk快递】您好，您的快件{waybillNo}自{since}起暂无新的物流信息，我们已安排核查，核实后会第一时间告知您。',
    'en-US': 'ParcelDesk: your parcel {waybillNo} has had no new scan since {since}. We are checking on it and will tell you as soon as we know more.',
  },
  lost: {
    'zh-CN': '【ParcelDesk快递】您好，您的快件{waybillNo}已超过彻底延误时限，我们按丢失处理并为您启动理赔，客服将主动与您联系，给您添麻烦了。',
    'en-US': 'ParcelDesk: your parcel {waybillNo} is past its final delay limit. We are treating it as lost and opening a claim for you; an agent will contact you. We apologise.',
  },
  damaged: {
    'zh-CN': '【ParcelDesk快递】您好，您的快件{waybillNo}在运输中发现外包装破损，我们已登记并将与您联系确认处理方式，非常抱歉。',
    'en-US': 'ParcelDesk: the packaging of your parcel {waybillNo} was found damaged in transit. We have recorded it and will contact you about what to do. We apologise.',
  },
  refused: {
    'zh-CN': '【ParcelDesk快递】您好，您的快件{waybillNo}已被收件人拒收，请与我们联系确认退回或再次派送。',
    'en-US': 'ParcelDesk: your parcel {waybillNo} was refused by the recipient. Please contact us to arrange its return or another delivery.',
  },
  undeliverable: {
    'zh-CN': '【ParcelDesk快递】您好，您的快件{waybillNo}多次派送未成功，请回复方便收件的时间或核对收件地址。',
    'en-US': 'ParcelDesk: we could not deliver your parcel {waybillNo} after several attempts. Please reply with a convenient time or check the address.',
  },
  returned: {
    'zh-CN': '【ParcelDesk快递】您好，您的快件{waybillNo}正在退回寄件人，如有疑问请联系客服。',
    'en-US': 'ParcelDesk: your parcel {waybillNo} is being returned to the sender. Contact us if you have any questions.',
  },
  not_collected: {
    'zh-CN': '【ParcelDesk快递】您好，您的快件{waybillNo}已在{site}存放超过3天，请尽快取件，如需改派请联系客服。',
    'en-US': 'ParcelDesk: your parcel {waybillNo} has been waiting at {site} for over 3 days. Please collect it, or contact us to redeliver.',
  },
};

export function renderExceptionNotice(
  kind: ExceptionKind,
  locale: NotificationLocale,
  values: { waybillNo: string; promised?: string; since?: string; site?: string },
): string {
  return TEMPLATES[kind][locale].replace(/\{(\w+)\}/g, (_whole, key: string) => {
    const value = values[key as keyof typeof values];
    return value ?? (locale === 'zh-CN' ? '（未知）' : '(unknown)');
  });
}

/** A time as the customer reads it, in the company's time zone: 2026-11-22 18:00 */
export function localTime(at: Date, timeZone: string): string {
  let format = localFormats.get(timeZone);
  if (!format) localFormats.set(timeZone, (format = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' })));
  return format.format(at);
}

// Building a formatter costs far more than using one.
const localFormats = new Map<string, Intl.DateTimeFormat>();
