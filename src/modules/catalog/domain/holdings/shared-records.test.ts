/** Item extraction on real exports among the shared records (../shared/data/marc). */
import { describe, expect, it } from 'vitest';
import { sharedRecords } from '../../../../../test/fixtures/holdings/records.js';
import { extractHoldings, type HoldingsResult, type ItemDraft } from './index.js';

const items = (r: HoldingsResult): ItemDraft[] => r.holdings.flatMap((h) => h.items);

describe('holdings in the shared records', () => {
  it('marc4j/sample1.mrc: 852 call numbers from $h/$i (and $k prefix), 866 summary kept', () => {
    const all = sharedRecords('marc4j/sample1.mrc').map((r) => extractHoldings(r, 'auto'));
    const holdings = all.flatMap((r) => r.holdings);
    expect(holdings.map((h) => h.callNumber)).toContain('Ref BV173 .N8614 1992');
    expect(holdings.find((h) => h.callNumber === 'H 75 .26')).toMatchObject({ location: 'gen' });
    expect(holdings.some((h) => h.summary === 'v.1-v.2')).toBe(true);
    expect(all.flatMap((r) => r.problems)).toEqual([]);
  });

  it('evergreen/map_data.mrc: Evergreen’s 852 status names read once the library maps $z', () => {
    const records = sharedRecords('evergreen/map_data.mrc');
    const plain = records.flatMap((r) => items(extractHoldings(r, 'marc21-852')));
    expect(plain[0]).toMatchObject({ barcode: '11223344', location: 'BR1 / Stacks', callNumber: 'G4362.C6C5 s250.C37', status: 'available' });
    const mapped = records.map((r) => extractHoldings(r, { name: 'marc21-852', mapping: { status: ['z'] } }));
    expect(mapped.flatMap((r) => items(r)).map((i) => [i.barcode, i.status])).toEqual([
      ['11223344', 'available'],
      ['1090109', 'unavailable'], // "In process"
      ['2233444', 'available'],
    ]);
    expect(mapped.flatMap((r) => r.problems)).toEqual([]);
  });

  it('evergreen/hebrew.marc: Innovative 945 with only a location still gives a copy per field', () => {
    const records = sharedRecords('evergreen/hebrew.marc');
    const results = records.map((r) => extractHoldings(r, 'auto'));
    const copies = results.flatMap(items);
    expect(copies.length).toBe(34);
    expect(copies[0]).toEqual({ location: 'xwb', status: 'available' });
    expect(results.flatMap((r) => r.problems)).toEqual([]);
  });

  it('evergreen/jazz_1k.mrc: SirsiDynix 949 read by mapping another profile onto it', () => {
    const mapping = { tag: '949', barcode: ['i'], location: ['m', 'l'], callNumber: ['a'], materialType: ['t'] };
    const [first] = sharedRecords('evergreen/jazz_1k.mrc');
    expect(items(extractHoldings(first!, { name: 'marc21-852', mapping }))).toEqual([
      { barcode: '30007007467409', location: 'HUNT-AUDIO / HUNTINGTON', callNumber: '5490', materialType: 'SOUND', status: 'available' },
    ]);
  });

  it('evergreen/nepali.marc: free text in 952 $a is not taken for Koha items; 852 is read', () => {
    const results = sharedRecords('evergreen/nepali.marc').map((r) => extractHoldings(r, 'auto'));
    const copies = results.flatMap(items);
    expect(copies.length).toBe(96);
    expect(copies.every((c) => c.location === 'Madan Puraskar Pustakalaya' && c.status === 'available')).toBe(true);
  });
});
