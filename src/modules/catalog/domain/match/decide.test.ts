import { describe, expect, it } from 'vitest';
import { normalise } from '../normalise/index.js';
import { aBook, marc, type BookSpec } from '../../../../../test/fixtures/dedup/a-record.js';
import { decide } from './decide.js';

const book = (spec: BookSpec = {}) => normalise(aBook(spec), 'marc21');
const vetoes = (spec: BookSpec, other: BookSpec = {}) =>
  decide(book(spec), book(other)).reasons.filter((r) => r.effect === 'veto').map((r) => r.code);

describe('deciding whether two records are one manifestation', () => {
  it('merges the same book catalogued by two libraries and says why', () => {
    const d = decide(book(), book({ isbn: '9780786808779', publisher: 'Hyperion Books for Children' }));
    expect(d.same).toBe(true);
    expect(d.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['isbn', 'title', 'year', 'author']));
    expect(d.reasons.find((r) => r.code === 'isbn')?.detail).toBe('ISBN 9780786808779 in both');
  });

  it('merges without any standard number when title, year and author or publisher agree', () => {
    expect(decide(book({ isbn: [] }), book({ isbn: [], title: 'SUMMERLAND', subtitle: 'a novel' })).same).toBe(true);
  });

  it('does not merge on title and year alone', () => {
    expect(decide(book({ isbn: [], author: null, publisher: null, pages: '1 v.' }), book({ isbn: [], author: null, publisher: null, pages: '1 v.' })).same)
      .toBe(false);
  });

  it('keeps different editions apart, an unstated edition being the first', () => {
    expect(vetoes({ edition: '2nd ed.' }, { edition: '1st ed.' })).toContain('edition');
    expect(vetoes({ edition: 'Rev. ed.' })).toContain('edition');
    expect(decide(book({ edition: '1st ed.' }), book()).same).toBe(true);
    expect(decide(book({ edition: 'Second edition' }), book({ edition: '2nd ed.' })).same).toBe(true);
  });

  it('keeps the volumes of a set apart, even under one ISBN', () => {
    expect(decide(book({ part: 'v. 1' }), book({ part: 'v. 2' })).same).toBe(false);
    expect(decide(book({ part: 'v. 1' }), book()).same).toBe(false);
    expect(decide(book({ part: 'Vol. II' }), book({ part: 'v. 2' })).same).toBe(true);
  });

  it('keeps print and electronic apart, even under one ISBN', () => {
    const d = decide(book(), book({ form: 'o', extra: ['856 40 $uhttps://example.org/e'] }));
    expect(d.same).toBe(false);
    expect(d.reasons.filter((r) => r.effect === 'veto').map((r) => r.code)).toEqual(expect.arrayContaining(['format', 'electronic']));
  });

  it('keeps a translation apart: same title, author and year, another language', () => {
    expect(vetoes({ isbn: [], language: 'ger' }, { isbn: [] })).toContain('language');
  });

  it('takes conflicting ISBNs as strong evidence of difference', () => {
    const d = decide(book({ isbn: '0786808772' }), book({ isbn: '0786816155' }));
    expect(d.same).toBe(false);
    expect(d.reasons).toContainEqual(expect.objectContaining({ code: 'isbn', effect: 'veto' }));
  });

  it('lets a shared ISBN outweigh another publisher wording, a year apart or missing author', () => {
    expect(decide(book({ publisher: 'Hyperion' }), book({ publisher: 'Miramax' })).same).toBe(true);
    expect(decide(book({ year: 2002 }), book({ year: 2003 })).same).toBe(true);
    expect(decide(book({ year: 2002 }), book({ year: 2005 })).same).toBe(false);
    expect(decide(book({ author: null }), book()).same).toBe(true);
  });

  it('does not let a shared ISBN merge different titles', () => {
    expect(decide(book({ title: 'New test record number 2' }), book({ title: 'New test record number 3' })).same).toBe(false);
    expect(decide(book({ title: 'Perl' }), book({ title: 'Python' })).same).toBe(false);
  });

  it('accepts a close title under a shared ISBN (an article not skipped, a subtitle added)', () => {
    const kavalier = { isbn: '0679450041', year: 2000, title: 'The amazing adventures of Kavalier & Clay' };
    expect(decide(book(kavalier), book({ ...kavalier, title: 'Amazing adventures of Kavalier and Clay' })).same).toBe(true);
    expect(decide(book({ title: 'Summerland' }), book({ title: 'Summerland a novel for children' })).same).toBe(true);
  });

  it('keeps a score and the CD of the same title apart', () => {
    const cd = marc('00000ncm a2200000 a 4500', '008 990730s1988    geruuu              eng d', '100 1  $aDobbins, Bill',
      '245 00 $aClassic standards', '260    $aRottenburg :$bAdvance Music,$c1988', '300    $a1 sound disc :$bdigital, stereo');
    const score = marc('00000ncm a2200000 a 4500', '008 990730s1988    geruuu              eng d', '100 1  $aDobbins, Bill',
      '245 00 $aClassic standards', '260    $aRottenburg :$bAdvance Music,$c1988', '300    $a1 score + parts + 1 book (36 p.)');
    const d = decide(normalise(cd, 'marc21'), normalise(score, 'marc21'));
    expect(d.same).toBe(false);
    expect(d.reasons).toContainEqual(expect.objectContaining({ code: 'carrier', effect: 'veto' }));
  });

  it('matches a CNMARC record in simplified characters with a MARC 21 record in traditional ones', () => {
    const cn = marc('00000nam0 22000001  450 ', '100    $a20080101d2008    em y0chiy5015    ea', '101 0  $achi',
      '200 1  $a红楼梦$f曹雪芹, 高鹗著', '205    $a第3版', '210    $a北京$c人民文学出版社$d2008', '215    $a2册 (1606页)', '701  0 $a曹雪芹');
    const tw = marc('00000nam a2200000 a 4500', '008 080101s2008    cc            000 1 chi d', '100 0  $a曹雪芹.',
      '245 10 $a紅樓夢 /$c曹雪芹, 高鶚著.', '250    $a第三版.', '260    $a北京 :$b人民文學出版社,$c2008.', '300    $a2冊 (1606頁) ;$c21 cm.');
    const d = decide(normalise(cn, 'unimarc'), normalise(tw, 'marc21'));
    expect(d.same).toBe(true);
    const other = decide(normalise(cn, 'unimarc'), normalise({ ...tw, fields: tw.fields.map((f) => (f.tag === '250' ? { ...f, subfields: [{ code: 'a', value: '第二版' }] } : f)) }, 'marc21'));
    expect(other.same).toBe(false);
  });

  it('compares a romanised imprint with the other record\'s vernacular one, and two scripts with nothing in common as two imprints', () => {
    const lccn = '010    $a  86118679';
    const romanised = book({ isbn: [], publisher: 'Huang guan', extra: [lccn, '880    $6260-04/$1$a臺北 :$b皇冠,$c2011.'] });
    const vernacular = book({ isbn: [], publisher: '皇冠', extra: [lccn] });
    const nepali = book({ isbn: [], publisher: 'नेपाल आर्ट काउन्सिल', extra: [lccn] });
    expect(decide(romanised, vernacular).same).toBe(true);
    expect(decide(book({ isbn: [], publisher: 'Atlantic', extra: [lccn] }), nepali).reasons)
      .toContainEqual(expect.objectContaining({ code: 'publisher', effect: 'veto' }));
  });

  it('keeps records with one LCCN but different authors apart', () => {
    const lccn = '010    $a  86118679';
    expect(decide(book({ isbn: [], extra: [lccn] }), book({ isbn: [], author: 'Garner, Erroll', extra: [lccn] })).same).toBe(false);
  });

  it('is symmetric', () => {
    const a = book({ publisher: 'Hyperion' });
    const b = book({ year: 2003, isbn: ['0786808772', '0786816155'] });
    expect(decide(a, b).same).toBe(decide(b, a).same);
    expect(decide(a, b).score).toBe(decide(b, a).score);
  });
});
