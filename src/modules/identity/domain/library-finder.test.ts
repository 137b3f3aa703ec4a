import { describe, expect, it } from 'vitest';
import { findLibraries, indexLibrary } from './library-finder.js';

const libraries = [
  { symbol: 'CN-PKU', nameZh: '北京大学图书馆', nameEn: 'Peking University Library' },
  { symbol: 'CN-BNU', nameZh: '北京师范大学图书馆', nameEn: 'Beijing Normal University Library' },
  { symbol: 'CN-THU', nameZh: '清华大学图书馆', nameEn: 'Tsinghua University Library' },
  { symbol: 'CN-CQU', nameZh: '重庆大学图书馆', nameEn: 'Chongqing University Library' },
  { symbol: 'CN-NJU', nameZh: '南京大学图书馆', nameEn: 'Nanjing University Library' },
].map(indexLibrary);

const first = (q: string) => findLibraries(libraries, q, 5)[0];
const symbols = (q: string) => findLibraries(libraries, q, 5).map((r) => r.library.symbol);

describe('finding a reader’s library', () => {
  it('by its Chinese or English name, or a part of it', () => {
    expect(first('清华')).toMatchObject({ library: { symbol: 'CN-THU' }, match: 'name' });
    expect(first('tsinghua')?.library.symbol).toBe('CN-THU');
    expect(first('Beijing Normal')?.library.symbol).toBe('CN-BNU');
    expect(symbols('大学')).toHaveLength(5);
  });

  it('by its abbreviation: the symbol’s code or the English initials', () => {
    expect(first('PKU')).toMatchObject({ library: { symbol: 'CN-PKU' }, match: 'symbol' });
    expect(first('cn-nju')).toMatchObject({ library: { symbol: 'CN-NJU' }, match: 'symbol' });
    expect(first('bnu')?.library.symbol).toBe('CN-BNU');
  });

  it('by pinyin, whole or as initials, with or without spaces; polyphones read as in the name (重庆 chongqing)', () => {
    expect(first('beijingdaxue')).toMatchObject({ library: { symbol: 'CN-PKU' }, match: 'pinyin' });
    expect(first('Beijing Daxue')?.library.symbol).toBe('CN-PKU');
    expect(first('chongqing')?.library.symbol).toBe('CN-CQU');
    expect(first('bjsf')).toMatchObject({ library: { symbol: 'CN-BNU' }, match: 'initials' });
    expect(first('njdx')?.library.symbol).toBe('CN-NJU');
  });

  it('by a Chinese short form whose characters stand in order in the name', () => {
    expect(first('北大')).toMatchObject({ library: { symbol: 'CN-PKU' }, match: 'short-form' });
    expect(first('北师大')?.library.symbol).toBe('CN-BNU');
    expect(first('南大')?.library.symbol).toBe('CN-NJU');
  });

  it('finds nothing for what matches no library, or for nothing typed', () => {
    expect(symbols('harvard')).toEqual([]);
    expect(symbols('  ')).toEqual([]);
    expect(symbols('x')).toEqual([]);
  });
});
