import { describe, expect, it } from 'vitest';
import { normalise } from '../normalise/index.js';
import { aBook, marc } from '../../../../../test/fixtures/dedup/a-record.js';
import { chooseCluster, ClusterIndex } from './cluster.js';
import { chooseDisplayRecord, rankForDisplay } from './display.js';
import { bibliographicKeys, matchKeys, workKey } from './keys.js';

const book = (spec = {}) => normalise(aBook(spec), 'marc21');

describe('match keys', () => {
  it('lists strong identifiers first, then the bibliographic key', () => {
    const n = normalise(aBook({ extra: ['010    $a  2002027497', '035    $a(OCoLC)49386045'] }), 'marc21');
    expect(matchKeys(n)).toEqual([
      'isbn:9780786808779', 'lccn:2002027497', 'oclc:49386045', 'bib:printed text|print|summerland|2002|1|',
    ]);
  });

  it('files an unstated edition as the first, so both find each other', () => {
    expect(bibliographicKeys(book())).toEqual(bibliographicKeys(book({ edition: '1st ed.' })));
    expect(bibliographicKeys(book())).not.toEqual(bibliographicKeys(book({ edition: '2nd ed.' })));
  });

  it('gives traditional and simplified titles one key', () => {
    const a = marc('00000nam a2200000 a 4500', '008 080101s2008    cc            000 1 chi d', '245 10 $a紅樓夢');
    const b = marc('00000nam a2200000 a 4500', '008 080101s2008    cc            000 1 chi d', '245 10 $a红楼梦');
    expect(bibliographicKeys(normalise(a, 'marc21'))).toEqual(bibliographicKeys(normalise(b, 'marc21')));
  });

  it('has no bibliographic key without a year: such records merge only by a number', () => {
    expect(bibliographicKeys(book({ year: null }))).toEqual([]);
  });

  it('links editions and formats of a work by the work key, not translations without a uniform title', () => {
    expect(workKey(book({ edition: '2nd ed.', year: 2010 }))).toBe(workKey(book()));
    expect(workKey(book({ form: 'o' }))).toBe('work:summerland|chabon');
    expect(workKey(book({ title: 'Summerland', extra: ['240 10 $aSummerland.$lGerman'] }))).toBe('work:summerland|chabon');
  });
});

describe('assigning records to clusters', () => {
  it('joins the best-scoring "same" candidate, or none', () => {
    const target = { clusterId: 'c1', representative: book() };
    const volume = { clusterId: 'c2', representative: book({ part: 'v. 2' }) };
    expect(chooseCluster(book(), [volume, target]).clusterId).toBe('c1');
    expect(chooseCluster(book({ edition: '3rd ed.' }), [volume, target]).clusterId).toBeNull();
  });

  it('clusters in memory as records arrive', () => {
    const index = new ClusterIndex();
    const a = index.add(book());
    const b = index.add(book({ isbn: [] }));
    const c = index.add(book({ edition: '2nd ed.' }));
    expect([a, b, c]).toEqual([0, 0, 1]);
  });
});

describe('the display record of a cluster', () => {
  const full = { id: 'full', library: 'LIB2', flavour: 'marc21' as const, record: aBook() };
  const cip = { id: 'cip', library: 'LIB1', flavour: 'marc21' as const, record: { ...aBook({ extra: ['650  0 $aBaseball$vFiction.'] }), leader: '00000cam a22000008a 4500' } };
  const richer = { id: 'richer', library: 'LIB3', flavour: 'marc21' as const, record: aBook({ extra: ['650  0 $aBaseball$vFiction.', '520    $aA boy saves the world.'] }) };

  it('prefers the fuller encoding level, then the richer record', () => {
    expect(rankForDisplay([cip, full, richer]).map((m) => m.member.id)).toEqual(['richer', 'full', 'cip']);
  });

  it('lets the alliance prefer a source among records of the same level', () => {
    expect(chooseDisplayRecord([cip, full, richer], { sourcePriority: { LIB2: 10 } })?.id).toBe('full');
    expect(chooseDisplayRecord([cip], { sourcePriority: { LIB2: 10 } })?.id).toBe('cip');
    expect(chooseDisplayRecord([])).toBeNull();
  });
});
