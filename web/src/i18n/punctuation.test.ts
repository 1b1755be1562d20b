/**
 * The console's Chinese is written with full-width ：，；（）！？ between Chinese words, not ASCII
 * (times such as 9:00, numbers such as 5,000 and `{name}` placeholders keep theirs). The server's
 * texts are checked in test/unit/chinese-punctuation.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { asciiPunctuationBesideChinese } from '../../../src/domain/text.js';
import zhCN from './zh-CN';

/** Keys whose text must keep an ASCII mark beside Chinese. None today; say why for each. */
const ALLOWED = new Set<string>([]);

describe('zh-CN dictionary uses full-width punctuation', () => {
  it.each(Object.entries(zhCN).filter(([key]) => !ALLOWED.has(key)))('%s', (_key, text) => {
    expect(asciiPunctuationBesideChinese(text), text).toEqual([]);
  });
});
