import { describe, expect, it } from 'vitest';
import { parcelStory, STORY_CODES } from '../tracking/story.js';
import { localTime, renderStoryNotice } from './templates.js';

const story = parcelStory(
  {
    status: 'in_transit',
    subStatus: 'arrived',
    terminal: false,
    promisedAt: new Date('2026-11-15T02:00:00Z'),
    completeDelayAt: new Date('2026-11-22T02:00:00Z'),
    deliveredAt: null,
    lastEventTime: new Date('2026-11-13T02:00:00Z'),
    lastSite: null,
    openExceptions: [{ kind: 'lost', since: new Date('2026-11-22T02:00:00Z') }],
    caseOpen: true,
  },
  new Date('2026-12-03T02:00:00Z'),
);

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

  it('covers the codes a notice can tell', () => {
    expect(STORY_CODES).toContain(story.code);
  });

  it('shows times in the company time zone', () => {
    expect(localTime(new Date('2026-11-22T10:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-22 18:00');
  });
});
