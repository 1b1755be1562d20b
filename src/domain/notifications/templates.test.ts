import { describe, expect, it } from 'vitest';
import { parcelStory, STORY_CODES } from '../tracking/story.js';
import { localTime, renderStoryNotice } from './templates.js';

const facts = (claimsOpen: string[] = [], open = 'lost', status = 'in_transit') =>
  ({
    status,
    subStatus: 'arrived',
    terminal: false,
    promisedAt: new Date('2026-11-15T02:00:00Z'),
    // a damaged parcel is still on its way: no complete-delay limit passed
    completeDelayAt: open === 'lost' ? new Date('2026-11-22T02:00:00Z') : null,
    deliveredAt: null,
    lastEventTime: new Date('2026-11-13T02:00:00Z'),
    lastSite: null,
    openExceptions: [{ kind: open, since: new Date('2026-11-22T02:00:00Z') }],
    caseOpen: true,
    claimsOpen,
  }) as const;
const NOW = new Date('2026-12-03T02:00:00Z');
const story = parcelStory(facts(), NOW);
const LINK = 'https://kf.example.com/claim?waybill=PD1234567890';

describe('exception notices', () => {
  it('are the parcel story after the company and the waybill, with an apology, in both languages', () => {
    const zh = renderStoryNotice('PD1234567890', story, 'zh-CN', 'Asia/Shanghai');
    const en = renderStoryNotice('PD1234567890', story, 'en-US', 'Asia/Shanghai');
    expect(zh).toBe(
      '【ParcelDesk快递】您好，您的运单PD1234567890：快件已超过承诺送达时间（2026-11-15 10:00），至彻底延误时限（2026-11-22 10:00）仍未送达，按丢失处理。我们已登记跟进，客服会与您联系。给您带来不便，非常抱歉。',
    );
    expect(en).toMatch(/^ParcelDesk: parcel PD1234567890\. .*treated as lost\. We have opened a case and an agent will contact you\. We apologise/);
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('a lost parcel whose loss claim is open: 我们按丢失处理并为您启动理赔, with the link to add evidence', () => {
    const started = parcelStory(facts(['loss']), NOW);
    const zh = renderStoryNotice('PD1234567890', started, 'zh-CN', 'Asia/Shanghai', LINK);
    expect(zh).toBe(
      `【ParcelDesk快递】您好，您的运单PD1234567890：快件已超过承诺送达时间（2026-11-15 10:00），至彻底延误时限（2026-11-22 10:00）仍未送达。我们按丢失处理并为您启动理赔，客服会与您联系。给您带来不便，非常抱歉。补充理赔材料、查看进度：${LINK}`,
    );
    expect(renderStoryNotice('PD1234567890', started, 'en-US', 'Asia/Shanghai', LINK)).toContain(`We treat it as lost and have opened a claim for you; an agent will contact you. We apologise for the inconvenience. Add evidence and follow your claim: ${LINK}`);
  });

  it('a lost parcel with no claim open says no claim, and carries no link', () => {
    const zh = renderStoryNotice('PD1234567890', story, 'zh-CN', 'Asia/Shanghai', LINK);
    expect(zh).not.toMatch(/理赔|赔偿/);
    expect(zh).not.toContain(LINK);
  });

  it('a damaged parcel invites the customer to claim, with the link', () => {
    const damaged = parcelStory(facts([], 'damaged', 'damaged'), NOW);
    const zh = renderStoryNotice('PD1234567890', damaged, 'zh-CN', 'Asia/Shanghai', LINK);
    expect(zh).toContain('如有损失，您可以申请理赔。');
    expect(zh.endsWith(`申请理赔：${LINK}`)).toBe(true);
    expect(renderStoryNotice('PD1234567890', damaged, 'en-US', 'Asia/Shanghai', LINK)).toContain(`you can file a claim. We apologise for the inconvenience. File a claim: ${LINK}`);
    const handled = parcelStory(facts(['damage'], 'damaged', 'damaged'), NOW);
    expect(renderStoryNotice('PD1234567890', handled, 'zh-CN', 'Asia/Shanghai', LINK)).toContain(`您的破损理赔正在处理中。给您带来不便，非常抱歉。查看理赔进度：${LINK}`);
  });

  it('covers the codes a notice can tell', () => {
    expect(STORY_CODES).toContain(story.code);
  });

  it('shows times in the company time zone', () => {
    expect(localTime(new Date('2026-11-22T10:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-22 18:00');
  });
});
