import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AFTERSHIP_SUBTAGS,
  AFTERSHIP_TAGS,
  mapAfterShip,
  mapAfterShipTag,
  parseAfterShipTime,
  parseAfterShipWebhook,
  verifyAfterShipHmac,
  type AfterShipMapping,
  type AfterShipWebhook,
} from './aftership.js';
import { isSubStatusOf } from './vocabulary.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/aftership/${name}`, import.meta.url), 'utf8');
const hmac = (body: string | Buffer, secret: string) => createHmac('sha256', secret).update(body).digest('base64');

function parsed(raw: string): AfterShipWebhook {
  const result = parseAfterShipWebhook(raw);
  if (!result.ok) throw new Error(`fixture did not parse: ${result.problems.join('; ')}`);
  return result.value;
}

function webhookOf(checkpoints: unknown[]): AfterShipWebhook {
  return parsed(JSON.stringify({ event: 'tracking_update', event_id: 'e-1', msg: { tracking_number: 'SF1', slug: 'sf-express', checkpoints }, ts: 1 }));
}

describe('AfterShip tags and subtags', () => {
  it.each([
    // tag alone (or an unknown subtag) → the tag's meaning
    { tag: 'Pending', subtag: null, status: 'ordered', sub: 'created' },
    { tag: 'InfoReceived', subtag: null, status: 'ordered', sub: 'created' },
    { tag: 'InTransit', subtag: null, status: 'in_transit', sub: 'in_transit' },
    { tag: 'OutForDelivery', subtag: null, status: 'out_for_delivery', sub: 'out_for_delivery' },
    { tag: 'AttemptFail', subtag: null, status: 'failed_attempt', sub: 'other' },
    { tag: 'Delivered', subtag: null, status: 'delivered', sub: 'self' },
    { tag: 'AvailableForPickup', subtag: null, status: 'awaiting_pickup', sub: 'station' },
    { tag: 'Exception', subtag: null, status: 'stalled', sub: 'problem' },
    { tag: 'Expired', subtag: null, status: 'stalled', sub: 'expired' },
    // every documented subtag
    { tag: 'Pending', subtag: 'Pending_001', status: 'ordered', sub: 'created' },
    { tag: 'InfoReceived', subtag: 'InfoReceived_001', status: 'ordered', sub: 'created' },
    { tag: 'InTransit', subtag: 'InTransit_001', status: 'in_transit', sub: 'in_transit' },
    { tag: 'InTransit', subtag: 'InTransit_002', status: 'picked_up', sub: 'picked_up' },
    { tag: 'InTransit', subtag: 'InTransit_003', status: 'in_transit', sub: 'arrived' },
    { tag: 'InTransit', subtag: 'InTransit_004', status: 'in_transit', sub: 'arrived' },
    { tag: 'InTransit', subtag: 'InTransit_005', status: 'customs', sub: 'customs_cleared' },
    { tag: 'InTransit', subtag: 'InTransit_006', status: 'customs', sub: 'customs_pending' },
    { tag: 'InTransit', subtag: 'InTransit_007', status: 'in_transit', sub: 'departed' },
    { tag: 'InTransit', subtag: 'InTransit_008', status: 'in_transit', sub: 'in_transit' },
    { tag: 'InTransit', subtag: 'InTransit_009', status: 'in_transit', sub: 'forwarded' },
    { tag: 'OutForDelivery', subtag: 'OutForDelivery_001', status: 'out_for_delivery', sub: 'out_for_delivery' },
    { tag: 'OutForDelivery', subtag: 'OutForDelivery_003', status: 'out_for_delivery', sub: 'out_for_delivery' },
    { tag: 'OutForDelivery', subtag: 'OutForDelivery_004', status: 'out_for_delivery', sub: 'out_for_delivery' },
    { tag: 'AttemptFail', subtag: 'AttemptFail_001', status: 'failed_attempt', sub: 'other' },
    { tag: 'AttemptFail', subtag: 'AttemptFail_002', status: 'failed_attempt', sub: 'no_one_home' },
    { tag: 'AttemptFail', subtag: 'AttemptFail_003', status: 'failed_attempt', sub: 'no_one_home' },
    { tag: 'Delivered', subtag: 'Delivered_001', status: 'delivered', sub: 'self' },
    { tag: 'Delivered', subtag: 'Delivered_002', status: 'delivered', sub: 'station' },
    { tag: 'Delivered', subtag: 'Delivered_003', status: 'delivered', sub: 'self' },
    { tag: 'Delivered', subtag: 'Delivered_004', status: 'delivered', sub: 'self' },
    { tag: 'Delivered', subtag: 'Delivered_005', status: 'delivered', sub: 'proxy' },
    { tag: 'AvailableForPickup', subtag: 'AvailableForPickup_001', status: 'awaiting_pickup', sub: 'station' },
    { tag: 'Exception', subtag: 'Exception_001', status: 'stalled', sub: 'problem' },
    { tag: 'Exception', subtag: 'Exception_002', status: 'failed_attempt', sub: 'address_issue' },
    { tag: 'Exception', subtag: 'Exception_003', status: 'refused', sub: 'refused' },
    { tag: 'Exception', subtag: 'Exception_004', status: 'customs', sub: 'customs_held' },
    { tag: 'Exception', subtag: 'Exception_005', status: 'stalled', sub: 'stalled' },
    { tag: 'Exception', subtag: 'Exception_006', status: 'stalled', sub: 'problem' },
    { tag: 'Exception', subtag: 'Exception_007', status: 'failed_attempt', sub: 'address_issue' },
    { tag: 'Exception', subtag: 'Exception_008', status: 'awaiting_pickup', sub: 'station' },
    { tag: 'Exception', subtag: 'Exception_009', status: 'stalled', sub: 'problem' },
    { tag: 'Exception', subtag: 'Exception_010', status: 'returned', sub: 'returning' },
    { tag: 'Exception', subtag: 'Exception_011', status: 'returned', sub: 'returned_to_sender' },
    { tag: 'Exception', subtag: 'Exception_012', status: 'damaged', sub: 'damaged' },
    { tag: 'Exception', subtag: 'Exception_013', status: 'stalled', sub: 'problem' },
    { tag: 'Exception', subtag: 'Exception_016', status: 'stalled', sub: 'stalled' },
    { tag: 'Exception', subtag: 'Exception_017', status: 'stalled', sub: 'stalled' },
    { tag: 'Exception', subtag: 'Exception_018', status: 'customs', sub: 'customs_held' },
    { tag: 'Exception', subtag: 'Exception_019', status: 'stalled', sub: 'stalled' },
    { tag: 'Exception', subtag: 'Exception_020', status: 'cancelled', sub: 'cancelled' },
    { tag: 'Exception', subtag: 'Exception_021', status: 'stalled', sub: 'problem' },
    { tag: 'Expired', subtag: 'Expired_001', status: 'stalled', sub: 'expired' },
    // fallbacks
    { tag: 'InTransit', subtag: 'InTransit_013', status: 'in_transit', sub: 'in_transit' },
    { tag: 'Exception', subtag: 'Exception_015', status: 'stalled', sub: 'problem' },
    { tag: 'Delivered', subtag: 'Delivered_099', status: 'delivered', sub: 'self' },
    { tag: 'InTransit', subtag: 'Delivered_001', status: 'in_transit', sub: 'in_transit' },
    { tag: 'Delivered', subtag: '', status: 'delivered', sub: 'self' },
  ])('$tag / $subtag → $status/$sub', ({ tag, subtag, status, sub }) => {
    expect(mapAfterShipTag(tag, subtag)).toEqual({ status, subStatus: sub });
  });

  it('the table test covers every tag and every subtag we know', () => {
    expect(Object.keys(AFTERSHIP_TAGS)).toHaveLength(9);
    expect(Object.keys(AFTERSHIP_SUBTAGS)).toHaveLength(43);
  });

  it('every mapping is a status/sub-status pair of our vocabulary, and each subtag sits under its tag', () => {
    for (const mapped of [...Object.values(AFTERSHIP_TAGS), ...Object.values(AFTERSHIP_SUBTAGS)]) {
      expect(isSubStatusOf(mapped.status, mapped.subStatus), `${mapped.status}/${mapped.subStatus}`).toBe(true);
    }
    for (const subtag of Object.keys(AFTERSHIP_SUBTAGS)) expect(Object.keys(AFTERSHIP_TAGS)).toContain(subtag.split('_')[0]);
  });

  it.each(['Lost', 'delivered', 'DELIVERED', '', 'Exception_003'])('tag "%s" is unknown', (tag) => {
    expect(mapAfterShipTag(tag, null)).toBeNull();
  });
});

