import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrackingStatus } from '../tracking/vocabulary.js';
import { CLAIM_TYPES } from './policy.js';
import { proposeResponsibleSite, type Scan } from './responsibility.js';

const sh = (local: string) => new Date(`${local.replace(' ', 'T')}+08:00`);
const scan = (at: string, status: TrackingStatus, site: string | null, subStatus: string = status): Scan => ({ eventTime: sh(at), status, subStatus, site });

/** Picked up in Hangzhou, through two hubs, delivered by a Shanghai station. */
const TRAIL: Scan[] = [
  scan('2026-03-02 10:00', 'picked_up', '杭州西湖营业部'),
  scan('2026-03-02 20:00', 'in_transit', '杭州转运中心', 'departed'),
  scan('2026-03-03 02:00', 'in_transit', '上海转运中心', 'arrived'),
  scan('2026-03-05 08:00', 'out_for_delivery', '上海浦东营业站'),
  scan('2026-03-05 11:00', 'delivered', '上海浦东营业站', 'self'),
];

describe('proposeResponsibleSite', () => {
  it.each<{ case: string; type: (typeof CLAIM_TYPES)[number]; scans: Scan[]; until?: Date; site: string; basis: string }>([
    { case: 'damage: the site of the damage scan', type: 'damage', scans: [...TRAIL, scan('2026-03-03 03:00', 'damaged', '上海转运中心')], site: '上海转运中心', basis: 'damage_scan' },
    { case: 'damage: the first of two damage scans', type: 'damage', scans: [...TRAIL, scan('2026-03-04 09:00', 'damaged', '上海浦东营业站'), scan('2026-03-02 21:00', 'damaged', '杭州转运中心')], site: '杭州转运中心', basis: 'damage_scan' },
    { case: 'damage without a damage scan: the refusal scan', type: 'damage', scans: [...TRAIL.slice(0, 4), scan('2026-03-05 11:00', 'refused', '上海浦东营业站')], site: '上海浦东营业站', basis: 'refusal_scan' },
    { case: 'damage signed without remark: the delivering site', type: 'damage', scans: TRAIL, site: '上海浦东营业站', basis: 'delivery_scan' },
    { case: 'frozen: the damage scan', type: 'frozen_spoiled', scans: [...TRAIL, scan('2026-03-03 03:00', 'damaged', '上海转运中心')], site: '上海转运中心', basis: 'damage_scan' },
    { case: 'short contents: the delivering site', type: 'short_contents', scans: TRAIL, site: '上海浦东营业站', basis: 'delivery_scan' },
    { case: 'loss: the last site that scanned it', type: 'loss', scans: TRAIL.slice(0, 3), site: '上海转运中心', basis: 'last_scan' },
    { case: 'loss: scans out of order, the latest counts', type: 'loss', scans: [TRAIL[2]!, TRAIL[0]!, TRAIL[1]!], site: '上海转运中心', basis: 'last_scan' },
    { case: 'loss: a later scan without a site is skipped', type: 'loss', scans: [...TRAIL.slice(0, 3), scan('2026-03-04 09:00', 'stalled', null)], site: '上海转运中心', basis: 'last_scan' },
    { case: 'wrong delivery: the site that delivered it', type: 'wrong_delivery', scans: TRAIL, site: '上海浦东营业站', basis: 'delivery_scan' },
    { case: 'delay: the site where it waited longest (two days at the Shanghai hub)', type: 'delay', scans: TRAIL, site: '上海转运中心', basis: 'longest_stay' },
    { case: 'delay still sitting at its last site', type: 'delay', scans: TRAIL.slice(0, 3), until: sh('2026-03-09 10:00'), site: '上海转运中心', basis: 'longest_stay' },
    { case: 'delay judged before the next scan: the longest gap so far', type: 'delay', scans: TRAIL.slice(0, 2), site: '杭州西湖营业部', basis: 'longest_stay' },
  ])('$case', ({ type, scans, until, site, basis }) => {
    expect(proposeResponsibleSite(type, scans, until ?? null)).toMatchObject({ kind: 'proposed', site, basis });
  });

  it('cites its source and the scan it read', () => {
    const result = proposeResponsibleSite('loss', TRAIL.slice(0, 3));
    expect(result).toMatchObject({ scannedAt: sh('2026-03-03 02:00'), source: expect.stringContaining('客服手册') });
  });

  it.each(CLAIM_TYPES)('%s with no site in the trail: none, with its code', (type) => {
    expect(proposeResponsibleSite(type, [scan('2026-03-02 10:00', 'picked_up', null), scan('2026-03-02 12:00', 'in_transit', '  ')])).toEqual({ kind: 'none', code: 'RESPONSIBILITY_NO_SITE' });
  });

  it('does not depend on the order the scans arrived in', () => {
    const statuses: TrackingStatus[] = ['picked_up', 'in_transit', 'damaged', 'refused', 'out_for_delivery', 'delivered', 'stalled'];
    const scanArb = fc.record({
      minute: fc.integer({ min: 0, max: 20_000 }),
      status: fc.constantFrom(...statuses),
      site: fc.constantFrom('甲站', '乙站', '丙中心', null),
    });
    fc.assert(
      fc.property(fc.uniqueArray(scanArb, { selector: (s) => s.minute, maxLength: 12 }), fc.constantFrom(...CLAIM_TYPES), (raw, type) => {
        const scans = raw.map((s): Scan => ({ eventTime: new Date(Date.UTC(2026, 2, 2) + s.minute * 60_000), status: s.status, subStatus: s.status, site: s.site }));
        expect(proposeResponsibleSite(type, [...scans].reverse())).toEqual(proposeResponsibleSite(type, scans));
      }),
    );
  });
});
