import { describe, expect, it } from 'vitest';
import { accuracyOn, classify, enoughToTrain, isHeldOut, meaningfulWords, suggestByRules, suggestCause, trainNaiveBayes, type LabelledText } from './cause-classifier.js';

const sample = (id: string, code: string, ...words: string[]): LabelledText => ({ id, code, words });

const TRAINING: LabelledText[] = [
  sample('1', 'transit_delay', '快件', '延误', '三天'),
  sample('2', 'transit_delay', '物流', '延误', '不动'),
  sample('3', 'transit_delay', '中转', '停滞', '延误'),
  sample('4', 'station_handling', '外箱', '破损', '压坏'),
  sample('5', 'station_handling', '破损', '变形'),
  sample('6', 'courier', '快递员', '态度', '差'),
  sample('7', 'courier', '快递员', '放门口', '态度'),
];

describe('meaningfulWords', () => {
  it.each([
    [['我', '的', '快件', '延误', '了'], ['快件', '延误']],
    [['SF1234567890', '1234', '破损'], ['sf1234567890', '破损']],
    [[' ', '', '，'], []],
  ])('%j → %j', (words, expected) => expect(meaningfulWords(words)).toEqual(expected));
});

describe('naive Bayes', () => {
  const model = trainNaiveBayes(TRAINING);

  it('counts documents per code and word occurrences', () => {
    expect(model.documents).toBe(7);
    expect(model.classes.transit_delay).toEqual({ docs: 3, words: 9 });
    expect(model.counts['延误']).toEqual({ transit_delay: 3 });
  });

  it.each([
    [['延误'], 'transit_delay'],
    [['破损'], 'station_handling'],
    [['快递员', '态度'], 'courier'],
    [['延误', '延误', '破损'], 'transit_delay'],
  ])('%j is most likely %s', (words, code) => expect(classify(model, words)[0]!.code).toBe(code));

  it('probabilities sum to 1; unknown words leave the prior', () => {
    const ranked = classify(model, ['火星']);
    expect(ranked.reduce((s, r) => s + r.score, 0)).toBeCloseTo(1, 10);
    expect(ranked[0]!.code).toBe('transit_delay'); // 3 of 7 documents
  });

  it('keeps only the most frequent words', () => {
    const small = trainNaiveBayes(TRAINING, 1);
    expect(Object.keys(small.counts)).toEqual(['延误']);
    expect(small.classes.courier).toEqual({ docs: 2, words: 0 });
  });

  it('ranks only allowed (active) codes', () => {
    expect(classify(model, ['延误'], new Set(['courier', 'station_handling'])).map((r) => r.code)).not.toContain('transit_delay');
  });
});

describe('suggestCause', () => {
  const model = trainNaiveBayes(TRAINING);
  it.each([
    // [model?, text, words, method, code]
    [true, '快件延误三天', ['快件', '延误', '三天'], 'naive_bayes', 'transit_delay'],
    [true, '台风天气', ['台风', '天气'], 'rules', 'weather_force_majeure'],
    [false, '外包装破损了', ['外', '包装', '破损'], 'rules', 'improper_packaging'],
    [false, '快递员态度很差', ['快递员', '态度', '差'], 'rules', 'courier'],
    [false, '你好', ['你好'], 'none', undefined],
  ] as const)('model %s, %s → %s %s', (withModel, text, words, method, code) => {
    const result = suggestCause(withModel ? model : null, text, words);
    expect(result.method).toBe(method);
    expect(result.ranked[0]?.code).toBe(code);
    expect(result.ranked.length).toBeLessThanOrEqual(3);
  });

  it('a rule for an inactive code is skipped', () => {
    expect(suggestByRules('快递员态度差', new Set(['transit_delay']))).toEqual([]);
  });
});

describe('training data', () => {
  it.each([
    [59, 3, false],
    [60, 3, true],
    [60, 13, false],
    [0, 0, false],
  ])('%i samples over %i codes: enough %s', (samples, codes, enough) => expect(enoughToTrain(samples, codes)).toBe(enough));

  it('the held-out split is stable and about the share asked', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
    const held = ids.filter((id) => isHeldOut(id));
    expect(held.length / ids.length).toBeGreaterThan(0.17);
    expect(held.length / ids.length).toBeLessThan(0.23);
    expect(ids.filter((id) => isHeldOut(id))).toEqual(held);
  });

  it('accuracy is the share whose top suggestion is right', () => {
    const model = trainNaiveBayes(TRAINING);
    const heldOut = [
      { ...sample('a', 'transit_delay', '延误'), text: '延误' },
      { ...sample('b', 'courier', '快递员'), text: '快递员' },
      { ...sample('c', 'courier', '破损'), text: '破损' },
      { ...sample('d', 'system', '你好'), text: '你好' },
    ];
    expect(accuracyOn(model, heldOut)).toBe(0.5);
    expect(accuracyOn(model, [])).toBeNull();
  });
});
