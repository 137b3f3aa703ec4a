import { describe, expect, it } from 'vitest';
import { estimateMatches, plainLexemes } from './common-lexemes.js';

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
  const stats = { documents: 100_000, share: new Map([['jazz', 0.5], ['su|jazz', 0.4], ['ti|piano', 0.1]]) };
  it('multiplies the shares of common lexemes, as the planner does', () => {
    expect(estimateMatches(['jazz'], stats)).toBe(50_000);
    expect(estimateMatches(['su|jazz', 'ti|piano'], stats)).toBe(4_000);
  });
  it('gives no estimate when a lexeme is not common (the query is narrower than any common word) or the index is empty', () => {
    expect(estimateMatches(['jazz', 'bogorodit'], stats)).toBeNull();
    expect(estimateMatches(['jazz'], { documents: 0, share: new Map() })).toBeNull();
  });
});
