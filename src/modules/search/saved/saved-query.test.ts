import { describe, expect, it } from 'vitest';
import { normaliseSavedQuery } from './saved-query.js';

describe('normaliseSavedQuery', () => {
  it('gives one form for the same search whatever the order of its parameters', () => {
    expect(normaliseSavedQuery('q=红楼梦&format=book&library=CN-NJU')).toBe(normaliseSavedQuery('?library=CN-NJU&q=红楼梦&format=book'));
  });
  it('keeps repeated facets, sorted', () => {
    expect(normaliseSavedQuery('q=x&format=map&format=book')).toBe('format=book&format=map&q=x');
  });
  it('leaves out paging and empty values', () => {
    expect(normaliseSavedQuery('q=history&page=3&pageSize=20&sort=&year=1980-1989')).toBe('q=history&year=1980-1989');
  });
  it('is null when nothing is searched for', () => {
    expect(normaliseSavedQuery('page=2&q=%20')).toBeNull();
    expect(normaliseSavedQuery('')).toBeNull();
  });
});
