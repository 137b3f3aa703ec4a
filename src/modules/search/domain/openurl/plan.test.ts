import { describe, expect, it } from 'vitest';
import { illRequestPath, readContextObject, readKev, resolutionPlan, titleWords, type Citation } from './index.js';

function citation(qs: string): Citation {
  const kev = readKev(qs);
  if (!kev.ok) throw new Error(kev.reason);
  const r = readContextObject(kev.pairs);
  if (!r.ok) throw new Error(r.reason);
  return r.citation;
}
const term = (field: string, text: string) => ({ kind: 'term', field, text, truncated: false });

describe('the resolution plan', () => {
  it('tries standard numbers first, then title, author and year (±1 for a book), then title and author', () => {
    const plan = resolutionPlan(citation('rft.btitle=The+Art+of+Computer+Programming%3A+Fundamental+algorithms&rft.aulast=Knuth&rft.date=1997&rft.isbn=0201896834&rft_id=info:oclcnum/38207978'));
    expect(plan.map((s) => s.by)).toEqual(['isbn', 'oclc', 'title-author-year', 'title-author']);
    expect(plan[0]!.query).toEqual(term('isbn', '9780201896831'));
    expect(plan[2]!.query).toEqual({
      kind: 'and',
      children: [term('title', 'Art'), term('title', 'Computer'), term('title', 'Programming'), term('author', 'Knuth'), { kind: 'year', from: 1996, to: 1998 }],
    });
  });

  it('looks for an article’s journal: ISSN, DOI, then the journal’s title without the article’s author or year', () => {
    const plan = resolutionPlan(citation('rft.genre=article&rft.atitle=Growth&rft.jtitle=Nature&rft.issn=0028-0836&rft.eissn=1476-4687&rft.aulast=Smith&rft.date=2003&rft_id=info:doi/10.1038/x'));
    expect(plan.map((s) => s.by)).toEqual(['issn', 'doi', 'journal-title']);
    expect(plan[0]!.query).toEqual({ kind: 'or', children: [term('issn', '0028-0836'), term('issn', '1476-4687')] });
    expect(plan[2]!.query).toEqual(term('title', 'Nature'));
  });

  it('tries a book’s ISSN (its series’) only after its title', () => {
    const plan = resolutionPlan(citation('rft.genre=book&rft.btitle=Spectral+representations&rft.issn=0075-8434&rft.aulast=Saito'));
    expect(plan.map((s) => s.by)).toEqual(['title-author', 'issn']);
  });

  it('searches a Chinese title as one run (the index segments it) and a Chinese author whole', () => {
    const plan = resolutionPlan(citation('rft.btitle=%E7%B4%85%E6%A8%93%E5%A4%A2&rft.au=%E6%9B%B9%E9%9B%AA%E8%8A%B9&rft.date=1982'));
    expect(plan[0]).toEqual({ by: 'title-author-year', query: { kind: 'and', children: [term('title', '紅樓夢'), term('author', '曹雪芹'), { kind: 'year', from: 1981, to: 1983 }] } });
  });

  it('uses a title alone only when there is no author and no year', () => {
    expect(resolutionPlan(citation('rft.btitle=Wei+cheng')).map((s) => s.by)).toEqual(['title']);
    expect(resolutionPlan(citation('rft.btitle=Wei+cheng&rft.date=1991')).map((s) => s.by)).toEqual(['title-year']);
  });

  it('has nothing to try for a citation with only a PubMed id', () => {
    expect(resolutionPlan(citation('rft_id=info:pmid/123'))).toEqual([]);
  });
});

describe('title words', () => {
  it('keeps the main title’s words, without common words, punctuation or a subtitle', () => {
    expect(titleWords('The Lord of the Rings: the fellowship')).toEqual(['Lord', 'Rings']);
    expect(titleWords('Python编程：从入门到实践')).toEqual(['Python', '编程']);
    expect(titleWords('The: and')).toEqual([]);
  });
});

describe('the citation written back for the interlibrary-loan form', () => {
  it('round-trips through readContextObject, normalised', () => {
    const c = citation('sid=EBSCO&genre=article&atitle=Growth+%26+form&title=Nature&issn=00280836&aulast=Smith&date=2003&volume=4&spage=10&id=doi:10.1038/X1');
    const path = illRequestPath(c, 42);
    expect(path).toMatch(/^\/ill\/request\?url_ver=Z39\.88-2004&/);
    expect(path).toContain('rft.atitle=Growth%20%26%20form');
    expect(path.endsWith('&cluster=42')).toBe(true);
    const again = citation(path.slice('/ill/request?'.length).replace(/&cluster=42$/, ''));
    expect(again).toEqual({ ...c, version: '1.0', format: 'journal' });
  });
});

describe('title words as the index reads them', () => {
  it('keeps inner punctuation for the index to tokenize, trims the outer', () => {
    expect(titleWords("O'Brien's (war) & peace")).toEqual(["O'Brien's", 'war', 'peace']);
    expect(titleWords('Spectral representations with long-range potentials')).toEqual(['Spectral', 'representations', 'long-range', 'potentials']);
    expect(titleWords('ｗａｒ　＆　ｐｅａｃｅ')).toEqual(['war', 'peace']);
  });
});
