import { describe, expect, it } from 'vitest';
import { FORBIDDEN_PHRASES } from './catalog.js';
import { compileGuard, findForbiddenPhrases, guardReply, normalizePhrase, type GuardPhrase } from './guard.js';

const list: GuardPhrase[] = [
  { phrase: '喂', category: 'addressing', match: 'standalone' },
  { phrase: '什么', category: 'questioning', match: 'standalone' },
  { phrase: '不可能', category: 'impatience', match: 'standalone' },
  { phrase: '没这回事', category: 'shirking', match: 'contains' },
  { phrase: '你怎么这样', category: 'questioning', match: 'contains' },
  { phrase: '你怎么这样说话', category: 'impatience', match: 'contains' },
  { phrase: '对，没错', category: 'impatience', match: 'standalone' },
  { phrase: 'OK啦', category: 'other', match: 'contains' },
];

/** the hits as the matched original text, for readable tables */
const matched = (text: string, phrases: readonly GuardPhrase[] = list) =>
  findForbiddenPhrases(text, phrases).map((h) => text.slice(h.start, h.end));

describe('normalizePhrase', () => {
  it.each([
    { case: 'plain', phrase: '没这回事', normal: '没这回事' },
    { case: 'trailing full-width punctuation', phrase: '没这回事！', normal: '没这回事' },
    { case: 'spaces between characters', phrase: '没 这 回 事', normal: '没这回事' },
    { case: 'inner punctuation', phrase: '对，没错', normal: '对没错' },
    { case: 'ASCII punctuation', phrase: '对,没错!', normal: '对没错' },
    { case: 'full-width Latin and digits', phrase: 'ＯＫ１２３', normal: 'ok123' },
    { case: 'upper-case Latin', phrase: 'Ok啦', normal: 'ok啦' },
    { case: 'ideographic space, tab, newline', phrase: '\u3000没\t这\n回事', normal: '没这回事' },
    { case: 'zero-width space', phrase: '没\u200b这回事', normal: '没这回事' },
    { case: 'symbols and emoji', phrase: '没~这😀回事***', normal: '没这回事' },
    { case: 'decomposed accent composes', phrase: 'cafe\u0301', normal: 'café' },
    { case: 'ligature expands', phrase: 'ﬁne', normal: 'fine' },
    { case: 'empty', phrase: '', normal: '' },
    { case: 'only punctuation and space', phrase: ' ，。！ ', normal: '' },
    { case: 'a pronoun plural folds into the pronoun', phrase: '这不关我们的事', normal: '这不关我的事' },
    { case: '你们 and 他们 fold too', phrase: '你们问他们', normal: '你问他' },
    { case: '们 after a noun stays', phrase: '同事们', normal: '同事们' },
    { case: '们 across a clause break stays', phrase: '我，们', normal: '我们' },
  ])('$case', ({ phrase, normal }) => {
    expect(normalizePhrase(phrase)).toBe(normal);
  });
});

