/**
 * MARC-8 records decode to exactly the text of their UTF-8 twins (made by YAZ, by Stanford, by
 * marc4j's authors). Where the twin's maker silently dropped bytes it could not map, we put
 * U+FFFD and report a problem: the comparison leaves those out but counts them.
 */
import { describe, expect, it } from 'vitest';
import { fixture, readMarcXml, splitIso2709, type RawRecord, type XmlField } from '../../../../../test/fixtures/charset/iso2709.js';
import { decodeField } from './decode-field.js';
import { repairEaccDelimiters } from './eacc-repair.js';
import type { CharsetName } from './types.js';

const repair = (field: Uint8Array) => repairEaccDelimiters(field)?.bytes ?? field;

interface Compared {
  /** `245 $a: decoded ≠ twin` for each subfield that differs. */
  differences: string[];
  compared: number;
  replaced: number;
  problems: number;
}

/** Decodes `record` in `charset` and compares it, field by field (in tag order), with `twin`. */
function compare(record: RawRecord, twin: { fields: XmlField[] }, charset: CharsetName): Compared {
  const result: Compared = { differences: [], compared: 0, replaced: 0, problems: 0 };
  const used = new Set<number>();
  for (const field of record.fields) {
    const k = twin.fields.findIndex((f, i) => !used.has(i) && f.tag === field.tag);
    used.add(k);
    const other = twin.fields[k];
    const pairs: [string, Uint8Array, string | undefined][] = field.bytes
      ? [['', field.bytes, other?.value]]
      : field.subfields!.map((s, i) => [s.code, s.bytes, other?.subfields?.[i]?.value]);
    for (const [code, bytes, expected] of pairs) {
      const decoded = decodeField(bytes, charset);
      const replacements = decoded.text.split('\uFFFD').length - 1;
      result.compared++;
      result.replaced += replacements;
      // A field lists 16 problems and counts the rest in a last `more-problems`.
      for (const p of decoded.problems) result.problems += p.code === 'more-problems' ? Number(/^\d+/.exec(p.reason)![0]) : 1;
      const text = decoded.text.replaceAll('\uFFFD', '');
      if (expected === undefined || text !== expected.normalize('NFC')) result.differences.push(`${field.tag} $${code}: ${text} ≠ ${expected}`);
    }
  }
  return result;
}

const utf8Twin = (record: RawRecord) => ({
  fields: record.fields.map((f) => ({
    tag: f.tag,
    value: f.bytes ? Buffer.from(f.bytes).toString('utf8') : undefined,
    subfields: f.subfields?.map((s) => ({ code: s.code, value: Buffer.from(s.bytes).toString('utf8') })),
  })),
});

describe('MARC-8 records against their UTF-8 twins', () => {
  it('YAZ marc12: MARC-8 with EACC decodes to the MARCXML twin', () => {
    const [record] = splitIso2709(fixture('marc12.marc'), repair);
    const [twin] = readMarcXml(Buffer.from(fixture('marc12.xml')).toString('utf8'));
    const result = compare(record!, twin!, 'marc-8');
    expect(result.differences).toEqual([]);
    expect(result.compared).toBe(118);
    // The record carries form feeds, a SUB, a stray delimiter and two unmapped bytes where
    // punctuation was lost upstream; YAZ dropped them, we replace and report each one.
    expect(result.replaced).toBeGreaterThan(0);
    expect(result.problems).toBeGreaterThanOrEqual(result.replaced);
  });

  it('Stanford u2103: the raw MARC-8 record equals its corrected UTF-8 twin once the EACC delimiters are repaired', () => {
    const [raw] = splitIso2709(fixture('u2103_raw.mrc'), repair);
    const [fixed] = splitIso2709(fixture('u2103.mrc'));
    const result = compare(raw!, utf8Twin(fixed!), 'marc-8');
    // SolrMarc's MarcDiff finds the same single difference: 999 $o exists only in the raw record.
    expect(result.differences).toEqual(['999 $o: .STAFF.  *arts ≠ undefined']);
    expect(result.replaced).toBe(0);
    const title = raw!.fields.find((f) => f.tag === '880' && f.subfields?.[1]?.code === 'a');
    expect(decodeField(title!.subfields![1]!.bytes, 'marc-8').text).toBe('紫禁城宮殿 /');
  });

  it('without the repair, u2103_raw loses 宮殿 to a bogus $0', () => {
    const [raw] = splitIso2709(fixture('u2103_raw.mrc'));
    const title = raw!.fields.find((f) => f.tag === '880')!;
    expect(title.subfields!.map((s) => s.code)).toContain('0');
  });

  it('marc4j chinese_mangled_multibyte: the MARC-8 and the &#x…; records equal the UTF-8 one', () => {
    const records = splitIso2709(fixture('chinese_mangled_multibyte.mrc'), repair);
    expect(records.map((r) => r.leader.charAt(9))).toEqual([' ', ' ', ' ', 'a']);
    const twin = utf8Twin(records[3]!);
    for (const i of [1, 2]) {
      const only880 = { ...records[i]!, fields: records[i]!.fields.filter((f) => f.tag === '880') };
      const result = compare(only880, { fields: twin.fields.filter((f) => f.tag === '880') }, 'marc-8');
      expect(result.differences).toEqual([]);
      expect(result.problems).toBe(0);
    }
  });
});
