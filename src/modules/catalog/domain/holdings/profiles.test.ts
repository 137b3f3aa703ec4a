import { describe, expect, it } from 'vitest';
import { aRecord, holdingsFixture } from '../../../../../test/fixtures/holdings/records.js';
import { detectItemProfile, extractHoldings, type ItemDraft } from './index.js';

const items = (r: { holdings: { items: ItemDraft[] }[] }) => r.holdings.flatMap((h) => h.items);
const byBarcode = (r: { holdings: { items: ItemDraft[] }[] }) => Object.fromEntries(items(r).map((i) => [i.barcode, i]));

describe('Koha 952', () => {
  const [record, migrated] = holdingsFixture('koha-952.xml');

  it('reads each copy with location, call number, item type and status from the Koha status values', () => {
    const r = extractHoldings(record!, 'koha-952');
    expect(r.problems).toEqual([]);
    const copies = byBarcode(r);
    expect(copies['31000000001']).toEqual({ barcode: '31000000001', location: 'MAIN / GEN', callNumber: '891.73 DOS', materialType: 'BK', status: 'available' });
    expect(copies['31000000002']).toMatchObject({ status: 'on-loan', dueDate: '2026-12-01' });
    expect(copies['31000000003']!.status).toBe('missing'); // LOST 4 = Missing
    expect(copies['31000000004']).toMatchObject({ status: 'reference-only', location: 'MAIN / REF', callNumber: 'R 891.73 DOS' });
    expect(copies['31000000005']!.status).toBe('unavailable'); // not for loan -1 = on order
    expect(copies['31000000006']!.status).toBe('unavailable'); // withdrawn
  });

  it('gathers copies into holdings by location and call number', () => {
    const r = extractHoldings(record!, 'koha-952');
    expect(r.holdings.map((h) => [h.location, h.callNumber, h.items.length])).toEqual([
      ['MAIN / GEN', '891.73 DOS', 3],
      ['MAIN / REF', 'R 891.73 DOS', 1],
      ['EAST', '891.73 DOS', 2],
    ]);
  });

  it('reports unreadable values with their field and keeps every copy', () => {
    const r = extractHoldings(migrated!, 'koha-952');
    expect(r.problems).toEqual([
      { field: '952[1]$q', reason: 'unreadable due date "31/02/2026"' },
      { field: '952[2]$1', reason: 'unreadable lost status "yes"' },
      { field: '952[3]$p', reason: 'barcode "31000000010" repeated in this record' },
    ]);
    expect(items(r)).toEqual([
      // The due date cannot be read, but its presence still says the copy is out.
      { barcode: '31000000010', location: 'MAIN / GEN', status: 'on-loan' },
      { barcode: '31000000011', location: 'MAIN / GEN', status: 'unavailable' },
      { location: 'MAIN / GEN', status: 'available' },
    ]);
  });

  it('lets a library read its own values: damaged copies kept in, staff collection as unavailable', () => {
    const rec = aRecord(['952', 'a', 'MAIN', 'p', 'd1', '4', '1'], ['952', 'a', 'MAIN', 'p', 's1', '7', '2'], ['952', 'a', 'MAIN', 'p', 'r1', '7', '1']);
    const plain = byBarcode(extractHoldings(rec, 'koha-952'));
    expect([plain.d1!.status, plain.s1!.status, plain.r1!.status]).toEqual(['available', 'reference-only', 'reference-only']);
    const own = byBarcode(extractHoldings(rec, { name: 'koha-952', mapping: { statusMap: { '$4=1': 'unavailable', '$7=2': 'unavailable' } } }));
    expect([own.d1!.status, own.s1!.status, own.r1!.status]).toEqual(['unavailable', 'unavailable', 'reference-only']);
  });
});

describe('UNIMARC / CNMARC 995', () => {
  const [record] = holdingsFixture('unimarc-995.xml');

  it('reads Koha UNIMARC copies: barcode $f, call number $k, location $b/$e, due date $n, not for loan $o, lost $2', () => {
    const r = extractHoldings(record!, 'unimarc-995');
    expect(r.problems).toEqual([]);
    expect(items(r)).toEqual([
      { barcode: 'C0012345', location: 'ZHONGWEN / 中文书库', callNumber: 'I242.4/C332', materialType: 'BOOK', status: 'available' },
      { barcode: 'C0012346', location: 'ZHONGWEN / 中文书库', callNumber: 'I242.4/C332', materialType: 'BOOK', status: 'on-loan', dueDate: '2026-12-20' },
      { barcode: 'C0012348', location: 'ZHONGWEN / 中文书库', callNumber: 'I242.4/C332', materialType: 'BOOK', status: 'lost' },
      { barcode: 'C0012347', location: 'ZHONGWEN / 阅览室', callNumber: 'I242.4/C332', materialType: 'BOOK', status: 'reference-only' },
    ]);
  });
});

