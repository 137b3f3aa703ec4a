import { describe, expect, it } from 'vitest';
import { validateRecord, type EditedRecord } from './index.js';

const f008 = '200101s2020    cc a          000 0 chi d';
const marc21 = (over: Partial<EditedRecord> = {}): EditedRecord => ({
  leader: '00000nam a2200000 a 4500',
  fields: [
    { tag: '001', value: 'b1' },
    { tag: '008', value: f008 },
    { tag: '020', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: '9787020002207' }] },
    { tag: '100', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: '曹雪芹' }] },
    { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: '红楼梦' }, { code: 'c', value: '曹雪芹著' }] },
    { tag: '650', ind1: ' ', ind2: '0', subfields: [{ code: 'a', value: 'Chinese fiction' }] },
  ],
  ...over,
});

const unimarc = (): EditedRecord => ({
  leader: '00000nam0 2200000   450 ',
  fields: [
    { tag: '001', value: 'u1' },
    { tag: '100', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: '20200101d2020    em y0chiy0121    ea' }] },
    { tag: '200', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: '红楼梦' }, { code: 'f', value: '曹雪芹著' }] },
  ],
});

const where = (r: EditedRecord, flavour: 'marc21' | 'unimarc' = 'marc21') => validateRecord(r, flavour).map((p) => `${p.field}: ${p.code}`);

describe('validating an edited record', () => {
  it('finds nothing wrong in good MARC 21 and UNIMARC records', () => {
    expect(where(marc21())).toEqual([]);
    expect(unimarc().fields[1]!.subfields![0]!.value).toHaveLength(36);
    expect(where(unimarc(), 'unimarc')).toEqual([]);
  });

  it('names every leader position that is wrong, not only the first', () => {
    expect(where(marc21({ leader: '00000xzq a2300000 a 4501' }))).toEqual([
      'leader/05: leader-value',
      'leader/06: leader-value',
      'leader/07: leader-value',
      'leader/10-11: leader-value',
      'leader/20-23: leader-value',
    ]);
    expect(where(marc21({ leader: 'short' }))).toEqual(['leader: leader-length']);
  });

  it('reports bad indicators with the field path and the allowed values, in both languages', () => {
    const r = marc21();
    r.fields[4] = { ...r.fields[4]!, ind1: '5', ind2: 'x' };
    const problems = validateRecord(r, 'marc21');
    expect(problems.map((p) => p.field)).toEqual(['fields[4] 245 ind1', 'fields[4] 245 ind2']);
    expect(problems[0]!.code).toBe('indicator-not-allowed');
    expect(problems[0]!.message.en).toContain('allowed: 0 1');
    expect(problems[0]!.message['zh-CN']).toContain('第 1 指示符');
    expect(problems[1]!.code).toBe('indicator-invalid');
  });

  it('checks the per-tag indicators of 650 and of UNIMARC 200', () => {
    const r = marc21();
    r.fields[5] = { ...r.fields[5]!, ind2: '9' };
    expect(where(r)).toEqual(['fields[5] 650 ind2: indicator-not-allowed']);
    const u = unimarc();
    u.fields[2] = { ...u.fields[2]!, ind1: '2' };
    expect(where(u, 'unimarc')).toEqual(['fields[2] 200 ind1: indicator-not-allowed']);
  });

  it('refuses bad tags, control fields with subfields, data fields without, and bad subfield codes', () => {
    const r = marc21();
    r.fields.push({ tag: '5#0', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'x' }] });
    r.fields.push({ tag: '003', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'x' }] });
    r.fields.push({ tag: '500', value: 'a note' });
    r.fields.push({ tag: '500', ind1: ' ', ind2: ' ', subfields: [{ code: 'A', value: 'x' }, { code: 'b', value: ' ' }] });
    r.fields.push({ tag: '504', ind1: ' ', ind2: ' ', subfields: [] });
    expect(where(r)).toEqual([
      'fields[6] tag: tag-invalid',
      'fields[7] 003: control-field-shape',
      'fields[8] 500: data-field-shape',
      'fields[9] 500 subfields[0] code: subfield-code-invalid',
      'fields[9] 500 subfields[1] value: subfield-empty',
      'fields[10] 504: no-subfields',
    ]);
  });

  it('requires 008 of 40 characters and 245 $a in MARC 21; 100 $a of 36 and 200 $a in UNIMARC', () => {
    const r = marc21();
    r.fields[1] = { tag: '008', value: 'too short' };
    r.fields[4] = { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'c', value: 'x' }] };
    expect(where(r)).toEqual(['fields[1] 008: control-field-length', 'fields[4] 245: subfield-required']);
    expect(where(marc21({ fields: marc21().fields.filter((f) => f.tag !== '245' && f.tag !== '008') }))).toEqual(['fields 008: field-required', 'fields 245: field-required']);
    const u = unimarc();
    u.fields[1] = { tag: '100', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: '2020' }] };
    u.fields.splice(2, 1);
    expect(where(u, 'unimarc')).toEqual(['fields[1] 100 $a: subfield-length', 'fields 200: field-required']);
  });

  it('allows non-repeatable fields and the main entry once', () => {
    const r = marc21();
    r.fields.push({ tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: 'again' }] });
    r.fields.push({ tag: '110', ind1: '2', ind2: ' ', subfields: [{ code: 'a', value: 'a body' }] });
    r.fields.push({ tag: '008', value: f008 });
    expect(where(r)).toEqual(['fields[6] 245: field-not-repeatable', 'fields[7] 110: main-entry-repeated', 'fields[8] 008: field-not-repeatable']);
  });
});
