import { describe, expect, it } from 'vitest';
import { parseClaimedYuan } from './amounts.js';

describe('parseClaimedYuan', () => {
  it.each<[string, number | null]>([
    ['1200', 120_000],
    ['1200.5', 120_050],
    ['1200.50', 120_050],
    ['0.29', 29],
    ['0.01', 1],
    ['1,200.00', 120_000],
    ['１２００．５', 120_050],
    [' 88 ', 8_800],
    ['100000000', 10_000_000_000],
    // refused: nothing, zero, negative, three decimals, not a number, above the maximum
    ['', null],
    ['0', null],
    ['0.00', null],
    ['-5', null],
    ['+5', null],
    ['1.234', null],
    ['1e3', null],
    ['abc', null],
    ['.5', null],
    ['5.', null],
    ['100000000.01', null],
    ['99999999999999', null],
  ])('%j → %s', (text, fen) => {
    expect(parseClaimedYuan(text)).toBe(fen);
  });
});
