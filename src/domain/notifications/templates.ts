/**
 * 主动告知: what we tell the customer when an exception is raised, before they call (docs/product.md §1).
 * The notice is the parcel's story (domain/tracking/story.ts) — the same words the tracking page,
 * the ticket and the staff page use — after the company's name and the waybill, with an apology
 * when something went wrong. Plain, polite words in the spirit of 客服用语规范; zh-CN and en-US.
 */
import { storyIsProblem, storyText, type ParcelStory, type StoryLocale } from '../tracking/story.js';

export type NotificationLocale = StoryLocale;

export { localTime } from '../tracking/story.js';

/**
 * `claimLink`: the self-service claim page for this waybill (/claim?waybill=…). A parcel whose loss
 * claim was started carries it for the customer to add evidence and follow the claim; a damaged
 * parcel carries it as the invitation to claim. Other stories carry none.
 */
export function renderStoryNotice(waybillNo: string, story: ParcelStory, locale: NotificationLocale, timeZone: string, claimLink?: string | null): string {
  const text = storyText(story, locale, timeZone);
  const sorry = storyIsProblem(story.code);
  const link = claimLink ? claimLinkLine(story, locale, claimLink) : '';
  return locale === 'zh-CN'
    ? `【ParcelDesk快递】您好，您的运单${waybillNo}：${text}${sorry ? '给您带来不便，非常抱歉。' : ''}${link}`
    : `ParcelDesk: parcel ${waybillNo}. ${text}${sorry ? ' We apologise for the inconvenience.' : ''}${link}`;
}

function claimLinkLine(story: ParcelStory, locale: NotificationLocale, url: string): string {
  const zh = locale === 'zh-CN';
  if (story.code === 'lost' && story.claimOpen) return zh ? `补充理赔材料、查看进度：${url}` : ` Add evidence and follow your claim: ${url}`;
  if (story.code === 'damaged') return story.claimOpen ? (zh ? `查看理赔进度：${url}` : ` Follow your claim: ${url}`) : zh ? `申请理赔：${url}` : ` File a claim: ${url}`;
  return '';
}

/** The self-service claim page of a waybill, where a notice's link leads (the phone check first). */
export function claimPageUrl(publicBaseUrl: string, waybillNo: string): string {
  return `${publicBaseUrl}/claim?waybill=${encodeURIComponent(waybillNo)}`;
}
