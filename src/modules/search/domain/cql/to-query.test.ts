import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../../../../test/support/shared.js';
import { cqlToQuery } from './to-query.js';

const query = (q: string) => {
  const r = cqlToQuery(q);
  if (!r.ok) throw new Error(`${q}: diagnostic ${r.diagnostic.code} ${r.diagnostic.reason?.en ?? ''}`);
  return r.query;
};
const code = (q: string) => {
  const r = cqlToQuery(q);
  return r.ok ? null : r.diagnostic.code;
};
const term = (field: string, text: string, truncated = false) => ({ kind: 'term', field, text, truncated });

describe('cqlToQuery', () => {
  it('maps bare terms and cql.serverChoice to a keyword search', () => {
    expect(query('jazz')).toEqual(term('any', 'jazz'));
    expect(query('cql.serverChoice = "red chamber"')).toEqual({ kind: 'and', children: [term('any', 'red'), term('any', 'chamber')] });
    expect(query('cql.anywhere any "a b"')).toEqual({ kind: 'or', children: [term('any', 'a'), term('any', 'b')] });
  });

  it('maps the Dublin Core and Bath indexes to fields', () => {
    expect(query('dc.title=lazy')).toEqual(term('title', 'lazy'));
    expect(query('dc.creator=carr')).toEqual(term('author', 'carr'));
    expect(query('dc.author=carr')).toEqual(term('author', 'carr'));
    expect(query('DC.Subject=perl')).toEqual(term('subject', 'perl'));
    expect(query('dc.publisher=renmin')).toEqual(term('publisher', 'renmin'));
    expect(query('bath.isbn=9783880452022')).toEqual(term('isbn', '9783880452022'));
    expect(query('bath.issn=0317-8471')).toEqual(term('issn', '0317-8471'));
    expect(query('bath.name=cao and bath.title=hong and bath.subject=novel')).toMatchObject({ kind: 'and', children: [{ field: 'author' }, { field: 'title' }, { field: 'subject' }] });
    expect(query('title=lazy')).toEqual(term('title', 'lazy')); // unprefixed: the dc context set
  });

  it('gives each relation its meaning on word indexes', () => {
    expect(query('dc.title all "pink bogorodit"')).toEqual({ kind: 'and', children: [term('title', 'pink'), term('title', 'bogorodit')] });
    expect(query('dc.title adj "pink bogorodit"')).toEqual({ kind: 'phrase', field: 'title', text: 'pink bogorodit' });
    expect(query('dc.title == "Hong lou meng"')).toEqual({ kind: 'exact', field: 'title', text: 'Hong lou meng' });
    expect(query('dc.subject == "jazz ensembles"')).toEqual({ kind: 'phrase', field: 'subject', text: 'jazz ensembles' });
    expect(query('jazz and dc.title <> live')).toEqual({ kind: 'and', children: [term('any', 'jazz'), { kind: 'not', child: term('title', 'live') }] });
    expect(query('comput* and dc.title=histor*')).toEqual({ kind: 'and', children: [term('any', 'comput', true), term('title', 'histor', true)] });
  });

  it('reads years with comparisons and within', () => {
    expect(query('dc.date=1990')).toEqual({ kind: 'year', from: 1990, to: 1990 });
    expect(query('dc.date<1990')).toEqual({ kind: 'year', from: null, to: 1989 });
    expect(query('dc.date<=1990')).toEqual({ kind: 'year', from: null, to: 1990 });
    expect(query('dc.date>1990')).toEqual({ kind: 'year', from: 1991, to: null });
    expect(query('dc.date>=1990')).toEqual({ kind: 'year', from: 1990, to: null });
    expect(query('dc.date within "2000 1990"')).toEqual({ kind: 'year', from: 1990, to: 2000 });
    expect(code('dc.date=nineteen')).toBe(36);
    expect(code('dc.date within 1990')).toBe(36);
  });

  it('reads record ids as union record numbers, else as identifiers, and libraries by symbol', () => {
    expect(query('rec.id=42')).toEqual({ kind: 'cluster', id: 42 });
    expect(query('dc.identifier=42')).toEqual({ kind: 'cluster', id: 42 });
    expect(query('dc.identifier=ocm123')).toEqual({ kind: 'or', children: [term('isbn', 'ocm123'), term('issn', 'ocm123'), term('systemNumber', 'ocm123')] });
    expect(query('holdingLibrary=CN-IA')).toEqual({ kind: 'library', symbol: 'CN-IA' });
    expect(query('jazz and bath.possessingInstitution any "CN-IA CN-IB"')).toEqual({
      kind: 'and',
      children: [term('any', 'jazz'), { kind: 'or', children: [{ kind: 'library', symbol: 'CN-IA' }, { kind: 'library', symbol: 'CN-IB' }] }],
    });
  });

  it('turns NOT into and-not, folds allRecords, and flattens', () => {
    expect(query('a not b')).toEqual({ kind: 'and', children: [term('any', 'a'), { kind: 'not', child: term('any', 'b') }] });
    expect(query('a and (b and c)')).toEqual({ kind: 'and', children: [term('any', 'a'), term('any', 'b'), term('any', 'c')] });
    expect(query('cql.allRecords=1')).toBeNull();
    expect(query('cql.allRecords=1 and jazz')).toEqual(term('any', 'jazz'));
  });

  it('honours prefix assignments to the known context sets', () => {
    expect(query('>x="info:srw/cql-context-set/1/dc-v1.1" x.title=lazy')).toEqual(term('title', 'lazy'));
    expect(query('>dc="http://zing.z3950.org/cql/bath/2.0/" dc.isbn=1')).toEqual(term('isbn', '1'));
    expect(code('>x="urn:nothing" x.title=lazy')).toBe(15);
  });

  it('reads sortBy', () => {
    const sort = (q: string) => {
      const r = cqlToQuery(q);
      return r.ok ? r.sort : r.diagnostic.code;
    };
    expect(sort('jazz')).toBeNull();
    expect(sort('jazz sortBy dc.date/sort.descending')).toBe('year-desc');
    expect(sort('jazz sortby dc.date')).toBe('year-asc');
    expect(sort('jazz sortBy dc.title')).toBe('title');
    expect(sort('jazz sortBy dc.title/sort.descending')).toBe(90);
    expect(sort('jazz sortBy dc.publisher')).toBe(16);
    expect(sort('jazz sortBy dc.title dc.date')).toBe(84);
  });

  it('answers bad queries with the SRU diagnostic that says what is wrong', () => {
    expect(code('dc.title="open')).toBe(14);
    expect(code('(jazz')).toBe(13);
    expect(code('jazz and')).toBe(10);
    expect(code('dc.nothing=x')).toBe(16);
    expect(code('nothing.title=x')).toBe(15);
    expect(code('dc.title foo x')).toBe(19);
    expect(code('dc.title within x')).toBe(22);
    expect(code('dc.title =/fuzzy x')).toBe(20);
    expect(code('a prox b')).toBe(39);
    expect(code('a and/rel.algorithm=cori b')).toBe(46);
    expect(code('dc.title=*puter')).toBe(28);
    expect(code('dc.title=wom?n')).toBe(28);
    expect(code('dc.title=*')).toBe(29);
    expect(code('dc.title=""')).toBe(27);
    expect(code('dc.title <> x')).toBe(48);
    expect(code('a or dc.title <> x')).toBe(48);
    expect(code('a'.repeat(1001))).toBe(12);
    expect(code('jazz\u0007')).toBe(10);
    expect(code(Array.from({ length: 70 }, (_, i) => `w${i}`).join(' and '))).toBe(38);
    expect(code('dc.title adj "comput* science"')).toBe(33);
  });

  it('accepts escaped masks as characters', () => {
    expect(query('dc.title="why\\?"')).toEqual(term('title', 'why?'));
    expect(query('dc.title=c\\*')).toEqual(term('title', 'c*'));
  });

  it('maps every one of the benchmark’s 200 queries (peers/queries.txt)', () => {
    const lines = readFileSync(sharedPath('peers', 'queries.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBe(200);
    const refused = lines.map((q) => [q, cqlToQuery(q)] as const).filter(([, r]) => !r.ok || r.query === null);
    expect(refused).toEqual([]);
  });

  it('never throws, and answers every string with a query or a diagnostic', () => {
    const pieces = fc.constantFrom('dc.title', 'dc.date', 'rec.id', ' and ', ' or ', ' not ', ' prox ', '=', '==', '<>', ' all ', ' adj ', '(', ')', '"', '\\', '*', '?', '/', 'x', '1990', ' sortBy ', '>', '紅樓夢');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.array(pieces, { maxLength: 40 }).map((a) => a.join(''))), (q) => {
        const r = cqlToQuery(q);
        if (!r.ok) expect(r.diagnostic.code).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });
});
