import { describe, expect, it } from 'vitest';
import { filterLexemes, yearRangeLexemes } from './filter-lexemes.js';

describe('filter lexemes', () => {
  it('gives a document its format, language, decade, century, libraries, alliances and availability', () => {
    expect(filterLexemes({ format: 'book', language: 'chi', year: 1987, libraryIds: [3, 7], allianceIds: [1], availableCopies: 2 }))
      .toEqual(['~f:book', '~l:chi', '~y:198', '~c:19', '~h:3', '~h:7', '~a:1', '~av']);
    expect(filterLexemes({ format: 'audio', language: null, year: null, libraryIds: [], allianceIds: [], availableCopies: 0 })).toEqual(['~f:audio']);
    expect(filterLexemes({ format: 'book', language: null, year: 950, libraryIds: [], allianceIds: [], availableCopies: 0 })).toEqual(['~f:book', '~y:out']);
  });

  it('covers a year range with whole centuries and decades, and says when a bucket reaches past it', () => {
    expect(yearRangeLexemes(1990, 1999)).toEqual({ lexemes: ['~y:199'], exact: true });
    expect(yearRangeLexemes(1900, 2009)).toEqual({ lexemes: ['~c:19', '~y:200'], exact: true });
    expect(yearRangeLexemes(1895, 1912)).toEqual({ lexemes: ['~y:189', '~y:190', '~y:191'], exact: false });
    expect(yearRangeLexemes(2000, null)).toEqual({ lexemes: ['~y:out', '~c:20'], exact: false });
    const old = yearRangeLexemes(null, 1950);
    expect(old.exact).toBe(false);
    expect(old.lexemes).toEqual(['~y:out', '~c:10', '~c:11', '~c:12', '~c:13', '~c:14', '~c:15', '~c:16', '~c:17', '~c:18', '~y:190', '~y:191', '~y:192', '~y:193', '~y:194', '~y:195']);
    expect(yearRangeLexemes(1960, 1950)).toEqual({ lexemes: [], exact: true });
  });
});
