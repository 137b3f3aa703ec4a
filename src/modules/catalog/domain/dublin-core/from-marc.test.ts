import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { marc } from '../../../../../test/fixtures/dedup/a-record.js';
import { sharedMarcDir } from '../../../../../test/fixtures/marc/fixtures.js';
import { memberRecordDecoder } from '../member-decoder.js';
import { readIso2709Sync, readMarcXmlSync, type Flavour, type MarcRecord } from '../marc/index.js';
import { dcToMarc, marcToDublinCore, oaiDcXml, readOaiDc, type DcRecord } from './index.js';

/** The records of a shared file (../shared/data/marc), read as an import reads them. */
function shared(name: string): { record: MarcRecord; flavour: Flavour }[] {
  const bytes = readFileSync(path.join(sharedMarcDir, name));
  const results = name.endsWith('.xml') ? readMarcXmlSync(bytes) : readIso2709Sync(bytes, { decode: memberRecordDecoder() });
  return [...results].flatMap((r) => (r.ok ? [{ record: r.record, flavour: r.flavour }] : []));
}

describe('MARC 21 → Dublin Core (LoC crosswalk)', () => {
  it('gives a Chinese record its title, names and publisher in pinyin and in characters (880)', () => {
    const beijing = shared('stanford/nonlatinscripts.mrc').find((r) => JSON.stringify(r.record).includes('Beijing fu'))!;
    expect(marcToDublinCore(beijing.record, 'marc21')).toEqual({
      title: ['Beijing fu nü fa zhan bao gao, 1995-2005 = Beijing funü fazhan baogao', '北京妇女发展报告,1995-2005 = Beijing funü fazhan baogao', 'Beijing funü fazhan baogao'],
      creator: ['北京市妇女联合会', 'Beijing Shi fu nü lian he hui'],
      subject: ['Women -- China -- Beijing'],
      description: ['Includes bibliographical references'],
      publisher: ['Zhongguo she hui ke xue chu ban she', '中国社会科学出版社'],
      date: ['2006'],
      type: ['Text'],
      format: ['4, 484 p. : ill. ; 24 cm.'],
      identifier: ['ISBN 7500453620', 'ISBN 9787500453628'],
      language: ['chi'],
    });
  });

  it('reads the YAZ Chinese picture book (MARCXML): vernacular title and author, summary in Chinese', () => {
    const [book] = shared('yaz/marc12.xml');
    const dc = marcToDublinCore(book!.record, 'marc21');
    expect(dc.title).toEqual(['Che piao qu na er le', '车票去哪儿了']);
    expect(dc.creator).toEqual(['Liu, Xugong', '刘旭恭']);
    expect(dc.description?.some((d) => d.includes('绘本作家刘旭恭'))).toBe(true);
    expect(dc.subject).toContain('Bus drivers -- Juvenile fiction');
  });

  it('keeps a Japanese record\'s place as coverage (651) and its dates as transcribed', () => {
    const [handa] = shared('yaz/marccol1.u8.marc');
    const dc = marcToDublinCore(handa!.record, 'marc21');
    expect(dc.title).toEqual(['Handa shishi', '半田 市誌']);
    expect(dc.coverage).toContain('半田市 (Japan) -- History -- Sources');
    expect(dc.language).toEqual(['jpn']);
  });

  it('chops ISBD punctuation but keeps an initial\'s full stop, and gives 008/07-10 as the date when 260 has none', () => {
    const r = marc('00000cam a2200000 a 4500',
      '008 020805s2002    nyu    j      000 1 eng  ',
      '020    $a0786808772 (pbk.) :$c$16.99',
      '100 1  $aSmith, John A.',
      '245 10 $aSummerland /$cMichael Chabon.',
      '260    $aNew York :$bMiramax Books/Hyperion Books for Children,',
      '650  0 $aBaseball$vFiction.',
      '856 40 $uhttp://example.org/summerland$qtext/html',
    );
    expect(marcToDublinCore(r, 'marc21')).toEqual({
      title: ['Summerland'], creator: ['Smith, John A.'], subject: ['Baseball -- Fiction'],
      publisher: ['Miramax Books/Hyperion Books for Children'], date: ['2002'], type: ['Text'],
      format: ['text/html'], identifier: ['ISBN 0786808772 (pbk.)', 'http://example.org/summerland'], language: ['eng'],
    });
  });
});

