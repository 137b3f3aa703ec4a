import { describe, expect, it } from 'vitest';
import { moved, toApi, toEditable, type ApiField, type Flavour } from './editable-record';
import { pathOfServerField, validateRecord } from './validate-record';

const LEADER = '00000nam a2200000 a 4500';
const book = (fields: ApiField[], flavour: Flavour = 'marc21', leader = LEADER) => toEditable({ flavour, leader, fields });
const title: ApiField = { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: '红楼梦' }] };
const problemsOf = (fields: ApiField[], flavour?: Flavour, leader?: string) => validateRecord(book(fields, flavour, leader)).map((p) => `${p.path} ${p.code}`);

describe('validateRecord (as the cataloguer types)', () => {
  it('finds nothing wrong with a sound record', () => {
    expect(problemsOf([{ tag: '001', value: 'b1' }, { tag: '008', value: 'x'.repeat(40) }, title])).toEqual([]);
  });

  it('wants a leader of 24 characters', () => {
    expect(validateRecord(book([title], 'marc21', '00000nam')).at(0)).toEqual({ path: 'leader', code: 'leaderLength', params: { length: 8 } });
  });

  it('wants tags of three letters or digits, not 000', () => {
    expect(problemsOf([title, { tag: '24', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'x' }] }, { tag: '000', value: 'x' }])).toEqual(['fields.1.tag tagShape', 'fields.2.tag tagShape']);
  });

  it('wants control fields as a non-empty value without subfields', () => {
    const r = book([title, { tag: '003', value: '' }, { tag: '005', value: 'x' }]);
    r.fields[2]!.subfields = [{ key: 's', code: 'a', value: 'x' }];
    expect(validateRecord(r).map((p) => `${p.path} ${p.code}`)).toEqual(['fields.1.value controlValueEmpty', 'fields.2.subfields controlHasSubfields']);
  });

  it('wants indicators of one blank or digit, subfield codes of one lowercase letter or digit, and values', () => {
    const r = book([title, { tag: '650', ind1: ' ', ind2: '0', subfields: [{ code: 'a', value: 'History' }] }]);
    r.fields[1]!.ind1 = 'x';
    r.fields[1]!.ind2 = '12';
    r.fields[1]!.subfields.push({ key: 'a', code: 'A', value: 'x' }, { key: 'b', code: 'v', value: '  ' });
    expect(validateRecord(r).map((p) => `${p.path} ${p.code}`)).toEqual([
      'fields.1.ind1 indicator',
      'fields.1.ind2 indicator',
      'fields.1.subfields.1.code subfieldCode',
      'fields.1.subfields.2.value subfieldEmpty',
    ]);
  });

  it('takes #, _ and nothing for a blank indicator and sends a space', () => {
    const r = book([{ ...title, ind1: ' ' }]);
    r.fields[0]!.ind2 = '';
    expect(validateRecord(r)).toEqual([]);
    expect(r.fields[0]!.ind1).toBe('#');
    expect(toApi(r).fields[0]).toEqual({ tag: '245', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: '红楼梦' }] });
  });

  it('wants a data field to have subfields', () => {
    expect(problemsOf([title, { tag: '500', ind1: ' ', ind2: ' ', subfields: [] }])).toEqual(['fields.1.subfields noSubfields']);
  });

  it('wants the title field of the format: 245 $a in MARC 21, 200 in UNIMARC, once', () => {
    expect(problemsOf([{ tag: '100', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: 'Cao' }] }])).toEqual(['fields titleMissing']);
    expect(problemsOf([{ tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'c', value: 'x' }] }])).toEqual(['fields.0.subfields titleNoA']);
    expect(problemsOf([title], 'unimarc')).toEqual(['fields titleMissing']);
    expect(problemsOf([{ tag: '200', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: '红楼梦' }] }], 'unimarc')).toEqual([]);
    expect(problemsOf([title, title])).toEqual(['fields.1.tag notRepeatable']);
  });
});

describe('the editor’s record', () => {
  it('goes back to the API as it came', () => {
    const fields: ApiField[] = [{ tag: '001', value: 'b1' }, title, { tag: '650', ind1: ' ', ind2: '0', subfields: [{ code: 'a', value: 'x' }, { code: 'z', value: 'China' }] }];
    expect(toApi(book(fields))).toEqual({ flavour: 'marc21', leader: LEADER, fields });
  });
  it('moves a field up and down, not past either end', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});

describe('pathOfServerField (the server’s problem at its box)', () => {
  it.each([
    ['fields[5] 245 ind2', 'fields.5.ind2'],
    ['fields[3] 650 subfields[1] code', 'fields.3.subfields.1.code'],
    ['fields[3] 650 subfields[0] value', 'fields.3.subfields.0.value'],
    ['fields[2] 100', 'fields.2.tag'],
    ['fields[2] 245 subfields', 'fields.2.subfields'],
    ['leader/05', 'leader'],
    ['fields 245', 'fields'],
    ['something else', 'fields'],
  ])('%s → %s', (server, path) => {
    expect(pathOfServerField(server)).toBe(path);
  });
});
