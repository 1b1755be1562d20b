import { describe, expect, it } from 'vitest';
import { asciiPunctuationBesideChinese, findUnacceptableText, isAcceptableText } from './text.js';

describe('acceptable text', () => {
  it.each([
    ['plain ASCII', 'PD1000000018', true],
    ['Chinese', '快件在武汉转运中心', true],
    ['an emoji (a surrogate pair)', '好评👍', true],
    ['empty', '', true],
    ['NUL alone', '\u0000', false],
    ['NUL inside', 'a\u0000b', false],
    ['a lone high surrogate', 'a\ud800', false],
    ['a lone high surrogate before text', '\ud800a', false],
    ['a lone low surrogate', '\udc00x', false],
    ['a reversed pair', '\udc00\ud800', false],
    ['U+FFFD (a real character)', '\ufffd', true],
  ])('%s', (_name, text, ok) => {
    expect(isAcceptableText(text)).toBe(ok);
  });

  it('names the path of the first bad string, key or value, at any depth', () => {
    expect(findUnacceptableText({ events: [{ text: 'ok' }, { text: 'a\u0000' }] })).toBe('events.1.text');
    expect(findUnacceptableText({ a: { ['b\ud800']: 1 } })).toBe('a.b�');
    expect(findUnacceptableText('\u0000')).toBe('');
    expect(findUnacceptableText({ a: [1, true, null, '好'] })).toBeNull();
  });

  it('walks a body nested 100,000 deep without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnacceptableText(deep)).toMatch(/^0(\.0)*$/);
  });
});

describe('ASCII punctuation beside Chinese', () => {
  it.each([
    ['a colon before a waybill', '快件停滞无更新:PD1000000018', ['新:']],
    ['brackets inside Chinese', '彻底延误(按丢失处理)', ['误(', '理)']],
    ['commas, a semicolon, a question and an exclamation', '您好,请稍等;好吗?好!', ['好,', '等;', '吗?', '好!']],
    ['full-width marks', '快件停滞无更新：PD1000000018，彻底延误（按丢失处理）！', []],
    ['a time and a number in Chinese', '回访时段 9:00–12:00，每批最多 5,000 条', []],
    ['placeholders', '{name}:{value}，已吊销', []],
    ['English', 'Stalled: PD1000000018 (lost), really?', []],
    ['a Chinese term in English, spaced', 'Callbacks (回访) by time', ['(回', '访)']],
  ])('%s', (_name, text, found) => {
    expect(asciiPunctuationBesideChinese(text)).toEqual(found);
  });
});