describe('UNIMARC / CNMARC → Dublin Core', () => {
  it('reads a CNMARC record in traditional characters from its own tags (200, 701, 210, 010, 101, 215, 606)', () => {
    const cnmarc = marc('00000nam0 22000001  450 ',
      '001 CN-1',
      '010    $a978-7-02-000220-7$b精装$dCNY59.70',
      '100    $a20080101d2008    em y0chiy5015    ea',
      '101 0  $achi',
      '200 1  $a紅樓夢$e脂評本$h上$f曹雪芹, 高鹗著',
      '210    $a北京$c人民文学出版社$d2008',
      '215    $a802页$d21cm',
      '225 2  $a中国古典文学读本丛书$v12',
      '330    $a中国古典长篇小说。',
      '606 0  $a章回小说$j研究$y中国$z清代',
      '690    $aI242.4$v5',
      '701  0 $a曹雪芹$f约1715-约1763',
      '702  0 $a高鹗$4校',
    );
    expect(marcToDublinCore(cnmarc, 'unimarc')).toEqual({
      title: ['紅樓夢 : 脂評本. 上'], creator: ['曹雪芹, 约1715-约1763'], subject: ['章回小说 -- 研究 -- 中国 -- 清代'],
      description: ['中国古典长篇小说。'], publisher: ['人民文学出版社'], contributor: ['高鹗'], date: ['2008'], type: ['Text'],
      format: ['802页 ; 21cm'], identifier: ['ISBN 9787020002207 (精装)'], language: ['chi'], relation: ['中国古典文学读本丛书 12'],
    });
  });

  it('reads the Italian SBN records: name in $a and $b, secondary responsibility as contributor', () => {
    const [mazzucato] = shared('unimarc/italian-sbn-5.mrc');
    const dc = marcToDublinCore(mazzucato!.record, 'unimarc');
    expect(dc).toMatchObject({
      title: ['Lo Stato innovatore : sfatare il mito del pubblico contro il privato'],
      creator: ['Mazzucato, Mariana'], publisher: ['GLF editori Laterza'], date: ['2014'],
      identifier: ['ISBN 9788858111703'], language: ['ita'],
    });
    expect(dc.contributor?.[0]).toMatch(/^Galimberti, Fabio/);
  });
});

describe('the oai_dc element', () => {
  const dc: DcRecord = { title: ['Tom & Jerry <the> "cat"', '猫和老鼠'], creator: ['Hanna, William'], date: ['1940'], description: ['bell\u0007 here'] };

  it('is well-formed XML with the oai_dc and dc namespaces, which readOaiDc reads back', () => {
    const xml = oaiDcXml(dc);
    expect(xml).toMatch(/^<oai_dc:dc xmlns:oai_dc="http:\/\/www\.openarchives\.org\/OAI\/2\.0\/oai_dc\/" xmlns:dc="http:\/\/purl\.org\/dc\/elements\/1\.1\/"/);
    const lint = spawnSync('xmllint', ['--noout', '-'], { input: xml });
    expect(lint.status, lint.stderr.toString()).toBe(0);
    expect(readOaiDc(xml)).toEqual({ ...dc, description: ['bell\ufffd here'] });
  });
});

describe('DC → MARC 21 → DC', () => {
  it('keeps title, creator, date and identifiers', () => {
    const original: DcRecord = {
      title: ['The Qing court archives', '清代宫廷档案'],
      creator: ['Wang, Li', 'Smith, John A.'],
      date: ['2019-06-30'],
      identifier: ['ISBN 9787301123454', 'ISSN 0317-8471', 'doi:10.1234/pku.2019.42', 'http://hdl.handle.net/20.500.11897/12345', 'urn:nbn:de:1111-2004033116'],
      publisher: ['Peking University Press'],
      language: ['chi'],
      subject: ['Gazetteers'],
    };
    const back = marcToDublinCore(dcToMarc(original, { localId: 'oai:x:1' }), 'marc21');
    expect(back.title).toEqual(original.title);
    expect(back.creator).toEqual(original.creator);
    expect(back.date).toEqual(original.date);
    expect(back.publisher).toEqual(original.publisher);
    expect(back.language).toEqual(original.language);
    expect(back.subject).toEqual(original.subject);
    // The handle URL comes back as its URL and as the handle 024 made of it.
    expect(new Set(back.identifier)).toEqual(new Set([...original.identifier!, 'hdl:20.500.11897/12345']));
  });

  it('keeps them for a MARC record that went out as DC and came back', () => {
    const [book] = shared('yaz/marc12.xml');
    const dc = marcToDublinCore(book!.record, 'marc21');
    const again = marcToDublinCore(dcToMarc(dc, { localId: 'x' }), 'marc21');
    for (const e of ['title', 'date', 'identifier'] as const) expect(again[e], e).toEqual(dc[e]);
    // dcToMarc puts the first creator in 100 and the rest in 700: all come back, in order.
    expect(again.creator).toEqual(dc.creator);
  });
});