describe('findForbiddenPhrases: contains and standalone', () => {
  it.each([
    { case: 'greeting with 喂', text: '喂,你好', hits: ['喂'] },
    { case: '喂 with full-width comma', text: '喂，你好', hits: ['喂'] },
    { case: '喂 alone', text: '喂', hits: ['喂'] },
    { case: '喂 on its own line', text: '喂\n你好', hits: ['喂'] },
    { case: '喂 between ellipses', text: '好的……喂……在吗', hits: ['喂'] },
    { case: '喂 twice', text: '喂,喂!', hits: ['喂', '喂'] },
    { case: '喂养 is innocent', text: '宠物喂养用品可以正常寄递。', hits: [] },
    { case: '什么 inside a polite question', text: '请问还有什么需要帮您的吗?', hits: [] },
    { case: '什么? alone', text: '什么?', hits: ['什么'] },
    { case: '什么 after a clause', text: '您说的单号是,什么?', hits: ['什么'] },
    { case: '什么 with a space before the question mark', text: '什么 ?', hits: ['什么'] },
    { case: '不可能 inside a sentence', text: '这不可能是您的责任', hits: [] },
    { case: '不可能!', text: '不可能!', hits: ['不可能'] },
    { case: '不可能 full-width exclamation', text: '这个嘛，不可能！', hits: ['不可能'] },
    { case: 'standalone with spaces inside', text: '不 可 能!', hits: ['不 可 能'] },
    { case: 'contains inside a sentence', text: '其实没这回事啊', hits: ['没这回事'] },
    { case: 'contains with trailing 。', text: '没这回事。', hits: ['没这回事'] },
    { case: 'contains spelled out with spaces', text: '没 这 回 事', hits: ['没 这 回 事'] },
    { case: 'contains broken by punctuation', text: '没,这回事', hits: ['没,这回事'] },
    { case: 'standalone with inner comma typed differently', text: '对，没错。', hits: ['对，没错'] },
    { case: 'standalone with inner comma left out', text: '对没错!', hits: ['对没错'] },
    { case: 'standalone not at clause start', text: '您说得对,没错的话', hits: [] },
    { case: 'Latin case-insensitive', text: '好的ok啦', hits: ['ok啦'] },
    { case: 'full-width Latin', text: '好的ＯＫ啦', hits: ['ＯＫ啦'] },
    { case: 'overlap keeps the longest', text: '你怎么这样说话!', hits: ['你怎么这样说话'] },
    { case: 'shorter phrase alone', text: '你怎么这样?', hits: ['你怎么这样'] },
    { case: 'several hits in order', text: '什么?没这回事,不可能!', hits: ['什么', '没这回事', '不可能'] },
    { case: 'empty text', text: '', hits: [] },
    { case: 'only punctuation', text: '。。。!!!', hits: [] },
  ])('$case: $text', ({ text, hits }) => {
    expect(matched(text)).toEqual(hits);
  });

  it('reports the phrase and category of the entry', () => {
    expect(findForbiddenPhrases('你怎么这样说话!', list)).toEqual([
      { phrase: '你怎么这样说话', category: 'impatience', start: 0, end: 7 },
    ]);
    expect(findForbiddenPhrases('对,没错', list)).toEqual([
      { phrase: '对，没错', category: 'impatience', start: 0, end: 4 },
    ]);
  });
});

describe('findForbiddenPhrases: offsets into the original text', () => {
  const hit = (text: string, phrases: GuardPhrase[] = list) => {
    const [first] = findForbiddenPhrases(text, phrases);
    return first ? { start: first.start, end: first.end } : undefined;
  };

  it.each([
    { case: 'plain', text: '您好,其实没这回事。', start: 5, end: 9 },
    { case: 'spaces inside the span are covered', text: '好的, 没 这 回 事!', start: 4, end: 11 },
    { case: 'leading full-width space', text: '\u3000\u3000没这回事', start: 2, end: 6 },
    { case: 'emoji (surrogate pair) before', text: '😀😀没这回事', start: 4, end: 8 },
    { case: 'ellipsis expands under NFKC', text: '……没这回事', start: 2, end: 6 },
    { case: 'full-width Latin', text: '请看ＯＫ啦', start: 2, end: 5 },
    { case: 'standalone after CRLF', text: '好的\r\n喂\r\n', start: 4, end: 5 },
  ])('$case', ({ text, start, end }) => {
    expect(hit(text)).toEqual({ start, end });
  });

  it.each([
    { case: 'ligature: the whole original character', text: 'xﬁx', phrase: 'fi', start: 1, end: 2 },
    { case: 'decomposed accent in the text', text: 'un cafe\u0301!', phrase: 'café', start: 3, end: 8 },
    { case: 'composed accent in the text', text: 'un café!', phrase: 'cafe\u0301', start: 3, end: 7 },
    { case: 'squared unit expands to several letters', text: '约10㎏重', phrase: 'kg', start: 3, end: 4 },
  ])('$case', ({ text, phrase, start, end }) => {
    expect(hit(text, [{ phrase, category: 'other', match: 'contains' }])).toEqual({ start, end });
  });
});

