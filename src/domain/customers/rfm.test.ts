import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quintileScores, RFM_SEGMENT_LABELS, RFM_SEGMENTS, rfmSegment, scoreRfm, type RfmInput, type RfmScore } from './rfm.js';

const SH = 'Asia/Shanghai';
const NOW = new Date('2026-12-07T10:00:00+08:00');

describe('quintileScores', () => {
  it.each([
    { case: 'empty population', values: [], scores: [] },
    { case: 'one customer: the middle', values: [7], scores: [3] },
    { case: 'everyone equal: all 3, never 1 or 5', values: [4, 4, 4, 4, 4, 4], scores: [3, 3, 3, 3, 3, 3] },
    { case: 'five distinct: one each', values: [50, 10, 40, 20, 30], scores: [5, 1, 4, 2, 3] },
    { case: 'ten distinct: two per fifth', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], scores: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5] },
    { case: 'two distinct: the lower fifth and the upper', values: [1, 2], scores: [2, 4] },
    { case: 'a tie straddling a boundary takes its middle', values: [1, 2, 2, 2, 3], scores: [1, 3, 3, 3, 5] },
    { case: 'ties at the bottom: the block’s middle', values: [0, 0, 0, 0, 9, 9, 10, 11, 12, 13], scores: [2, 2, 2, 2, 3, 3, 4, 4, 5, 5] },
    { case: 'order of the input does not matter', values: [3, 1, 2], scores: [5, 1, 3] },
    { case: 'negative values (recency negated)', values: [-30, -1, -7], scores: [1, 5, 3] },
  ])('$case', ({ values, scores }) => {
    expect(quintileScores(values)).toEqual(scores);
  });

  it('gives each fifth exactly a fifth of a population without ties (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), (k) => {
        const population = Array.from({ length: 5 * k }, (_, i) => i * 3 + 1);
        const scores = quintileScores(population);
        for (const s of [1, 2, 3, 4, 5]) expect(scores.filter((x) => x === s)).toHaveLength(k);
      }),
    );
  });

  it('is monotone and gives equal values equal scores (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (values) => {
        const scores = quintileScores(values);
        for (let i = 0; i < values.length; i++) {
          for (let j = 0; j < values.length; j++) {
            if (values[i]! === values[j]!) expect(scores[i]).toBe(scores[j]);
            if (values[i]! < values[j]!) expect(scores[i]!).toBeLessThanOrEqual(scores[j]!);
          }
        }
        expect(scores.every((s) => s >= 1 && s <= 5)).toBe(true);
      }),
    );
  });
});

describe('rfmSegment: high is a score above 3', () => {
  it.each([
    { r: 5, f: 5, m: 5, segment: 'important_value', zh: '重要价值客户' },
    { r: 2, f: 4, m: 4, segment: 'important_keep', zh: '重要保持客户' },
    { r: 4, f: 1, m: 5, segment: 'important_develop', zh: '重要发展客户' },
    { r: 1, f: 1, m: 4, segment: 'important_win_back', zh: '重要挽留客户' },
    { r: 4, f: 4, m: 3, segment: 'general_value', zh: '一般价值客户' },
    { r: 3, f: 5, m: 1, segment: 'general_keep', zh: '一般保持客户' },
    { r: 5, f: 3, m: 2, segment: 'general_develop', zh: '一般发展客户' },
    { r: 3, f: 3, m: 3, segment: 'general_win_back', zh: '一般挽留客户' },
  ] as const)('R$r F$f M$m → $zh', ({ r, f, m, segment, zh }) => {
    expect(rfmSegment(r, f, m)).toBe(segment);
    expect(RFM_SEGMENT_LABELS[segment]['zh-CN']).toBe(zh);
  });

  it('every one of the 125 score triples lands in one of the eight segments, each segment reached', () => {
    const seen = new Set<string>();
    const scores: RfmScore[] = [1, 2, 3, 4, 5];
    for (const r of scores) for (const f of scores) for (const m of scores) seen.add(rfmSegment(r, f, m));
    expect([...seen].sort()).toEqual([...RFM_SEGMENTS].sort());
  });

  it('has a label in both languages for every segment', () => {
    for (const s of RFM_SEGMENTS) {
      expect(RFM_SEGMENT_LABELS[s]['zh-CN']).toMatch(/^(重要|一般)(价值|保持|发展|挽留)客户$/);
      expect(RFM_SEGMENT_LABELS[s]['en-US']).toMatch(/^(Important|General) /);
    }
  });
});

describe('scoreRfm', () => {
  const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
  const customer = (customerId: string, last: string | null, frequency: number, monetaryFen: number): RfmInput => ({
    customerId,
    lastShipmentAt: last === null ? null : at(last),
    frequency,
    monetaryFen,
  });

  it('scores a population of five and names each one’s segment', () => {
    const results = scoreRfm(
      [
        customer('a', '2026-12-07 09:00', 500, 5_000_000), // today, most, most
        customer('b', '2026-12-06 09:00', 10, 4_000_000), // yesterday, few, a lot
        customer('c', '2026-11-01 09:00', 400, 30_000), // long ago, many, little
        customer('d', '2026-10-01 09:00', 1, 1_000), // longest ago, fewest, least
        customer('e', '2026-12-01 09:00', 50, 100_000),
        customer('never', null, 0, 0),
      ],
      NOW,
      SH,
    );
    expect(results.map((x) => [x.customerId, x.recencyDays, x.r, x.f, x.m, x.segment])).toEqual([
      ['a', 0, 5, 5, 5, 'important_value'],
      ['b', 1, 4, 2, 4, 'important_develop'],
      ['c', 36, 2, 4, 2, 'general_keep'],
      ['d', 67, 1, 1, 1, 'general_win_back'],
      ['e', 6, 3, 3, 3, 'general_win_back'],
    ]);
  });

  it('counts recency in local dates of the company zone', () => {
    // 23:50 yesterday in Shanghai is 1 day old at 00:10; in UTC both are the same date
    const late = [customer('x', '2026-12-06 23:50', 1, 1)];
    const justAfterMidnight = at('2026-12-07 00:10');
    expect(scoreRfm(late, justAfterMidnight, SH)[0]!.recencyDays).toBe(1);
    expect(scoreRfm(late, justAfterMidnight, 'UTC')[0]!.recencyDays).toBe(0);
  });

  it('an empty population gives nothing; a last parcel in the future (clock skew) is 0 days old', () => {
    expect(scoreRfm([], NOW, SH)).toEqual([]);
    expect(scoreRfm([customer('x', '2026-12-09 10:00', 1, 1)], NOW, SH)[0]!.recencyDays).toBe(0);
  });

  it.each([
    { frequency: -1, monetaryFen: 0 },
    { frequency: 1.5, monetaryFen: 0 },
    { frequency: 1, monetaryFen: -5 },
    { frequency: 1, monetaryFen: 0.5 },
  ])('refuses counts and fen that are not whole and ≥ 0 (%o)', ({ frequency, monetaryFen }) => {
    expect(() => scoreRfm([customer('x', '2026-12-01 10:00', frequency, monetaryFen)], NOW, SH)).toThrow(RangeError);
  });
});
