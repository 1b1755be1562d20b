import { describe, expect, it } from 'vitest';
import { foldText, TIMELINE_FOLD } from './fold';

describe('foldText', () => {
  it.each([
    { case: 'short text: not folded', text: '您好，已为您查询。', folded: null },
    { case: 'a little over the limit: not folded', text: '好'.repeat(210), folded: null },
    { case: 'long text: the first 200 characters', text: '好'.repeat(5000), folded: { shown: '好'.repeat(200), hidden: 4800 } },
    { case: 'many short lines: the first 3', text: 'a\nb\nc\nd\ne', folded: { shown: 'a\nb\nc', hidden: 4 } },
    { case: 'three lines exactly: not folded', text: 'a\nb\nc', folded: null },
    { case: 'one short line more: not folded', text: 'a\nb\nc\nd', folded: null },
    { case: 'an emoji is never split', text: `${'好'.repeat(199)}😀${'好'.repeat(100)}`, folded: { shown: '好'.repeat(199), hidden: 102 } },
  ])('$case', ({ text, folded }) => {
    expect(foldText(text, TIMELINE_FOLD)).toEqual(folded);
  });
});
