import { describe, expect, it } from 'vitest';
import { aBook, marc } from '../../../../../test/fixtures/dedup/a-record.js';
import { normalise } from './index.js';

describe('normalising a MARC 21 record', () => {
  it('reads the elements matching needs', () => {
    const n = normalise(
      aBook({ isbn: ['0786808772', '0786816155 (pbk.)', '0786808773'], edition: '1st ed.', extra: ['010    $a  2002027497', '035    $a(OCoLC)ocm49386045'] }),
      'marc21',
    );
    expect(n).toMatchObject({
      format: 'book', electronic: false, carrier: 'volume',
      isbns: [{ isbn13: '9780786808779', qualifier: null }, { isbn13: '9780786816156', qualifier: 'pbk.' }],
      invalidIsbns: [{ value: '0786808773', reason: 'check-digit' }],
      lccn: '2002027497', oclcNumbers: ['49386045'],
      title: 'summerland', edition: '1', year: 2002, pages: 500, language: 'eng',
      mainAuthor: 'chabon', publisher: ['miramax', 'hyperion', 'for', 'children'].filter((w) => w !== 'for'),
    });
    expect(n.authorKeys).toEqual(['chabon michael', 'chabon']);
  });

  it('removes the non-filing characters the second indicator counts', () => {
    const r = marc('00000nam a2200000 a 4500', '245 14 $aThe amazing adventures of Kavalier & Clay :$ba novel /');
    expect(normalise(r, 'marc21')).toMatchObject({ title: 'amazing adventures of kavalier and clay', subtitle: 'a novel' });
  });

  it('keeps the vernacular title of an 880 as another form of the title', () => {
    const r = marc('00000cam a2200000 i 4500', '245 10 $6880-02$aChe piao qu na er le /', '880 10 $6245-02/$1$a車票去哪兒了 /');
    expect(normalise(r, 'marc21')).toMatchObject({ title: 'che piao qu na er le', titleVariants: ['车 票 去 哪 儿 了'] });
  });

  it('keeps the number and name of a part apart from the title', () => {
    const n = normalise(aBook({ title: 'Standard & Poor\'s register, 2003.', part: 'v. 2.' }), 'marc21');
    expect(n).toMatchObject({ title: 'standard and poors register 2003', part: '2' });
  });

  it('tells an e-book from the print book by 008/23, 007, 245 $h, 338 or 856', () => {
    expect(normalise(aBook({ form: 'o' }), 'marc21')).toMatchObject({ format: 'e-book', electronic: true });
    expect(normalise(aBook({ extra: ['007 cr |||||||||||'] }), 'marc21')).toMatchObject({ format: 'e-book' });
    expect(normalise(aBook({ title: 'Summerland $h[electronic resource]' }), 'marc21')).toMatchObject({ format: 'e-book' });
    expect(normalise(aBook({ extra: ['338    $aonline resource$bcr$2rdacarrier'] }), 'marc21')).toMatchObject({ format: 'e-book' });
    expect(normalise(aBook({ extra: ['856 40 $uhttps://example.org/book'] }), 'marc21')).toMatchObject({ format: 'e-book' });
    // A CD-ROM in the pocket of a print book is accompanying material; a table of contents link is not the book.
    expect(normalise(aBook({ extra: ['007 co |||||||||||', '856 41 $3Table of contents$uhttps://example.org/toc'] }), 'marc21'))
      .toMatchObject({ format: 'book', electronic: false });
  });

  it('finds theses, conferences, serials, newspapers, scores, maps, recordings and videos', () => {
    const f008 = (pos: number, code: string) => `008 ${'020805s2002    nyu'.padEnd(pos, ' ')}${code}`.padEnd(44, ' ');
    expect(normalise(aBook({ extra: ['502    $aThesis (Ph. D.)--Harvard University, 2002.'] }), 'marc21').format).toBe('thesis');
    expect(normalise(marc('00000nam a2200000 a 4500', f008(29, '1'), '245 00 $aProceedings'), 'marc21').format).toBe('conference');
    expect(normalise(marc('00000nas a2200000 a 4500', '245 00 $aQaḍāʼ al-usrah'), 'marc21').format).toBe('serial');
    expect(normalise(marc('00000nas a2200000 a 4500', f008(21, 'n'), '245 04 $aThe Times'), 'marc21').format).toBe('newspaper');
    expect(normalise(marc('00000ncm a2200000 a 4500', '245 00 $aModal jazz'), 'marc21').format).toBe('score');
    expect(normalise(marc('00000nem a2200000 a 4500', '245 00 $aMap'), 'marc21').format).toBe('map');
    expect(normalise(marc('00000njm a2200000 a 4500', '245 00 $aGiant steps'), 'marc21').format).toBe('audio');
    expect(normalise(marc('00000ngm a2200000 a 4500', '007 vd cvaizq', '245 00 $aLoong Boonmee'), 'marc21').format).toBe('video');
    expect(normalise(marc('00000nrm a2200000 a 4500', '245 00 $aGlobe'), 'marc21').format).toBe('other');
  });

  it('reads the carrier from the extent: a score and its CD are not one thing', () => {
    const score = marc('00000ncm a2200000 a 4500', '300    $a1 score + parts + 1 book (36 p.)');
    const cd = marc('00000ncm a2200000 a 4500', '300    $a1 sound disc :$bdigital, stereo');
    expect(normalise(score, 'marc21').carrier).toBe('volume');
    expect(normalise(cd, 'marc21').carrier).toBe('sound');
  });

  it('takes the year from 008 and falls back to 260/264 $c', () => {
    expect(normalise(aBook({ year: 1999 }), 'marc21').year).toBe(1999);
    const no008 = marc('00000nam a2200000 a 4500', '245 00 $aX', '264  1 $aParis :$bSeuil,$c[2003]');
    expect(normalise(no008, 'marc21').year).toBe(2003);
  });

  it('takes the language from 008, or 041 when 008 has none', () => {
    expect(normalise(aBook({ language: 'fre' }), 'marc21').language).toBe('fre');
    expect(normalise(aBook({ language: 'und' }), 'marc21').language).toBeNull();
    const with041 = marc('00000nam a2200000 a 4500', '041 1  $ager$heng', '245 00 $aX');
    expect(normalise(with041, 'marc21').language).toBe('ger');
  });
});

