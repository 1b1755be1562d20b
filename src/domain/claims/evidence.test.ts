import { describe, expect, it } from 'vitest';
import { evidenceFileRefusal, evidenceStatus, type SubmittedEvidence } from './evidence.js';
import { DEFAULT_CLAIMS_POLICY } from './policy.js';

const P = DEFAULT_CLAIMS_POLICY;
const ok = (item: SubmittedEvidence['item']): SubmittedEvidence => ({ item, review: 'accepted' });

describe('evidenceStatus', () => {
  it.each<{ case: string; type: 'damage' | 'loss' | 'delay' | 'short_contents'; value: number; submitted: SubmittedEvidence[]; missing: object[] }>([
    { case: 'damage, nothing uploaded', type: 'damage', value: 20_000, submitted: [], missing: [{ item: 'outer_packaging_photo', why: 'not_uploaded' }, { item: 'item_photo', why: 'not_uploaded' }, { item: 'signed_delivery_slip', why: 'not_uploaded' }] },
    { case: 'damage, all three accepted', type: 'damage', value: 20_000, submitted: [ok('outer_packaging_photo'), ok('item_photo'), ok('signed_delivery_slip')], missing: [] },
    { case: 'damage above 1,000 yuan also needs the purchase proof', type: 'damage', value: 200_000, submitted: [ok('outer_packaging_photo'), ok('item_photo'), ok('signed_delivery_slip')], missing: [{ item: 'purchase_proof', why: 'not_uploaded' }] },
    {
      case: 'a photo waiting for review and a slip rejected are still missing',
      type: 'damage',
      value: 20_000,
      submitted: [ok('outer_packaging_photo'), { item: 'item_photo', review: 'pending' }, { item: 'signed_delivery_slip', review: 'rejected' }],
      missing: [{ item: 'item_photo', why: 'pending_review' }, { item: 'signed_delivery_slip', why: 'rejected' }],
    },
    { case: 'a rejected slip uploaded again and accepted', type: 'damage', value: 20_000, submitted: [ok('outer_packaging_photo'), ok('item_photo'), { item: 'signed_delivery_slip', review: 'rejected' }, ok('signed_delivery_slip')], missing: [] },
    { case: 'short contents needs the weight at delivery', type: 'short_contents', value: 20_000, submitted: [ok('outer_packaging_photo'), ok('signed_delivery_slip')], missing: [{ item: 'weight_at_delivery', why: 'not_uploaded' }] },
    { case: 'a small loss needs nothing', type: 'loss', value: 20_000, submitted: [], missing: [] },
    { case: 'a delay needs nothing (the scans prove it)', type: 'delay', value: 900_000, submitted: [], missing: [] },
  ])('$case', ({ type, value, submitted, missing }) => {
    expect(evidenceStatus(P, type, value, submitted)).toEqual({ missing, complete: missing.length === 0 });
  });
});

describe('evidenceFileRefusal: what an upload for a checklist item may be', () => {
  it.each([
    ['outer_packaging_photo', 'image/jpeg', null],
    ['item_photo', 'image/png', null],
    ['item_photo', 'application/pdf', 'image'],
    ['signed_delivery_slip', 'application/pdf', null],
    ['signed_delivery_slip', 'image/heic', null],
    ['purchase_proof', 'text/plain', 'image_or_pdf'],
  ] as const)('%s as %s → %s', (item, mediaType, expected) => {
    expect(evidenceFileRefusal(item, mediaType)).toBe(expected);
  });
});
