import { describe, expect, it } from 'vitest';
import { amountInWords } from './amount-in-words.js';

describe('amountInWords (大写金额)', () => {
  it.each([
    [0, '零元整'],
    [5, '伍分'],
    [50, '伍角'],
    [100, '壹元整'],
    [1010, '壹拾元壹角'],
    [3041, '叁拾元肆角壹分'],
    [15_312, '壹佰伍拾叁元壹角贰分'],
    [32_504, '叁佰贰拾伍元零肆分'],
    [168_032, '壹仟陆佰捌拾元叁角贰分'],
    [1_000_500, '壹万零伍元整'],
    [1_050_000, '壹万零伍佰元整'],
    [10_700_053, '壹拾万柒仟元伍角叁分'],
    [100_000_000, '壹佰万元整'],
    [3_041_200, '叁万零肆佰壹拾贰元整'],
    [100_000_000_500, '壹拾亿零伍元整'],
    [1_000_010_000_000, '壹佰亿零壹拾万元整'],
  ])('%i fen = %s', (fen, words) => {
    expect(amountInWords(fen)).toBe(words);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %s', (fen) => {
    expect(() => amountInWords(fen)).toThrow(RangeError);
  });
});