describe('AfterShip checkpoint times', () => {
  it.each([
    { value: '2026-11-20T11:24:51+08:00', iso: '2026-11-20T03:24:51.000Z' },
    { value: '2026-11-20T11:24:51+0800', iso: '2026-11-20T03:24:51.000Z' },
    { value: '2026-11-20T11:24:51+08', iso: '2026-11-20T03:24:51.000Z' },
    { value: '2026-11-20T03:24:51Z', iso: '2026-11-20T03:24:51.000Z' },
    { value: '2026-11-20T03:24:51.5Z', iso: '2026-11-20T03:24:51.500Z' },
    { value: '2026-11-20T03:24:51.123456+00:00', iso: '2026-11-20T03:24:51.123Z' },
    { value: '2026-11-21T18:30:00+09:00', iso: '2026-11-21T09:30:00.000Z' },
    { value: '2026-11-20T20:00:00-05:00', iso: '2026-11-21T01:00:00.000Z' },
    { value: '2026-11-20T05:30:00+05:30', iso: '2026-11-20T00:00:00.000Z' },
    { value: '2026-11-20T11:24', iso: '2026-11-20T11:24:00.000Z' },
    // no offset: the checkpoint's local time, which we cannot know — read as UTC
    { value: '2026-11-21T08:40:00', iso: '2026-11-21T08:40:00.000Z' },
  ])('$value → $iso', ({ value, iso }) => {
    expect(parseAfterShipTime(value)?.toISOString()).toBe(iso);
  });

  // A date alone (AfterShip documents "YYYY-MM-DD"): the start of that day in the given zone.
  it.each([
    { value: '2026-11-20', timeZone: undefined, iso: '2026-11-20T00:00:00.000Z' },
    { value: '2026-11-20', timeZone: 'Asia/Shanghai', iso: '2026-11-19T16:00:00.000Z' },
    { value: ' 2026-11-20 ', timeZone: 'Asia/Shanghai', iso: '2026-11-19T16:00:00.000Z' },
    { value: '2026-07-04', timeZone: 'America/New_York', iso: '2026-07-04T04:00:00.000Z' },
  ])('$value in $timeZone → $iso', ({ value, timeZone, iso }) => {
    expect(parseAfterShipTime(value, timeZone)?.toISOString()).toBe(iso);
  });

  it.each(['', '2026-11-31T10:00:00Z', '2026-11-20 10:00:00+08:00', '20/11/2026 10:00', '2026-11-31', '2026-13-01', '2026-02-29', '2026-11-20T25:00:00Z', '2026-11-20T10:00:00+15:00', '2026-11-20T10:00:00+08:61', '1763600000'])(
    '"%s" is not a time',
    (value) => {
      expect(parseAfterShipTime(value)).toBeNull();
    },
  );
});

