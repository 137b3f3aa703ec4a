import { describe, expect, it } from 'vitest';
import { apiQuery, isChosen, maxPage, readSearch, toggleChoice, writeSearch } from './search-request';

describe('a search in the address bar', () => {
  it('reads back what it wrote: words, facet choices, sort and page', () => {
    const req = { q: '红楼梦 曹雪芹', choices: { format: ['book'], library: ['CN-NJU', 'CN-PKU'], subject: ['Chinese fiction'] }, sort: 'year-desc' as const, page: 3 };
    const params = writeSearch(req);
    expect(params.toString()).toBe('q=%E7%BA%A2%E6%A5%BC%E6%A2%A6+%E6%9B%B9%E9%9B%AA%E8%8A%B9&format=book&library=CN-NJU&library=CN-PKU&subjectFacet=Chinese+fiction&sort=year-desc&page=3');
    expect(readSearch(params)).toEqual(req);
  });

  it('leaves defaults out of the address and takes nonsense as the defaults', () => {
    expect(writeSearch({ q: 'x', choices: {}, sort: 'relevance', page: 1 }).toString()).toBe('q=x');
    expect(readSearch(new URLSearchParams('q=x&sort=cheapest&page=-2'))).toMatchObject({ sort: 'relevance', page: 1 });
    expect(readSearch(new URLSearchParams('q=x&page=1.5')).page).toBe(1);
    expect(readSearch(new URLSearchParams('q=x&page=99999')).page).toBe(maxPage);
  });

  it('chooses a decade of the year facet as a range of years, and unchooses it again', () => {
    const start = readSearch(new URLSearchParams('q=x&page=4'));
    const chosen = toggleChoice(start, 'year', '1980');
    expect(chosen.choices.year).toEqual(['1980-1989']);
    expect(chosen.page).toBe(1);
    expect(isChosen(chosen, 'year', '1980')).toBe(true);
    expect(toggleChoice(chosen, 'year', '1980').choices).toEqual({});
  });

  it('asks the API for facets, the page and the reader’s library when given', () => {
    const req = toggleChoice(readSearch(new URLSearchParams('q=中国&page=2')), 'author', 'Liu, Shaoji');
    expect(apiQuery(req, 'CN-NJU')).toEqual({ q: '中国', page: 1, pageSize: 20, sort: 'relevance', facets: 'true', authorFacet: ['Liu, Shaoji'], myLibrary: 'CN-NJU' });
  });
});
