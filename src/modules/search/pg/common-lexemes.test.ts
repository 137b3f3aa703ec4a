import { describe, expect, it } from 'vitest';
import { estimateMatches, listedMatchesAtMost, matchesAtMost, plainLexemes, tsqueryShare } from './common-lexemes.js';

describe('plainLexemes', () => {
  it('reads one lexeme, an AND of several, and quotes doubled inside a lexeme', () => {
    expect(plainLexemes("'jazz'")).toEqual(['jazz']);
    expect(plainLexemes("('su|jazz' & 'su|ensembl')")).toEqual(['su|jazz', 'su|ensembl']);
    expect(plainLexemes("'o''brien' & 'ti|irish'")).toEqual(["o'brien", 'ti|irish']);
  });
  it('refuses what the statistics cannot answer: OR, NOT, prefixes, phrases, weights', () => {
    expect(plainLexemes("('comput':* | 'py|comput':*)")).toBeNull();
    expect(plainLexemes("('红楼' <-> '楼梦')")).toBeNull();
    expect(plainLexemes("'jazz' & !'blues'")).toBeNull();
    expect(plainLexemes("'jazz':A")).toBeNull();
    expect(plainLexemes("'jazz' | 'blues'")).toBeNull();
    expect(plainLexemes('')).toBeNull();
  });
});

describe('estimateMatches', () => {
  const stats = { documents: 100_000, share: new Map([['jazz', 0.5], ['su|jazz', 0.4], ['ti|piano', 0.1]]), rarest: 0.01 };
  it('multiplies the shares of common lexemes, as the planner does', () => {
    expect(estimateMatches(['jazz'], stats)).toBe(50_000);
    expect(estimateMatches(['su|jazz', 'ti|piano'], stats)).toBe(4_000);
  });
  it('gives no estimate when a lexeme is not common (the query is narrower than any common word) or the index is empty', () => {
    expect(estimateMatches(['jazz', 'bogorodit'], stats)).toBeNull();
    expect(estimateMatches(['jazz'], { documents: 0, share: new Map(), rarest: 0 })).toBeNull();
  });
});

describe('matchesAtMost', () => {
  // 'jazz' in half the documents, its subject form in 40 %, a title word in 10 %; any other lexeme in under 1 %.
  const stats = { documents: 100_000, share: new Map([['jazz', 0.5], ['su|jazz', 0.4], ['ti|piano', 0.1], ['ti|guitar', 0.05]]), rarest: 0.01 };
  const term = (field: 'any' | 'title' | 'subject', text: string, truncated = false) => ({ kind: 'term' as const, field, text, truncated });

  it('bounds a tsquery: AND and phrases by their narrower side, OR by the sum, a lexeme not listed by the rarest share', () => {
    expect(tsqueryShare("'jazz'", stats)).toBe(0.5);
    expect(tsqueryShare("('su|jazz' & 'ti|piano')", stats)).toBe(0.1);
    expect(tsqueryShare("'ti|piano' | 'ti|guitar'", stats)).toBeCloseTo(0.15);
    expect(tsqueryShare("('ti|encor' & ('ti|shigeharu' | 'py|shigeharu':A | ('pys|shi':A <-> 'pys|ge':A <-> 'pys|ha':A)))", stats)).toBe(0.01);
    expect(tsqueryShare("'o''brien'", stats)).toBe(0.01);
    expect(tsqueryShare("'comput':* | 'jazz'", stats)).toBe(Infinity);
    expect(tsqueryShare("('ti|guit':* | 'py|guit':*A)", stats)).toBe(Infinity);
    expect(tsqueryShare("'jazz' &", stats)).toBe(Infinity);
  });

  it('bounds a query by its words: a rare word keeps an AND narrow, an OR adds up, a prefix or a year cannot be bounded', () => {
    expect(matchesAtMost(term('title', 'guitar'), stats)).toBe(5_000);
    // title=piano is also looked for as pinyin (pian o): two lexemes not listed, each under 1 %.
    expect(matchesAtMost(term('title', 'piano'), stats)).toBe(12_000);
    expect(matchesAtMost({ kind: 'and', children: [term('subject', 'jazz'), term('any', 'bogorodit')] }, stats)).toBe(1_000);
    expect(matchesAtMost({ kind: 'or', children: [term('title', 'guitar'), term('subject', 'jazz')] }, stats)).toBe(45_000);
    expect(matchesAtMost({ kind: 'and', children: [term('title', 'guitar'), { kind: 'not', child: term('any', 'jazz') }] }, stats)).toBe(5_000);
    expect(matchesAtMost(term('title', 'guit', true), stats)).toBeNull();
    expect(matchesAtMost({ kind: 'year', from: 1990, to: null }, stats)).toBeNull();
    expect(matchesAtMost({ kind: 'and', children: [{ kind: 'year', from: 1990, to: null }, term('title', 'guitar')] }, stats)).toBe(5_000);
    expect(matchesAtMost(term('title', 'guitar'), { documents: 100_000, share: new Map(), rarest: 0 })).toBeNull();
  });

  it('knows words to be frequent only by the lexemes listed: a word not listed counts for none there', () => {
    // guitar: 5 % by its listed title form; piano: its pinyin forms are not listed, only its title form (10 %).
    expect(listedMatchesAtMost(term('title', 'guitar'), stats)).toBe(5_000);
    expect(listedMatchesAtMost(term('title', 'piano'), stats)).toBe(10_000);
    expect(listedMatchesAtMost(term('any', 'bogorodit'), stats)).toBe(0);
    expect(matchesAtMost(term('any', 'bogorodit'), stats)).toBe(1_000);
    expect(listedMatchesAtMost({ kind: 'and', children: [term('subject', 'jazz'), term('any', 'bogorodit')] }, stats)).toBe(0);
    expect(listedMatchesAtMost(term('title', 'guit', true), stats)).toBeNull();
  });
});
