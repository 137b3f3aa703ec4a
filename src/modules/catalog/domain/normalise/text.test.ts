import { describe, expect, it } from 'vitest';
import { normaliseDesignation } from './designation.js';
import { editionsCompatible, normaliseEdition } from './edition.js';
import { pageCount, publisherWords, transcribedYear } from './imprint.js';
import { chineseNumeralValue, romanValue } from './numbers.js';
import { foldText } from './text.js';

describe('folding text for matching', () => {
  it('matches traditional and simplified Chinese', () => {
    expect(foldText('紅樓夢')).toBe(foldText('红楼梦'));
    expect(foldText('人民文學出版社')).toBe(foldText('人民文学出版社'));
  });

  it('turns full-width forms into half-width', () => {
    expect(foldText('“Ｈｅｌｌｏ”')).toBe('hello');
    expect(foldText('Ｐｙｔｈｏｎ编程：从入门到实践')).toBe(foldText('Python编程 : 从入门到实践'));
  });

  it('spaces Chinese characters alike however the cataloguer spaced them', () => {
    expect(foldText('红楼梦 上')).toBe(foldText('红楼梦上'));
  });

  it('folds diacritics, case and punctuation', () => {
    expect(foldText('Dix-huitième siècle : études littéraires /')).toBe('dix huitieme siecle etudes litteraires');
    expect(foldText('Čhamlō̜ng Phitsanākha.')).toBe('chamlong phitsanakha');
    expect(foldText('Øresund, Æsir & Łódź')).toBe('oresund aesir and lodz');
    expect(foldText("The children's Kavalier & Clay")).toBe('the childrens kavalier and clay');
  });

  it('drops non-filing text between NSB and NSE', () => {
    expect(foldText('\u0088L\'\u0089altra faccia della spirale')).toBe('altra faccia della spirale');
  });

  it('keeps the vowel signs of Devanagari words', () => {
    expect(foldText('प्रथम संस्करण')).toBe('प्रथम संस्करण');
  });
});

describe('editions', () => {
  it('reduces the same edition written in many ways to one value', () => {
    for (const s of ['2nd ed.', 'Second edition', '2. Aufl.', '第2版', '第二版', 'Di 2 ban.', '2e éd.', 'Deuxième édition']) {
      expect(normaliseEdition(s), s).toBe('2');
    }
    expect(normaliseEdition('तेस्रो संस्करण')).toBe('3');
    expect(normaliseEdition('25. éd.')).toBe('25');
  });

  it('keeps qualifying words and drops printings', () => {
    expect(normaliseEdition('Rev. ed.')).toBe('rev');
    expect(normaliseEdition('[Rev. ed.]')).toBe('rev');
    expect(normaliseEdition('3rd rev. and enl. ed.')).toBe('3 enl rev');
    expect(normaliseEdition('第1版 第3次印刷')).toBe('1');
    expect(normaliseEdition('修訂版')).toBe('rev');
    expect(normaliseEdition('C version')).toBe('c version');
    expect(normaliseEdition('')).toBeNull();
  });

  it('takes an unstated edition as the first, and nothing else', () => {
    expect(editionsCompatible(null, '1')).toBe(true);
    expect(editionsCompatible(null, '2')).toBe(false);
    expect(editionsCompatible('rev', null)).toBe(false);
  });
});

describe('volume and part designations', () => {
  it('reduces volume numbers in many scripts to digits', () => {
    for (const s of ['v. 2', 'Vol. II', 'Band 2', '第二册', 't. 2', 'Part two', 'vol.2']) {
      expect(normaliseDesignation(s), s).toBe('2');
    }
  });

  it('keeps ranges and names of parts', () => {
    expect(normaliseDesignation('Disc 1-3, Episode 1-9 /')).toBe('1-3 episode 1-9');
    expect(normaliseDesignation('Part 1, Introduction')).toBe('1 introduction');
    expect(normaliseDesignation('上')).toBe('上');
  });
});

describe('numbers, years, publishers and extents', () => {
  it('reads Chinese and Roman numerals', () => {
    expect(chineseNumeralValue('二十三')).toBe(23);
    expect(chineseNumeralValue('十二')).toBe(12);
    expect(chineseNumeralValue('一九八四')).toBe(1984);
    expect(romanValue('XIV')).toBe(14);
    expect(romanValue('IIII')).toBeNull();
  });

  it('finds the year in transcribed dates', () => {
    expect(transcribedYear('c2000.')).toBe(2000);
    expect(transcribedYear('[2003]')).toBe(2003);
    expect(transcribedYear('1894, c1887.')).toBe(1894);
    expect(transcribedYear('२०२३')).toBe(2023);
    expect(transcribedYear('[197-?]')).toBeNull();
  });

  it('keeps the words that tell publishers apart', () => {
    expect(publisherWords('Oxford University Press, Inc.')).toEqual(['oxford']);
    expect(publisherWords('Oxford Univ. Press')).toEqual(['oxford']);
    expect(publisherWords('Penguin Books')).toEqual(['penguin']);
    expect(publisherWords('人民文學出版社')).toEqual(publisherWords('人民文学出版社'));
  });

  it('counts pages in several languages', () => {
    expect(pageCount('xii, 345 p. :')).toBe(345);
    expect(pageCount('xxxiv, 525 pages :')).toBe(525);
    expect(pageCount('2册 (1606页)')).toBe(1606);
    expect(pageCount('1 sound disc')).toBeNull();
  });
});