describe('compileGuard', () => {
  it('skips phrases that normalize to nothing and duplicates', () => {
    const guard = compileGuard([
      { phrase: ' ！', category: 'other', match: 'contains' },
      { phrase: '没这回事', category: 'shirking', match: 'contains' },
      { phrase: '没 这回事!', category: 'other', match: 'contains' },
    ]);
    expect(guard.find('没这回事')).toEqual([{ phrase: '没这回事', category: 'shirking', start: 0, end: 4 }]);
    expect(guard.find('   ')).toEqual([]);
  });

  it('finds nothing with an empty list', () => {
    expect(compileGuard([]).find('没这回事')).toEqual([]);
  });

  it('handles phrases that share prefixes and suffixes (Aho–Corasick failure links)', () => {
    const phrases: GuardPhrase[] = [
      { phrase: 'abcd', category: 'other', match: 'contains' },
      { phrase: 'bc', category: 'other', match: 'contains' },
      { phrase: 'cde', category: 'other', match: 'contains' },
      { phrase: 'aab', category: 'other', match: 'contains' },
    ];
    expect(matched('xabcex', phrases)).toEqual(['bc']);
    expect(matched('abcde', phrases)).toEqual(['abcd']);
    expect(matched('aabcde', phrases)).toEqual(['abcd']);
    expect(matched('aabxcde', phrases)).toEqual(['aab', 'cde']);
  });

  it('findForbiddenPhrases compiles each list (array) on its own', () => {
    const phrases: GuardPhrase[] = [{ phrase: '没这回事', category: 'shirking', match: 'contains' }];
    expect(findForbiddenPhrases('没这回事', phrases)).toHaveLength(1);
    expect(findForbiddenPhrases('没这回事', [...phrases, { phrase: '什么', category: 'questioning', match: 'standalone' }])).toHaveLength(1);
    expect(findForbiddenPhrases('什么?', phrases)).toHaveLength(0);
  });
});

describe('the catalog against what agents really type', () => {
  const catalog = (text: string) => matched(text, FORBIDDEN_PHRASES);
  it.each([
    { case: 'the seed phrase said for the team', text: '这不关我们的事。', hits: ['这不关我们的事'] },
    { case: 'the tester’s brush-off', text: '这不归我们管，你自己去问驿站。', hits: ['不归我们管', '你自己去问'] },
    { case: '你们 for one customer', text: '你们自己先查清楚再打过来', hits: ['你们自己先查清楚'] },
    { case: 'not my business, another way', text: '这个跟我没关系', hits: ['跟我没关系'] },
    { case: 'polite: we will find out for you', text: '我们马上为您联系驿站核实，请您稍等。', hits: [] },
    { case: 'polite: you may also ask the station', text: '您也可以直接到驿站询问，我们同时为您跟进。', hits: [] },
    { case: 'polite: colleagues', text: '同事们正在处理，我们会在今天 18:00 前回复您。', hits: [] },
  ])('$case', ({ text, hits }) => {
    expect(catalog(text)).toEqual(hits);
  });
});

describe('guardReply', () => {
  it.each([
    { case: 'block with a hit', text: '没这回事!', mode: 'block', allowed: false, hits: 1 },
    { case: 'warn with a hit', text: '没这回事!', mode: 'warn', allowed: true, hits: 1 },
    { case: 'block, clean reply', text: '我们马上为您查询。', mode: 'block', allowed: true, hits: 0 },
    { case: 'warn, clean reply', text: '我们马上为您查询。', mode: 'warn', allowed: true, hits: 0 },
  ] as const)('$case', ({ text, mode, allowed, hits }) => {
    const result = guardReply(text, list, mode);
    expect(result.allowed).toBe(allowed);
    expect(result.hits).toHaveLength(hits);
  });
});

describe('performance', () => {
  it('checks a 2,000-character reply against the catalog well under 1 ms on average', () => {
    const sentence = '您好，您的快件SF1234567890已到达上海转运中心，预计明天送达，请问还有什么可以帮您？';
    const reply = sentence.repeat(Math.ceil(2000 / sentence.length)).slice(0, 2000);
    const guard = compileGuard(FORBIDDEN_PHRASES);
    for (let i = 0; i < 50; i += 1) guard.find(reply); // warm-up
    const runs = 500;
    const started = performance.now();
    for (let i = 0; i < runs; i += 1) guard.find(reply);
    const average = (performance.now() - started) / runs;
    expect(average).toBeLessThan(1);
  });
});
