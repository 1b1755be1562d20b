import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrationSpread, drawSample, isMonday, mondayOf, reviewerFor, samplingProblems, uniform, DEFAULT_SAMPLING, type Candidate, type Stratum } from './sampling.js';

const weights = DEFAULT_SAMPLING.weights;
const plain = (n: number, prefix = 't'): Candidate[] => Array.from({ length: n }, (_, i) => ({ ticketId: `${prefix}${String(i).padStart(3, '0')}`, strata: [] }));
const flagged = (id: string, ...strata: Stratum[]): Candidate => ({ ticketId: id, strata });

describe('drawSample', () => {
  it('is the same for the same seed, whatever order the rows come in', () => {
    const population = [...plain(40), flagged('c1', 'complaint'), flagged('h1', 'phrase_hit')];
    const a = drawSample(population, { places: 5, weights, seed: '2026-12-07' });
    const b = drawSample([...population].reverse(), { places: 5, weights, seed: '2026-12-07' });
    expect(b).toEqual(a);
    expect(a).toHaveLength(5);
    const other = drawSample(population, { places: 5, weights, seed: '2026-12-14' });
    expect(other.map((d) => d.ticketId)).not.toEqual(a.map((d) => d.ticketId));
  });

  it.each([
    // [why, population, places, the tickets that must be in it, size]
    ['every stratum gets a place first: hit, complaint, claim', [...plain(50), flagged('h', 'phrase_hit'), flagged('c', 'complaint'), flagged('k', 'claim')], 5, ['h', 'c', 'k'], 5],
    ['with fewer places than strata, the order hit → complaint → claim decides', [...plain(50), flagged('h', 'phrase_hit'), flagged('c', 'complaint'), flagged('k', 'claim')], 2, ['h', 'c'], 2],
    ['a ticket with two flags fills both strata', [...plain(50), flagged('hc', 'phrase_hit', 'complaint')], 1, ['hc'], 1],
    ['fewer tickets than places: all of them', plain(3), 5, ['t000', 't001', 't002'], 3],
    ['no tickets: none', [], 5, [], 0],
  ] as const)('%s', (_why, population, places, must, size) => {
    const drawn = drawSample(population, { places, weights, seed: 'seed' });
    expect(drawn).toHaveLength(size);
    for (const id of must) expect(drawn.map((d) => d.ticketId)).toContain(id);
    expect(new Set(drawn.map((d) => d.ticketId)).size).toBe(drawn.length);
  });

  it('never draws an excluded (already sampled) ticket', () => {
    const population = [...plain(10), flagged('h', 'phrase_hit')];
    const drawn = drawSample(population, { places: 5, weights, seed: 's', exclude: new Set(['h', 't000']) });
    expect(drawn.map((d) => d.ticketId)).not.toContain('h');
    expect(drawn.map((d) => d.ticketId)).not.toContain('t000');
    expect(drawn).toHaveLength(5);
  });

  it('over-represents complaints: 10% of the tickets, over a quarter of the sample across seeds (about 10% unweighted)', () => {
    // 10 complaints among 100 tickets (10%); after the guaranteed place the draw still favours them (weight 3)
    const population = [...plain(90), ...Array.from({ length: 10 }, (_, i) => flagged(`c${i}`, 'complaint'))];
    let complaints = 0;
    let drawn = 0;
    for (let s = 0; s < 300; s++) {
      const sample = drawSample(population, { places: 5, weights, seed: `week-${s}` });
      drawn += sample.length;
      complaints += sample.filter((d) => d.strata.includes('complaint')).length;
    }
    expect(complaints / drawn).toBeGreaterThan(0.25);
  });

  it('property: a sample is a set of candidates, never larger than asked, and holds a hit whenever there is one', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ ticketId: fc.string({ minLength: 1, maxLength: 6 }), strata: fc.subarray(['phrase_hit', 'complaint', 'claim'] as Stratum[]) }), { selector: (c) => c.ticketId, maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.string(),
        (population, places, seed) => {
          const drawn = drawSample(population, { places, weights, seed });
          const ids = new Set(population.map((c) => c.ticketId));
          expect(drawn.length).toBe(Math.min(places, population.length));
          for (const d of drawn) expect(ids.has(d.ticketId)).toBe(true);
          expect(new Set(drawn.map((d) => d.ticketId)).size).toBe(drawn.length);
          if (population.some((c) => c.strata.includes('phrase_hit'))) expect(drawn.some((d) => d.strata.includes('phrase_hit'))).toBe(true);
        },
      ),
    );
  });
});

describe('helpers', () => {
  it('uniform stays inside (0, 1)', () => {
    for (const text of ['', 'a', 'seed\u0000ticket', '工单']) {
      const u = uniform(text);
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
    }
  });

  it.each([
    ['2026-12-07', '2026-12-07'], // a Monday
    ['2026-12-13', '2026-12-07'], // Sunday belongs to the week before
    ['2026-12-09', '2026-12-07'],
    ['2027-01-01', '2026-12-28'], // across the year
  ])('the Monday of %s is %s', (day, monday) => {
    expect(mondayOf(day)).toBe(monday);
    expect(isMonday(monday)).toBe(true);
  });

  it.each(['2026-12-08', '2026-02-30', '2026-12-7', 'monday'])('%s is not a Monday', (day) => expect(isMonday(day)).toBe(false));

  it('hands agents to the team reviewers in turn', () => {
    expect([0, 1, 2, 3].map((i) => reviewerFor(i, ['a', 'b']))).toEqual(['a', 'b', 'a', 'b']);
    expect(reviewerFor(0, [])).toBeUndefined();
  });

  it.each([
    [[], null],
    [[800], { min: 800, max: 800, spread: 0, mean: 800, stdDev: 0 }],
    [[700, 900], { min: 700, max: 900, spread: 200, mean: 800, stdDev: 100 }],
    [[0, 850, 900], { min: 0, max: 900, spread: 900, mean: 583, stdDev: 413 }],
  ])('calibration spread of %j', (scores, spread) => expect(calibrationSpread(scores)).toEqual(spread));

  it.each([
    [{ perAgent: 5, weights }, []],
    [{ perAgent: 0, weights }, ['perAgent must be a whole number 1–50']],
    [{ perAgent: 5, weights: { ...weights, claim: 0 } }, ['weight of claim must be a whole number 1–20']],
  ])('sampling settings %j', (settings, problems) => expect(samplingProblems(settings)).toEqual(problems));
});