describe('AfterShip HMAC (aftership-hmac-sha256)', () => {
  const body = fixture('tracking-update-delivered.json');
  const secret = 'whsec_pd_2026';
  const header = hmac(body, secret);

  it('accepts the signature of the raw body, as string or Buffer', () => {
    expect(verifyAfterShipHmac(body, header, secret)).toBe(true);
    expect(verifyAfterShipHmac(Buffer.from(body, 'utf8'), header, secret)).toBe(true);
    expect(verifyAfterShipHmac(body, ` ${header} `, secret)).toBe(true);
  });
  it('refuses a wrong secret', () => {
    expect(verifyAfterShipHmac(body, header, 'whsec_other')).toBe(false);
  });
  it('refuses a tampered body, even one that parses to the same JSON', () => {
    expect(verifyAfterShipHmac(body.replace('Delivered_003', 'Delivered_001'), header, secret)).toBe(false);
    expect(verifyAfterShipHmac(JSON.stringify(JSON.parse(body)), header, secret)).toBe(false);
  });
  it('refuses a missing, truncated or hex header, and an empty secret', () => {
    expect(verifyAfterShipHmac(body, '', secret)).toBe(false);
    expect(verifyAfterShipHmac(body, header.slice(0, -2), secret)).toBe(false);
    expect(verifyAfterShipHmac(body, createHmac('sha256', secret).update(body).digest('hex'), secret)).toBe(false);
    expect(verifyAfterShipHmac(body, hmac(body, ''), '')).toBe(false);
  });
  it('refuses, without throwing, a header of the right length in characters but not in bytes', () => {
    expect(() => verifyAfterShipHmac(body, 'é'.repeat(header.length), secret)).not.toThrow();
    expect(verifyAfterShipHmac(body, 'é'.repeat(header.length), secret)).toBe(false);
    expect(verifyAfterShipHmac(body, `${header.slice(0, -1)}中`, secret)).toBe(false);
  });
});

