/**
 * The analysis without a database: folding, the lexemes and weights written, the tsquery text.
 * Whether documents and queries then match is matching.test.ts (PostgreSQL itself).
 */
import { describe, expect, it } from 'vitest';
import type { QueryNode, SearchField } from '../query/ast.js';
import { splitPinyin } from './chinese.js';
import { callNumberForm, doiForm, isbnForms, issnForm, systemNumberForms } from './identifiers.js';
import { documentVector, foldText, suggestionTerms, textQuery, type DocumentText } from './index.js';

const EMPTY: DocumentText = {
  titles: [], authors: [], subjects: [], publishers: [], series: [], other: [],
  isbns: [], issns: [], dois: [], callNumbers: [], systemNumbers: [],
};
const vector = (d: Partial<DocumentText>): string => documentVector({ ...EMPTY, ...d });
/** The vector's entries as lexeme → "positions", in the order written. */
const entries = (v: string): Record<string, string> =>
  Object.fromEntries([...v.matchAll(/'((?:[^']|'')*)':(\S+)/g)].map((m) => [m[1]!.replace(/''/g, "'"), m[2]!]));
const term = (text: string, field: SearchField = 'any', truncated = false): QueryNode => ({ kind: 'term', field, text, truncated });

describe('foldText', () => {
  it.each([
    ['紅樓夢', '红楼梦'],
    ['ＡＢＣ　ｄｅｆ', 'abc def'],
    ['Café  Society!', 'cafe society'],
    ["Children's books", 'childrens books'],
    ['红楼梦 上', '红楼梦上'],
    ['  The — end. ', 'the end'],
    ['Łódź', 'lodz'],
    ['한국 문학', '한국 문학'],
    ['\u0088The \u0089Hobbit', 'hobbit'],
    ['', ''],
  ])('%j → %j', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });
});

describe('suggestionTerms', () => {
  it('gives the words as typed, folded, Chinese runs whole, each once', () => {
    expect(suggestionTerms('紅樓夢研究 Computers & café, 한국 문학 computers')).toEqual(['红楼梦研究', 'computers', 'cafe', '한국', '문학']);
  });
  it('gives nothing for punctuation', () => {
    expect(suggestionTerms('— … !')).toEqual([]);
  });
});

describe('documentVector', () => {
  it('weighs titles A, authors B, subjects C, the rest D, tags the first three, and leaves a gap between values', () => {
    expect(vector({ titles: ['A b', 'C'], authors: ['D'], subjects: ['E'], other: ['F'] })).toBe(
      "'a':1A 'ti|a':1A 'b':2A 'ti|b':2A 'c':4A 'ti|c':4A 'd':6B 'au|d':6B 'e':8C 'su|e':8C 'f':10",
    );
  });

  it('writes stems and, where different, the word itself at the same position', () => {
    expect(entries(vector({ titles: ['Computers'] }))).toEqual({ comput: '1A', 'ti|comput': '1A', computers: '1A', 'ti|computers': '1A' });
  });

  it('writes bigrams, the last character, words of three or more characters and pinyin for a Chinese title', () => {
    expect(entries(vector({ titles: ['紅樓夢研究'] }))).toEqual({
      红楼: '1A', 楼梦: '2A', 梦研: '3A', 研究: '4A', 究: '5A',
      'ti|红楼': '1A', 'ti|楼梦': '2A', 'ti|梦研': '3A', 'ti|研究': '4A', 'ti|究': '5A', 'ti|红楼梦': '1A',
      'pys|hong': '1A', 'pys|lou': '2A', 'pys|meng': '3A', 'pys|yan': '4A', 'pys|jiu': '5A',
      红楼梦: '1A', 'py|hongloumeng': '1A', 'py|hlm': '1A', 'py|yanjiu': '4A', 'py|yj': '4A', 'py|hlmyj': '1A',
    });
  });

  it('writes no pinyin for subjects, publishers or notes', () => {
    expect(vector({ subjects: ['小说'], publishers: ['中华书局'], other: ['附录'] })).not.toContain('py');
  });

  it('tags publisher and series words besides the plain ones', () => {
    expect(entries(vector({ publishers: ['Penguin'], series: ['Classics'] }))).toEqual({
      penguin: '1', 'pub|penguin': '1', classic: '3', 'ser|classic': '3', classics: '3', 'ser|classics': '3',
    });
  });

  it('writes identifiers as tagged tokens in every form a reader may type', () => {
    expect(entries(vector({ isbns: ['978-7-02-000220-7'], issns: ['0028-0836'], dois: ['doi:10.1038/NATURE1'], callNumbers: ['TP 311.13'], systemNumbers: ['(OCoLC)ocm00012345'] }))).toEqual({
      'isbn|9787020002207': '1A', 'isbn|702000220x': '1A', 'issn|00280836': '3A', 'doi|10.1038/nature1': '5A',
      'cn|tp311.13': '7A', 'sn|(ocolc)ocm00012345': '9A', 'sn|ocm00012345': '9A', 'sn|12345': '9A',
    });
  });

  it('quotes lexemes holding quotes and backslashes', () => {
    expect(vector({ systemNumbers: ["a'b\\c:d&e|f!g"] })).toBe("'sn|a''b\\\\c:d&e|f!g':1A");
  });

  it('is empty for a record without words', () => {
    expect(vector({ titles: ['— !'] })).toBe('');
  });
});