describe('Aleph Z30', () => {
  const [record] = holdingsFixture('aleph-z30.xml');

  it('reads sub-library, collection, call number and barcode; process status over item status', () => {
    const r = extractHoldings(record!, 'aleph-z30');
    const copies = byBarcode(r);
    expect(copies.A0001001).toEqual({ barcode: 'A0001001', location: 'HAUPT / MAG', callNumber: 'GE 4711 G769', materialType: 'BOOK', status: 'available' });
    expect(copies.A0001002).toMatchObject({ status: 'on-loan', dueDate: '2026-11-30' });
    expect(copies.A0001003!.status).toBe('reference-only');
    expect(copies.A0001004!.status).toBe('missing');
    expect(copies.A0001005!.status).toBe('in-transit');
    expect(copies.A0001006!.status).toBe('unavailable');
    expect(r.problems).toEqual([{ field: 'Z30[6]$p', reason: 'unknown status code "XX"' }]);
  });

  it('reads Z30 data exported under a local tag with the library’s own subfields', () => {
    const rec = aRecord(['949', 'b', 'B-1', 'l', 'HAUPT', 'c', 'GE 1', 'p', 'LO']);
    const r = extractHoldings(rec, { name: 'aleph-z30', mapping: { tag: '949', barcode: ['b'], location: ['l'], callNumber: ['c'] } });
    expect(items(r)).toEqual([{ barcode: 'B-1', location: 'HAUPT', callNumber: 'GE 1', status: 'lost' }]);
  });
});

describe('Innovative 945', () => {
  const [record] = holdingsFixture('iii-945.xml');

  it('reads status codes, volume in the call number, and reports an unknown code', () => {
    const r = extractHoldings(record!, 'iii-945');
    const copies = byBarcode(r);
    expect(copies['39000000000011']).toEqual({ barcode: '39000000000011', location: 'xmain', callNumber: 'BM499.5 .E4 v.1', materialType: '0', status: 'available' });
    expect(copies['39000000000012']!.status).toBe('missing');
    expect(copies['39000000000013']).toMatchObject({ status: 'reference-only', location: 'xref' });
    expect(copies['39000000000014']!.status).toBe('in-transit');
    // No due-date subfield in the standard layout: the copy reads as on the shelf…
    expect(copies['39000000000015']!.status).toBe('available');
    expect(copies['39000000000016']!.status).toBe('unavailable');
    expect(r.problems).toEqual([{ field: '945[6]$s', reason: 'unknown status code "#"' }]);
  });

  it('…until the library names its due-date subfield and its own codes', () => {
    const r = extractHoldings(record!, { name: 'iii-945', mapping: { dueDate: ['k'], statusMap: { '#': 'in-transit' } } });
    const copies = byBarcode(r);
    expect(copies['39000000000015']).toMatchObject({ status: 'on-loan', dueDate: '2026-12-01' });
    expect(copies['39000000000016']!.status).toBe('in-transit');
    expect(r.problems).toEqual([]);
  });
});

describe('MARC 21 852 with 866-868', () => {
  const [serial] = holdingsFixture('serial-852-866.xml');

  it('hangs textual holdings on the 852 they link to, and counts copies only where an 852 names one', () => {
    const r = extractHoldings(serial!, 'marc21-852');
    expect(r.problems).toEqual([]);
    expect(r.holdings).toEqual([
      { location: 'SCI / Periodicals', callNumber: 'Q1 .N2', summary: 'v.1(1869)-v.400(1999); Supplements: Supplement 1-12', items: [] },
      {
        location: 'STORE',
        callNumber: 'Q1 .N2',
        summary: 'v.401(2000)-',
        items: [{ barcode: 'S0000001', location: 'STORE', callNumber: 'Q1 .N2', status: 'available' }],
      },
      { summary: 'Indexes: Index v.1-100', items: [] },
    ]);
  });

  it('takes a monograph’s location line for its copy', () => {
    const r = extractHoldings(aRecord(['852', 'a', 'British Library', 'b', 'OC', 'j', 'HEC.1994.a.294/3']), 'marc21-852');
    expect(r.holdings).toEqual([
      { location: 'OC', callNumber: 'HEC.1994.a.294/3', items: [{ location: 'OC', callNumber: 'HEC.1994.a.294/3', status: 'available' }] },
    ]);
  });
});

describe('auto', () => {
  it('picks the profile by the item fields the record has', () => {
    expect(detectItemProfile(aRecord(['852', 'b', 'MAIN'], ['952', 'p', '1']))).toBe('koha-952');
    expect(detectItemProfile(aRecord(['Z30', '5', 'A1']))).toBe('aleph-z30');
    expect(detectItemProfile(aRecord(['995', 'f', 'C1']))).toBe('unimarc-995');
    expect(detectItemProfile(aRecord(['945', 'l', 'xwb']))).toBe('iii-945');
    expect(detectItemProfile(aRecord(['852', 'a', 'LC']))).toBe('marc21-852');
    expect(detectItemProfile(aRecord(['245', 'a', 'No holdings']))).toBeUndefined();
  });

  it('does not take free text in 952 $a or 995 $a for items', () => {
    expect(detectItemProfile(aRecord(['852', 'a', 'Madan Puraskar Pustakalaya'], ['952', 'a', 'Library has 2 copies.']))).toBe('marc21-852');
    expect(detectItemProfile(aRecord(['995', 'a', 'OCLC Recl. 2008']))).toBeUndefined();
  });

  it('reads with the detected profile; none reads nothing', () => {
    const [koha] = holdingsFixture('koha-952.xml');
    expect(items(extractHoldings(koha!, 'auto'))).toHaveLength(6);
    expect(extractHoldings(koha!, 'none')).toEqual({ holdings: [], problems: [] });
  });
});

describe('a stored mapping that does not validate', () => {
  it('is left aside with a problem, and the profile reads on its own', () => {
    const rec = aRecord(['952', 'a', 'MAIN', 'p', 'k1', '7', '1']);
    const r = extractHoldings(rec, { name: 'koha-952', mapping: { barcode: 'p' } as never });
    expect(r.problems).toEqual([{ field: 'item_mapping', reason: expect.stringContaining('barcode') }]);
    expect(items(r)).toEqual([{ barcode: 'k1', location: 'MAIN', status: 'reference-only' }]);
  });
});