describe('parseAfterShipWebhook reports what is wrong', () => {
  it.each([
    { case: 'not JSON', body: '{"event":', problem: 'body: not valid JSON' },
    { case: 'a list', body: '[]', problem: 'body: not a JSON object' },
    { case: 'no event', body: '{"event_id":"e","msg":{"tracking_number":"1","checkpoints":[]}}', problem: 'event: missing or not a string' },
    { case: 'no event_id', body: '{"event":"tracking_update","msg":{"tracking_number":"1","checkpoints":[]}}', problem: 'event_id: missing or not a string' },
    { case: 'no msg', body: '{"event":"tracking_update","event_id":"e"}', problem: 'msg: missing or not an object' },
    { case: 'no tracking number', body: '{"event":"tracking_update","event_id":"e","msg":{"checkpoints":[]}}', problem: 'msg.tracking_number: missing or empty' },
    { case: 'checkpoints not a list', body: '{"event":"tracking_update","event_id":"e","msg":{"tracking_number":"1","checkpoints":"none"}}', problem: 'msg.checkpoints: not a list' },
  ])('$case', ({ body, problem }) => {
    const result = parseAfterShipWebhook(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContain(problem);
  });

  it('reads a Buffer and keeps the envelope fields', () => {
    const result = parseAfterShipWebhook(Buffer.from(fixture('tracking-update-delivered.json'), 'utf8'));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value).toMatchObject({
        event: 'tracking_update',
        event_id: '3f2b8e0a-6c1d-4a7e-9b52-0d4f1e8c7a91',
        is_tracking_first_tag: true,
        ts: 1795577165,
        msg: { tracking_number: 'SF1459876543210', slug: 'sf-express', tag: 'Delivered', subtag: 'Delivered_003' },
      });
    }
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ event: 'tracking_update', event_id: 'e', msg: { tracking_number: '1', checkpoints: v } }))),
        (body) => {
          const result = parseAfterShipWebhook(body);
          if (result.ok) expect(() => mapAfterShip(result.value)).not.toThrow();
        },
      ),
    );
  });
});