describe('normalising a UNIMARC / CNMARC record', () => {
  const cnmarc = marc(
    '00000nam0 22000001  450 ',
    '001 CN-1',
    '010    $a978-7-02-000220-7$b精装$dCNY59.70',
    '010    $z7-02-000220-X',
    '100    $a20080101d2008    em y0chiy5015    ea',
    '101 0  $achi',
    '200 1  $a紅樓夢$h上$f曹雪芹, 高鹗著',
    '205    $a第三版',
    '210    $a北京$c人民文学出版社$d2008',
    '215    $a802页$d21cm',
    '225 2  $a中国古典文学读本丛书$v12',
    '701  0 $a曹雪芹$f约1715-约1763',
  );

  it('reads its own tags, not MARC 21 ones', () => {
    expect(normalise(cnmarc, 'unimarc')).toMatchObject({
      flavour: 'unimarc', format: 'book', carrier: 'volume',
      isbns: [{ isbn13: '9787020002207', qualifier: '精装' }],
      title: '红 楼 梦', part: '上', edition: '3', year: 2008, pages: 802, language: 'chi',
      seriesNumbers: ['12'], mainAuthor: '曹 雪 芹',
    });
  });

  it('reads the Italian ICCU record: 700 entry element and the 410 series', () => {
    const iccu = marc(
      '02498nam0a22007213i 4500',
      '010    $a88-04-40682-8',
      '100    $a19961119d1996    ||||0itac50      ba',
      '101    $aita',
      '200 1  $aL\'altra faccia della spirale$fIsaac Asimov',
      '210    $aMilano$cA. Mondadori$d1996',
      '215    $aV, 201 p.$d20 cm.',
      '700  1 $aAsimov$b, Isaac',
    );
    expect(normalise(iccu, 'unimarc')).toMatchObject({
      isbns: [{ isbn13: '9788804406822' }], title: 'laltra faccia della spirale', year: 1996, pages: 201,
      language: 'ita', authorKeys: ['asimov isaac', 'asimov'], publisher: ['a', 'mondadori'],
    });
  });

  it('knows e-books and newspapers by UNIMARC coded data', () => {
    expect(normalise(marc('00000nlm0 22000001  450 ', '200 1  $aX'), 'unimarc')).toMatchObject({ format: 'e-book', electronic: true });
    expect(normalise(marc('00000nam0 22000001  450 ', '135    $adrnn', '200 1  $aX'), 'unimarc').format).toBe('e-book');
    expect(normalise(marc('00000nas0 22000001  450 ', '110    $ac', '200 1  $aX'), 'unimarc').format).toBe('newspaper');
    expect(normalise(marc('00000nam0 22000001  450 ', '105    $ay   m   000yy', '200 1  $aX'), 'unimarc').format).toBe('thesis');
  });
});
