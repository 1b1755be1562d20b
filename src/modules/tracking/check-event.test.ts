import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../domain/tracking/vocabulary.js';
import { checkEvent } from './ingest.js';

const now = new Date('2026-12-07T04:00:00Z');
const event = (over: Partial<CanonicalEvent>): CanonicalEvent => ({
  waybillNo: 'JT96610898972',
  eventTime: new Date('2026-12-07T02:00:00Z'),
  status: 'in_transit',
  subStatus: 'in_transit',
  site: '上海浦东集散中心',
  areaCode: '310115',
  courier: null,
  rawText: '快件到达',
  source: 'scanner',
  externalId: null,
  ...over,
});

describe('checkEvent: text the database cannot hold refuses the event, named as the scanner batch names it', () => {
  it.each([
    [{ rawText: 'a\u0000' }, 'text'],
    [{ site: '\ud800上海' }, 'site'],
    [{ courier: '张\udc00' }, 'courier'],
    [{ externalId: 'id\u0000' }, 'eventId'],
    [{ waybillNo: 'JT\u0000' }, 'waybillNo'],
    // before the vocabulary check, so the reason never quotes the bad text as a status
    [{ status: 'in\u0000transit' as never }, 'status'],
    [{ subStatus: '\ud800' }, 'subStatus'],
  ])('%j → %s', (over, field) => {
    expect(checkEvent(event(over), now, 365)).toEqual({ code: 'EVENT_TEXT_INVALID', params: { field } });
  });

  it('accepts any other Unicode, paired surrogates included', () => {
    expect(checkEvent(event({ rawText: '已签收 📦 【代收点】' }), now, 365)).toBeNull();
  });
});
