import type { MarcRecord } from '../domain/marc/index.js';

/** Test material: a MARC 21 book record with the fields matching and validation look at. */
export function aBook(o: { localId: string; title: string; isbn?: string; author?: string; year?: string; publisher?: string; extra?: MarcRecord['fields'] }): MarcRecord {
  const year = o.year ?? '2020';
  return {
    leader: '00000nam a2200000 a 4500',
    fields: [
      { tag: '001', value: o.localId },
      { tag: '008', value: `200101s${year}    cc a          000 0 chi d` },
      ...(o.isbn ? [{ tag: '020', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: o.isbn }] }] : []),
      { tag: '100', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: o.author ?? '曹雪芹' }] },
      { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: o.title }] },
      { tag: '260', ind1: ' ', ind2: ' ', subfields: [{ code: 'b', value: o.publisher ?? '人民文学出版社' }, { code: 'c', value: year }] },
      { tag: '300', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: '2 v.' }] },
      ...(o.extra ?? []),
    ],
  };
}
