import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORECARD, scorecardProblems, scoreReview, scoresRefusal, type Scorecard } from './scorecard.js';

const label = (text: string) => ({ 'zh-CN': text, 'en-US': text });

/** A small scorecard: two weighted categories (60/40), one critical, two bonus items capped at 8. */
const CARD: Scorecard = {
  categories: [
    { key: 'accuracy', weight: 60, label: label('accuracy') },
    { key: 'courtesy', weight: 40, label: label('courtesy') },
    { key: 'red_line', weight: 0, critical: true, label: label('red line') },
  ],
  bonus: [
    { key: 'praise', points: 5, label: label('praise') },
    { key: 'retention', points: 5, label: label('retention') },
  ],
  bonusCap: 8,
  maxScore: 100,
  passMark: 80,
};

describe('scoreReview', () => {
  it.each([
    // [why, accuracy, courtesy, red line, bonus, score, passed]
    ['all full marks', 100, 100, 100, [], 100, true],
    ['weights: 60% of 90 + 40% of 70', 90, 70, 100, [], 82, true],
    ['weights: the heavier category counts more', 70, 90, 100, [], 78, false],
    ['a bonus adds its points', 70, 90, 100, ['praise'], 83, true],
    ['bonus items together are capped (5 + 5 → 8)', 70, 60, 100, ['praise', 'retention'], 74, false],
    ['the total is capped at the maximum', 100, 95, 100, ['praise', 'retention'], 100, true],
    ['a critical fail sets the review to 0, bonus and all', 100, 100, 0, ['praise'], 0, false],
    ['rounding: 60% of 33 + 40% of 34 = 33.4', 33, 34, 100, [], 33.4, false],
    ['rounding half up: 60% of 1 + 40% of 0 = 0.6', 1, 0, 100, [], 0.6, false],
    ['the pass mark is inclusive', 80, 80, 100, [], 80, true],
    ['just under the pass mark: 60% of 79 + 40% of 80 = 79.4', 79, 80, 100, [], 79.4, false],
  ] as const)('%s', (_why, accuracy, courtesy, redLine, bonus, score, passed) => {
    const result = scoreReview(CARD, { scores: { accuracy, courtesy, red_line: redLine }, bonus: [...bonus] });
    expect(result.scoreTenths / 10).toBe(score);
    expect(result.passed).toBe(passed);
    expect(result.criticalFailed).toBe(redLine === 0);
  });

  it('rounds half up at the hundredth (weights 33/67: 0.33 + 0.67 × 1 … )', () => {
    const card: Scorecard = { ...CARD, categories: [{ key: 'a', weight: 33, label: label('a') }, { key: 'b', weight: 67, label: label('b') }] };
    // 33 × 15 + 67 × 0 = 495 hundredths = 4.95 → 5.0 (half up), never 4.9
    expect(scoreReview(card, { scores: { a: 15, b: 0 }, bonus: [] }).scoreTenths).toBe(50);
    // 33 × 14 = 462 hundredths = 4.62 → 4.6
    expect(scoreReview(card, { scores: { a: 14, b: 0 }, bonus: [] }).scoreTenths).toBe(46);
  });

  it('names the critical categories failed', () => {
    const result = scoreReview(DEFAULT_SCORECARD, {
      scores: { greeting: 100, courtesy: 100, accuracy: 100, ownership: 100, communication: 100, no_forbidden_phrases: 0, privacy: 0 },
      bonus: ['praise'],
    });
    expect(result).toMatchObject({ scoreTenths: 0, bonusPoints: 0, criticalFailed: true, failedCritical: ['no_forbidden_phrases', 'privacy'] });
  });
});

describe('scoresRefusal', () => {
  const full = { accuracy: 90, courtesy: 90, red_line: 100 };
  it.each([
    ['fine', { scores: full, bonus: ['praise'] }, null],
    ['a category missing', { scores: { accuracy: 90, red_line: 100 }, bonus: [] }, { code: 'QUALITY_SCORES_INCOMPLETE', key: 'courtesy' }],
    ['above 100', { scores: { ...full, courtesy: 101 }, bonus: [] }, { code: 'QUALITY_SCORE_OUT_OF_RANGE', key: 'courtesy' }],
    ['below 0', { scores: { ...full, accuracy: -1 }, bonus: [] }, { code: 'QUALITY_SCORE_OUT_OF_RANGE', key: 'accuracy' }],
    ['not a whole number', { scores: { ...full, accuracy: 50.5 }, bonus: [] }, { code: 'QUALITY_SCORE_OUT_OF_RANGE', key: 'accuracy' }],
    ['a critical category is pass or fail only', { scores: { ...full, red_line: 50 }, bonus: [] }, { code: 'QUALITY_SCORE_OUT_OF_RANGE', key: 'red_line' }],
    ['an unknown category', { scores: { ...full, speed: 50 }, bonus: [] }, { code: 'QUALITY_SCORE_ITEM_UNKNOWN', key: 'speed' }],
    ['an unknown bonus item', { scores: full, bonus: ['smile'] }, { code: 'QUALITY_SCORE_ITEM_UNKNOWN', key: 'smile' }],
    ['a bonus item twice', { scores: full, bonus: ['praise', 'praise'] }, { code: 'QUALITY_SCORE_ITEM_UNKNOWN', key: 'praise' }],
  ] as const)('%s', (_why, given, refusal) => {
    expect(scoresRefusal(CARD, { scores: { ...given.scores }, bonus: [...given.bonus] })).toEqual(refusal);
  });
});

describe('scorecardProblems', () => {
  it('accepts the default scorecard', () => {
    expect(scorecardProblems(DEFAULT_SCORECARD)).toEqual([]);
    expect(scorecardProblems(CARD)).toEqual([]);
  });
  it.each([
    ['weights that do not sum to 100', { ...CARD, categories: CARD.categories.map((c) => (c.key === 'courtesy' ? { ...c, weight: 30 } : c)) }, 'the weights sum to 90, not 100'],
    ['a key used twice', { ...CARD, bonus: [...CARD.bonus, { key: 'accuracy', points: 1, label: label('x') }] }, 'key accuracy is used twice'],
    ['no categories', { ...CARD, categories: [] }, 'no categories'],
    ['a pass mark above the maximum', { ...CARD, passMark: 101 }, 'passMark must be a whole number 0–maxScore'],
    ['a label missing in English', { ...CARD, bonus: [{ key: 'praise', points: 5, label: { 'zh-CN': '表扬', 'en-US': ' ' } }] }, 'praise needs a zh-CN and an en-US label'],
  ] as const)('refuses %s', (_why, card, problem) => {
    expect(scorecardProblems(card as Scorecard)).toContain(problem);
  });
});
