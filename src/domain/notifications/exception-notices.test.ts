import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_LIMIT_POLICY } from '../time-limits/policy.js';
import { detectExceptions, type ExceptionKind, type ShipmentSnapshot } from '../tracking/exceptions.js';
import { exceptionNotices } from './exception-notices.js';
import { localTime, renderExceptionNotice } from './templates.js';

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
  return exceptionNotices(active, raised).map((n) => [n.kind, n.since.toISOString()]);
};

describe('which exceptions the customer is told about', () => {
  it.each<{ case: string; snapshot: ShipmentSnapshot; now: Date; recorded?: ExceptionKind[]; notices: [ExceptionKind, Date][] }>([
    {
      case: 'a stall names the last scan, not when the stall was noticed',
      snapshot: parcel({ promisedAt: h(96), completeDelayAt: h(96 + 7 * 24) }),
      now: new Date('2026-11-15T07:26:46Z'), notices: [['stalled', LAST_SCAN]] },
    {
      case: 'late and stalled together: both are news',
      snapshot: parcel(),
      now: h(80),
      notices: [
        ['delayed', h(72)],
        ['stalled', LAST_SCAN],
      ],
    },
    { case: 'first judged past the complete delay: only the loss, not three at once', snapshot: parcel(), now: h(72 + 8 * 24), notices: [['lost', h(72 + 7 * 24)]] },
    {
      case: 'told late and stalled before; now lost: the loss',
      snapshot: parcel(),
      now: h(72 + 8 * 24),
      recorded: ['delayed', 'stalled'],
      notices: [['lost', h(72 + 7 * 24)]],
    },
    {
      case: 'already told it is lost; a later stall is no news',
      snapshot: parcel({ lastEventTime: h(72 + 7 * 24 + 1) }),
      now: h(72 + 10 * 24),
      recorded: ['delayed', 'lost'],
      notices: [],
    },
    {
      case: 'lost does not hide a different problem: damage is still told',
      snapshot: parcel({ damaged: true, damagedAt: h(20) }),
      now: h(72 + 8 * 24),
      notices: [
        ['lost', h(72 + 7 * 24)],
        ['damaged', h(20)],
      ],
    },
    { case: 'nothing newly raised, nothing told', snapshot: parcel(), now: h(80), recorded: ['delayed', 'stalled'], notices: [] },
  ])('$case', ({ snapshot, now, recorded, notices }) => {
    expect(told(snapshot, now, recorded)).toEqual(notices.map(([kind, since]) => [kind, since.toISOString()]));
  });

  it('the stall SMS of PD903534964048 says since the last scan', () => {
    const { active } = detectExceptions(parcel({ promisedAt: h(96) }), new Date('2026-11-15T07:30:00Z'), DEFAULT_TIME_LIMIT_POLICY);
    const [notice] = exceptionNotices(active, new Set(['stalled']));
    const body = renderExceptionNotice('stalled', 'zh-CN', { waybillNo: 'PD903534964048', since: localTime(notice!.since, 'Asia/Shanghai') });
    expect(body).toContain('自2026-11-13 15:26起暂无新的物流信息');
  });
});