describe('mapAfterShip: one checkpoint at a time', () => {
  const checkpoint = (over: Record<string, unknown>) => ({ checkpoint_time: '2026-11-20T08:00:00+08:00', tag: 'InTransit', subtag: 'InTransit_003', message: '快件到达 【上海浦东集散中心】', location: '上海市', ...over });

  it.each([
    { case: 'location, brackets removed', over: { location: '【上海浦东集散中心】' }, site: '上海浦东集散中心' },
    { case: 'plain location', over: { location: 'SHANGHAI EMS' }, site: 'SHANGHAI EMS' },
    { case: 'city and state when no location', over: { location: null, city: '上海市', state: '上海市' }, site: '上海市, 上海市' },
    { case: 'city alone', over: { location: '', city: 'TOKYO' }, site: 'TOKYO' },
    { case: 'nothing', over: { location: null }, site: null },
  ])('site: $case', ({ over, site }) => {
    expect(mapAfterShip(webhookOf([checkpoint(over)])).events[0]?.site).toBe(site);
  });

  it('keeps the carrier’s message as raw text, or AfterShip’s words when the carrier gave none', () => {
    const { events } = mapAfterShip(webhookOf([checkpoint({}), checkpoint({ message: '', subtag_message: 'Arrival Scan', checkpoint_time: '2026-11-20T09:00:00+08:00' })]));
    expect(events.map((e) => e.rawText)).toEqual(['快件到达 【上海浦东集散中心】', 'Arrival Scan']);
  });

  it('sorts the events oldest first and keeps where each came from in msg.checkpoints', () => {
    const mapping = mapAfterShip(webhookOf([checkpoint({ checkpoint_time: '2026-11-20T09:00:00+08:00' }), 'bad', checkpoint({})]));
    expect(mapping.events.map((e) => e.eventTime.toISOString())).toEqual(['2026-11-20T00:00:00.000Z', '2026-11-20T01:00:00.000Z']);
    expect(mapping.checkpointIndexes).toEqual([2, 0]);
  });

  it('refuses a checkpoint with a NUL or a lone surrogate in any field, naming it, and upper-cases the waybill', () => {
    const webhook = webhookOf([checkpoint({ message: '到达\u0000' }), checkpoint({ city: '\ud800' }), checkpoint({ checkpoint_time: '2026-11-20T09:00:00+08:00' })]);
    const mapping = mapAfterShip({ ...webhook, msg: { ...webhook.msg, tracking_number: 'sf1796610908729' } });
    expect(mapping.problems).toEqual([
      { index: 0, code: 'CHECKPOINT_TEXT_INVALID', params: { field: 'message' } },
      { index: 1, code: 'CHECKPOINT_TEXT_INVALID', params: { field: 'city' } },
    ]);
    expect(mapping.checkpointIndexes).toEqual([2]);
    expect(mapping.waybillNo).toBe('SF1796610908729');
    expect(mapping.events[0]?.waybillNo).toBe('SF1796610908729');
  });

  it('uses the checkpoint hash as external id when AfterShip sends one', () => {
    const { events } = mapAfterShip(webhookOf([checkpoint({ hash: 'abc123' }), checkpoint({ checkpoint_time: '2026-11-20T09:00:00+08:00' })]));
    expect(events.map((e) => e.externalId)).toEqual(['abc123', null]);
  });

  it('reports bad checkpoints with their index and keeps the good ones', () => {
    const mapping = mapAfterShip(
      webhookOf([
        checkpoint({}),
        'InTransit',
        checkpoint({ checkpoint_time: undefined }),
        checkpoint({ checkpoint_time: '2026-11-20 08:00' }),
        checkpoint({ tag: undefined }),
        checkpoint({ tag: 'Lost' }),
        checkpoint({ tag: 42 }),
      ]),
    );
    expect(mapping.events).toHaveLength(1);
    expect(mapping.checkpointIndexes).toEqual([0]);
    expect(mapping.problems).toEqual([
      { index: 1, code: 'CHECKPOINT_NOT_OBJECT' },
      { index: 2, code: 'CHECKPOINT_TIME_MISSING' },
      { index: 3, code: 'CHECKPOINT_TIME_UNREADABLE', params: { value: '2026-11-20 08:00' } },
      { index: 4, code: 'CHECKPOINT_TAG_MISSING' },
      { index: 5, code: 'CHECKPOINT_TAG_UNKNOWN', params: { tag: 'Lost' } },
      { index: 6, code: 'CHECKPOINT_TAG_MISSING' },
    ]);
  });

  it('never throws and accounts for every checkpoint', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.anything(), fc.record({ checkpoint_time: fc.string(), tag: fc.constantFrom(...Object.keys(AFTERSHIP_TAGS), 'X'), subtag: fc.string(), message: fc.string() }))),
        (checkpoints) => {
          const mapping = mapAfterShip(webhookOf(checkpoints));
          expect(mapping.events.length + mapping.problems.length).toBe(checkpoints.length);
          // Each checkpoint is either an event (by its position) or a problem, never both.
          expect(mapping.checkpointIndexes).toHaveLength(mapping.events.length);
          expect([...mapping.checkpointIndexes, ...mapping.problems.map((p) => p.index)].sort((a, b) => a - b)).toEqual(checkpoints.map((_, i) => i));
          for (const e of mapping.events) expect(isSubStatusOf(e.status, e.subStatus)).toBe(true);
        },
      ),
    );
  });
});

