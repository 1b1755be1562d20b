/**
 * 主动告知: what we tell the customer when an exception is raised, before they call (docs/product.md §1).
 * The notice is the parcel's story (domain/tracking/story.ts) — the same words the tracking page,
 * the ticket and the staff page use — after the company's name and the waybill, with an apology
 * when something went wrong. Plain, polite words in the spirit of 客服用语规范; zh-CN and en-US.
 */
import { storyIsProblem, storyText, type ParcelStory, type StoryLocale } from '../tracking/story.js';

export type NotificationLocale = StoryLocale;

export { localTime } from '../tracking/story.js';

export function renderStoryNotice(waybillNo: string, story: ParcelStory, locale: NotificationLocale, timeZone: string): string {
  const text = storyText(story, locale, timeZone);
  const sorry = storyIsProblem(story.code);
  return locale === 'zh-CN'
    ? `【ParcelDesk快递】您好，您的运单${waybillNo}：${text}${sorry ? '给您带来不便，非常抱歉。' : ''}`
    : `ParcelDesk: parcel ${waybillNo}. ${text}${sorry ? ' We apologise for the inconvenience.' : ''}`;
}