describe('identifier forms', () => {
  it.each([
    ['7-02-000220-X', ['9787020002207', '702000220x']],
    ['9787020002207 (精装)', ['9787020002207', '702000220x']],
    ['0306406152 9780306406157', ['9780306406157', '0306406152']],
    ['9791234567896', ['9791234567896']],
    ['7020002201', ['7020002201']],
    ['', []],
  ])('ISBN %j', (raw, forms) => {
    expect(isbnForms(raw)).toEqual(forms);
  });

  it('reads ISSNs, DOIs, call numbers and system numbers', () => {
    expect(issnForm('ISSN 0317-847X')).toBe('0317847x');
    expect(doiForm('https://doi.org/10.1000/ABC')).toBe('10.1000/abc');
    expect(callNumberForm('Ｉ２４２．４／ 曹')).toBe('i242.4/曹');
    expect(systemNumberForms('(OCoLC)12345')).toEqual(['(ocolc)12345', '12345']);
    expect(systemNumberForms('ocn000987')).toEqual(['ocn000987', '987']);
    expect(systemNumberForms('(CaOONL)123')).toEqual(['(caoonl)123', '123']);
  });
});

describe('splitPinyin', () => {
  it.each([
    ['hongloumeng', ['hong', 'lou', 'meng']],
    ['zhongguogudaishi', ['zhong', 'guo', 'gu', 'dai', 'shi']],
    ['xian', ['xian']],
    ['lvyou', ['lv', 'you']],
    ['science', null],
    ['hlm', null],
  ])('%s', (word, syllables) => {
    expect(splitPinyin(word)).toEqual(syllables);
  });
});

describe('textQuery', () => {
  it.each<[string, QueryNode, string | null]>([
    ['a word is stemmed', term('computers'), "'comput'"],
    ['a title word is looked up with its field tag alone (no weight: the GIN index answers it)', term('computers', 'title'), "'ti|comput'"],
    ['truncation is a prefix on the word as typed', term('comput', 'title', true), "('ti|comput':* | 'py|comput':*A)"],
    ['a Chinese word is a chain of bigrams', term('紅樓夢', 'title'), "('ti|红楼' <-> 'ti|楼梦')"],
    ['an author and a subject word are tagged too', { kind: 'and', children: [term('smith', 'author'), term('jazz', 'subject')] }, "('au|smith' & 'su|jazz')"],
    ['one Chinese character is a prefix', term('梦'), "'梦':*"],
    ['a Chinese run is its words, all required', term('红楼梦研究'), "(('红楼' <-> '楼梦') & '研究')"],
    ['pinyin: full, spread over characters', term('hongloumeng'), "('hongloumeng' | 'py|hongloumeng' | ('pys|hong' <-> 'pys|lou' <-> 'pys|meng'))"],
    ['pinyin initials', term('hlm'), "('hlm' | 'py|hlm')"],
    ['an English syllable alone is only a word', term('long'), "'long'"],
    ['pinyin typed syllable by syllable', { kind: 'and', children: [term('hong'), term('lou')] }, "(('hong' & 'lou') | ('pys|hong' <-> 'pys|lou'))"],
    ['a publisher word is tagged', term('中华书局', 'publisher'), "('pub|中华' <-> 'pub|华书' <-> 'pub|书局')"],
    ['a phrase keeps the document distances after a Chinese run', { kind: 'phrase', field: 'any', text: '红楼梦 C++' }, "('红楼' <-> '楼梦' <2> 'c++')"],
    ['an ISBN field search is ISBN-13', term('7-02-000220-X', 'isbn'), "'isbn|9787020002207'"],
    ['a bare ISBN also looks for the identifier', term('9787020002207'), "('9787020002207' | 'isbn|9787020002207' | 'cn|9787020002207' | 'sn|9787020002207')"],
    ['NOT', { kind: 'and', children: [term('a'), { kind: 'not', child: term('b') }] }, "('a' & !'b')"],
    ['only punctuation is nothing', term('— !'), null],
    ['an AND of nothing is nothing', { kind: 'and', children: [term('!'), term('?')] }, null],
    ['a part with nothing drops out', { kind: 'or', children: [term('!'), term('x')] }, "'x'"],
    ['quotes and backslashes are escaped', term("O'Brien\\x", 'systemNumber'), "'sn|o''brien\\\\x'"],
  ])('%s', (_what, node, expected) => {
    expect(textQuery(node)).toBe(expected);
  });

  it('refuses year, library and cluster nodes (the index handles them)', () => {
    expect(() => textQuery({ kind: 'year', from: 1990, to: null })).toThrow(/year/);
    expect(() => textQuery({ kind: 'and', children: [term('x'), { kind: 'library', symbol: 'BJ01' }] })).toThrow(/library/);
    expect(() => textQuery({ kind: 'cluster', id: 1 })).toThrow(/cluster/);
  });
});
