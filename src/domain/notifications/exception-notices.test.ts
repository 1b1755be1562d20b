import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_LIMIT_POLICY } from '../time-limits/policy.js';
import { detectExceptions, type ExceptionKind, type ShipmentSnapshot } from '../tracking/exceptions.js';
import { exceptionNotices } from './exception-notices.js';
import { parcelStory } from '../tracking/story.js';
import { localTime, renderStoryNotice } from './templates.js';

// PD903534964048: picked up 11-12, last scan 2026-11-13 15:26:46 Shanghai, nothing after.
const T0 = new Date('2026-11-12T02:00:00Z');
const LAST_SCAN = new Date('2026-11-13T07:26:46Z');
const h = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

const parcel = (change: Partial<ShipmentSnapshot> = {}): ShipmentSnapshot => ({
  status: 'in_transit',
  subStatus: 'in_transit',
  terminal: false,
  pickedUpAt: T0,
  promisedAt: h(72),
  completeDelayAt: h(72 + 7 * 24),
  lastEventTime: LAST_SCAN,
  awaitingPickupSince: null,
  failedAttempts: 0,
  damaged: false,
  deliveredAt: null,
  ...change,
});

/** What is told when a shipment is judged at `now` and `recorded` kinds already were raised before. */
const told = (snapshot: ShipmentSnapshot, now: Date, recorded: ExceptionKind[] = []) => {
  const { active } = detectExceptions(snapshot, now, DEFAULT_TIME_LIMIT_POLICY);
  const raised = new Set(active.map((a) => a.kind).filter((kind) => !recorded.includes(kind)));
  return exceptionNotices(active, raised).map((n) => n.kind);
};

describe('which exceptions the customer is told about', () => {
  it.each<{ case: string; snapshot: ShipmentSnapshot; now: Date; recorded?: ExceptionKind[]; notices: ExceptionKind[] }>([
    {
      case: 'a stall',
      snapshot: parcel({ promisedAt: h(96), completeDelayAt: h(96 + 7 * 24) }),
      now: new Date('2026-11-15T07:26:46Z'),
      notices: ['stalled'],
    },
    // One SMS that tells both (the story), not two in the same second.
    { case: 'late and stalled together: one notice, against the stall', snapshot: parcel(), now: h(80), notices: ['stalled'] },
    { case: 'first judged past the complete delay: only the loss, not three at once', snapshot: parcel(), now: h(72 + 8 * 24), notices: ['lost'] },
    {
      case: 'told late and stalled before; now lost: the loss',
      snapshot: parcel(),
      now: h(72 + 8 * 24),
      recorded: ['delayed', 'stalled'],
      notices: ['lost'],
    },
    {
      case: 'already told it is lost; a later stall is no news',
      snapshot: parcel({ lastEventTime: h(72 + 7 * 24 + 1) }),
      now: h(72 + 10 * 24),
      recorded: ['delayed', 'lost'],
      notices: [],
    },
    // The ticket carries both; the customer hears the more serious story.
    { case: 'lost and damaged at once: one notice, the loss', snapshot: parcel({ damaged: true, damagedAt: h(20) }), now: h(72 + 8 * 24), notices: ['lost'] },
    { case: 'damaged later, after the loss was told: the damage is news', snapshot: parcel({ damaged: true, damagedAt: h(20) }), now: h(72 + 8 * 24), recorded: ['delayed', 'stalled', 'lost'], notices: ['damaged'] },
    { case: 'nothing newly raised, nothing told', snapshot: parcel(), now: h(80), recorded: ['delayed', 'stalled'], notices: [] },
  ])('$case', ({ snapshot, now, recorded, notices }) => {
    expect(told(snapshot, now, recorded)).toEqual(notices);
  });

  it('the stall SMS of PD903534964048 says since the last scan, not when the stall was noticed', () => {
    const snapshot = parcel({ promisedAt: h(96) });
    const now = new Date('2026-11-15T07:30:00Z');
    const { active } = detectExceptions(snapshot, now, DEFAULT_TIME_LIMIT_POLICY);
    const story = parcelStory({ ...snapshot, lastSite: null, openExceptions: active, caseOpen: true, claimsOpen: [] }, now);
    const body = renderStoryNotice('PD903534964048', story, 'zh-CN', 'Asia/Shanghai');
    expect(body).toContain(`自${localTime(LAST_SCAN, 'Asia/Shanghai')}起暂无新的物流信息`);
    expect(body).toContain('自2026-11-13 15:26起暂无新的物流信息');
  });
});