describe('AfterShip fixtures end to end', () => {
  const load = (name: string): AfterShipMapping => mapAfterShip(parsed(fixture(name)));

  it('tracking-update-delivered: SF Express, order to signature', () => {
    const m = load('tracking-update-delivered.json');
    expect(m).toMatchObject({ waybillNo: 'SF1459876543210', carrier: 'sf-express', eventId: '3f2b8e0a-6c1d-4a7e-9b52-0d4f1e8c7a91', event: 'tracking_update', problems: [] });
    expect(m.events.map((e) => [e.eventTime.toISOString(), e.status, e.subStatus, e.site])).toEqual([
      ['2026-11-18T12:11:03.000Z', 'ordered', 'created', '深圳市'],
      ['2026-11-18T12:45:12.000Z', 'picked_up', 'picked_up', '深圳市南山区科技园营业点'],
      ['2026-11-18T15:58:31.000Z', 'in_transit', 'departed', '深圳华南陆运枢纽'],
      ['2026-11-19T20:06:44.000Z', 'in_transit', 'arrived', '上海浦东集散中心'],
      ['2026-11-20T00:31:57.000Z', 'out_for_delivery', 'out_for_delivery', '上海市浦东新区张江营业点'],
      ['2026-11-20T03:24:51.000Z', 'delivered', 'self', '上海市浦东新区张江营业点'],
    ]);
    for (const e of m.events) expect(e).toMatchObject({ waybillNo: 'SF1459876543210', source: 'aftership', areaCode: null, courier: null, externalId: null });
    expect(m.events.at(-1)?.rawText).toBe('快件已签收，签收人：本人，感谢使用顺丰，期待再次为您服务');
  });

  it('tracking-update-exception: attempt failed, refused, returning, returned to sender', () => {
    const m = load('tracking-update-exception.json');
    expect(m.events.map((e) => `${e.status}/${e.subStatus}`)).toEqual([
      'picked_up/picked_up',
      'failed_attempt/no_one_home',
      'refused/refused',
      'returned/returning',
      'returned/returned_to_sender',
    ]);
  });

  it('tracking-update-international: Japan Post into China, customs hold, then damage', () => {
    const m = load('tracking-update-international.json');
    expect(m.events.map((e) => [e.eventTime.toISOString(), e.status, e.subStatus])).toEqual([
      ['2026-11-21T09:30:00.000Z', 'in_transit', 'departed'],
      ['2026-11-22T13:47:05.000Z', 'in_transit', 'arrived'],
      ['2026-11-23T01:15:22.000Z', 'customs', 'customs_pending'],
      ['2026-11-24T03:02:37.000Z', 'customs', 'customs_held'],
      ['2026-11-25T07:20:00.000Z', 'customs', 'customs_cleared'],
      ['2026-11-26T03:58:00.000Z', 'damaged', 'damaged'],
    ]);
  });

  it('tracking-update-pickup: waiting at a pickup point; an offset-less time read as UTC; hashes kept', () => {
    const m = load('tracking-update-pickup.json');
    expect(m.events.map((e) => [e.eventTime.toISOString(), e.status, e.subStatus, e.externalId])).toEqual([
      ['2026-11-21T08:40:00.000Z', 'in_transit', 'arrived', '9a1c2f0e7b4d'],
      ['2026-11-22T01:55:10.000Z', 'awaiting_pickup', 'station', '4e8b0d3a6c21'],
    ]);
  });

  it('tracking-update-bad-checkpoints: four bad checkpoints reported by index, two kept', () => {
    const m = load('tracking-update-bad-checkpoints.json');
    expect(m.problems).toEqual([
      { index: 0, code: 'CHECKPOINT_TIME_UNREADABLE', params: { value: '20/11/2026 10:00' } },
      { index: 1, code: 'CHECKPOINT_TAG_MISSING' },
      { index: 2, code: 'CHECKPOINT_TAG_UNKNOWN', params: { tag: 'Lost' } },
      { index: 3, code: 'CHECKPOINT_NOT_OBJECT' },
      { index: 4, code: 'CHECKPOINT_TIME_MISSING' },
    ]);
    expect(m.events.map((e) => [e.status, e.subStatus, e.rawText])).toEqual([['in_transit', 'in_transit', '【北京转运中心】 已收入']]);
  });

  it('every fixture maps only onto our vocabulary, oldest first', () => {
    for (const name of ['tracking-update-delivered.json', 'tracking-update-exception.json', 'tracking-update-international.json', 'tracking-update-pickup.json']) {
      const { events } = load(name);
      for (const e of events) expect(isSubStatusOf(e.status, e.subStatus), `${name} ${e.status}/${e.subStatus}`).toBe(true);
      const times = events.map((e) => e.eventTime.getTime());
      expect(times, name).toEqual([...times].sort((a, b) => a - b));
    }
  });
});
