import { describe, expect, it } from 'vitest';
import { searchRank, searchTermsOf, SEARCH_MATCHES, type SearchTerms } from './search.js';

const nothing: SearchTerms = {
  ticketNumber: null,
  waybillNo: null,
  phone: null,
  fullName: null,
  phoneSuffix: null,
  surname: null,
  namePrefix: null,
  givenName: null,
  words: false,
};

describe('searchTermsOf: what an agent types', () => {
  it.each<{ q: string; is: string; terms: Partial<SearchTerms> }>([
    { q: '3344', is: 'last 4 digits: a phone suffix and a ticket number, never part of a waybill', terms: { ticketNumber: '3344', phoneSuffix: { last4: '3344', startsWith: null } } },
    { q: '３３４４', is: 'full-width digits from an input method', terms: { ticketNumber: '3344', phoneSuffix: { last4: '3344', startsWith: null } } },
    { q: '138****3344', is: 'a phone as the lists mask it', terms: { phoneSuffix: { last4: '3344', startsWith: '138' } } },
    { q: '****3344', is: 'only the end of a masked phone', terms: { phoneSuffix: { last4: '3344', startsWith: null } } },
    { q: '13800133344', is: 'a whole phone (also a ticket number and a waybill-shaped number)', terms: { ticketNumber: '13800133344', waybillNo: '13800133344', phone: '13800133344' } },
    { q: '138 0013 3344', is: 'a phone with spaces', terms: { phone: '13800133344' } },
    { q: '+86 138-0013-3344', is: 'a phone with the country code', terms: { phone: '8613800133344' } },
    { q: '#100123', is: 'a ticket number as customers are told it', terms: { ticketNumber: '100123' } },
    { q: '100123', is: 'six digits: a ticket number, a waybill-shaped number and a phone', terms: { ticketNumber: '100123', waybillNo: '100123', phone: '100123' } },
    { q: 'pd202612070001', is: 'a waybill number in lower case', terms: { waybillNo: 'PD202612070001' } },
    { q: '012', is: 'three digits: a ticket number only', terms: { ticketNumber: '012' } },
    { q: '陈', is: 'one character: the surname', terms: { fullName: '陈', surname: '陈', words: true } },
    { q: '玉鹏', is: 'two characters: a given name, or the start of a name', terms: { fullName: '玉鹏', namePrefix: '玉鹏', givenName: '玉鹏', words: true } },
    { q: '欧阳', is: 'a compound surname: the start of a name', terms: { fullName: '欧阳', namePrefix: '欧阳', givenName: '欧阳', words: true } },
    { q: '陈玉鹏', is: 'a full name, also the start of longer names', terms: { fullName: '陈玉鹏', namePrefix: '陈玉鹏', words: true } },
    { q: ' 陈玉鹏 ', is: 'spaces around are ignored', terms: { fullName: '陈玉鹏', namePrefix: '陈玉鹏', words: true } },
    { q: '陈女士', is: 'a salutation: the surname, and the name as stored', terms: { fullName: '陈女士', surname: '陈', words: true } },
    { q: '欧阳先生', is: 'a salutation after a compound surname', terms: { fullName: '欧阳先生', namePrefix: '欧阳', words: true } },
    { q: '陈**', is: 'a masked name from a list: its surname', terms: { fullName: '陈**', surname: '陈', words: true } },
    { q: 'Smith', is: 'a Latin name: the start of a name, no given name', terms: { fullName: 'Smith', namePrefix: 'Smith', words: true } },
    { q: '快件破损', is: 'words of the text (also the start of a name: harmless, none starts so)', terms: { fullName: '快件破损', namePrefix: '快件破损', words: true } },
    { q: '快件 破损', is: 'words with a space: no name part', terms: { fullName: '快件 破损', words: true } },
    { q: '破损了3天', is: 'text with a digit: words only', terms: { words: true } },
  ])('$q — $is', ({ q, terms }) => {
    expect(searchTermsOf(q)).toEqual({ ...nothing, ...terms });
  });

  it('a letter-only word of six or more letters is also looked up as a waybill number', () => {
    expect(searchTermsOf('Johnson').waybillNo).toBe('JOHNSON');
  });
});

describe('search ranks', () => {
  it('exact numbers, then the full name, the phone suffix, name parts, the text', () => {
    expect(SEARCH_MATCHES.map((m) => [m, searchRank(m)])).toEqual([
      ['exact', 1],
      ['name', 2],
      ['phone_suffix', 3],
      ['name_part', 4],
      ['text', 5],
    ]);
  });
});
