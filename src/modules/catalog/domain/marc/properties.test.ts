import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readIso2709Sync } from './iso2709/reader.js';
import { toIso2709 } from './iso2709/writer.js';
import { readMarcJsonSync } from './marcjson/reader.js';
import { toMarcJson } from './marcjson/writer.js';
import { readMarcXmlSync } from './marcxml/reader.js';
import { toMarcXmlCollection } from './marcxml/writer.js';
import type { ReadResult } from './read-result.js';
import { isDataField, type MarcField, type MarcRecord } from './record.js';

const text = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.normalize('NFC'));
const tricky = fc.constantFrom('&', '<', '>', '"', "'", '\t', '\n', '\r', ']]>', '長江', '𠀋', 'é', ' ');
const value = fc.array(fc.oneof(text, tricky), { maxLength: 4 }).map((parts) => parts.join('').normalize('NFC'));
const digit = fc.constantFrom(...'0123456789');
const lower = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');
const controlField = fc.record({ tag: digit.map((d) => `00${d === '0' ? '1' : d}`), value: value.filter((v) => v !== '') });
const dataTag = fc.oneof(fc.integer({ min: 10, max: 999 }).map((n) => String(n).padStart(3, '0')), fc.stringMatching(/^[A-Z]{3}$/));
const dataField = fc.record({
  tag: dataTag,
  ind1: fc.constantFrom(' ', '0', '1', '4', 'a'),
  ind2: fc.constantFrom(' ', '0', '7', 'b'),
  subfields: fc.array(fc.record({ code: lower, value }), { minLength: 1, maxLength: 6 }),
});
const leaderArb = fc.tuple(fc.constantFrom('n', 'c', 'd'), fc.constantFrom('a', 'm', 'g'), fc.constantFrom('m', 's'), fc.constantFrom(' ', '1', 'I')).map(([s, t, b, e]) => `00000${s}${t}${b} a2200000${e}  4500`);
/** Records as MARCXML must hold them: control fields first. */
const marcRecord: fc.Arbitrary<MarcRecord> = fc
  .tuple(leaderArb, fc.array(controlField, { maxLength: 4 }), fc.array(dataField, { minLength: 1, maxLength: 8 }))
  .map(([leader, c, d]) => ({ leader, fields: [...c, ...d] as MarcField[] }));

/** Every result numbered in order; every rejection says why. */
function wellReported(results: ReadResult[]): boolean {
  return results.every((r, i) => r.position === i + 1 && (r.ok || (r.problems.length > 0 && r.problems.some((p) => p.severity === 'error' && p.reason !== ''))));
}

/** Random damage: overwrite, insert and delete bytes. */
const damage = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')), { minLength: 1, maxLength: 12 });
function damaged(bytes: Uint8Array, edits: [number, number, string][]): Buffer {
  const b = Array.from(bytes);
  for (const [at, byte, op] of edits) {
    const i = b.length === 0 ? 0 : at % b.length;
    if (op === 'set') b[i] = byte;
    else if (op === 'insert') b.splice(i, 0, byte);
    else b.splice(i, 1);
  }
  return Buffer.from(b);
}
/** Bytes that look like MARC more often than random ones do. */
const marcish = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x1d, 0x1e, 0x1f, 0x30, 0x35, 0x61, 0x20)), { maxLength: 600 }).map((a) => Buffer.from(a));

describe('the readers never crash or hang', () => {
  it('ISO 2709: arbitrary bytes, and damaged records', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => wellReported([...readIso2709Sync(bytes)])), { numRuns: 300 });
    fc.assert(fc.property(marcish, (bytes) => wellReported([...readIso2709Sync(bytes)])), { numRuns: 300 });
    fc.assert(
      fc.property(fc.array(marcRecord, { minLength: 1, maxLength: 3 }), damage, (records, edits) => {
        const bytes = damaged(Buffer.concat(records.map((r) => toIso2709(r)!)), edits);
        return wellReported([...readIso2709Sync(bytes)]);
      }),
      { numRuns: 300 },
    );
  });

  it('MARCXML: arbitrary text, and damaged documents', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 1000 }), (bytes) => wellReported([...readMarcXmlSync(bytes)])), { numRuns: 200 });
    fc.assert(
      fc.property(fc.array(marcRecord, { minLength: 1, maxLength: 3 }), damage, (records, edits) =>
        wellReported([...readMarcXmlSync(damaged(Buffer.from(toMarcXmlCollection(records)), edits))]),
      ),
      { numRuns: 200 },
    );
  });

  it('MARC-in-JSON: arbitrary bytes, and damaged records', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 1000 }), (bytes) => wellReported([...readMarcJsonSync(bytes)])), { numRuns: 200 });
    fc.assert(
      fc.property(fc.array(marcRecord, { minLength: 1, maxLength: 3 }), damage, (records, edits) =>
        wellReported([...readMarcJsonSync(damaged(Buffer.from(records.map(toMarcJson).join('\n')), edits))]),
      ),
      { numRuns: 200 },
    );
  });
});

describe('valid records come back as they went out', () => {
  const fieldsOf = (results: ReadResult[]) => results.map((r) => (r.ok ? r.record.fields : r.problems));
  /** The leader positions a writer keeps (the others it computes). */
  const kept = (l: string) => l.slice(5, 9) + l.slice(17, 20);

  it('through ISO 2709', () => {
    fc.assert(
      fc.property(fc.array(marcRecord, { minLength: 1, maxLength: 4 }), (records) => {
        const back = [...readIso2709Sync(Buffer.concat(records.map((r) => toIso2709(r)!)))];
        expect(fieldsOf(back)).toEqual(records.map((r) => r.fields));
        expect(back.map((r) => r.ok && kept(r.record.leader))).toEqual(records.map((r) => kept(r.leader)));
        expect(back.flatMap((r) => (r.ok ? r.warnings : [])).filter((p) => p.code !== 'flavour-undetermined')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('through MARCXML', () => {
    fc.assert(
      fc.property(fc.array(marcRecord, { minLength: 1, maxLength: 4 }), (records) => {
        const back = [...readMarcXmlSync(toMarcXmlCollection(records))];
        expect(fieldsOf(back)).toEqual(records.map((r) => r.fields));
        expect(back.map((r) => r.ok && r.record.leader)).toEqual(records.map((r) => r.leader));
      }),
      { numRuns: 200 },
    );
  });

  it('through MARC-in-JSON', () => {
    fc.assert(
      fc.property(fc.array(marcRecord, { minLength: 1, maxLength: 4 }), (records) => {
        const back = [...readMarcJsonSync(records.map(toMarcJson).join('\n'))];
        expect(fieldsOf(back)).toEqual(records.map((r) => r.fields));
      }),
      { numRuns: 200 },
    );
  });

  it('ISO 2709 → MARCXML → ISO 2709 is byte for byte', () => {
    fc.assert(
      fc.property(marcRecord, (record) => {
        const iso = toIso2709(record)!;
        const [viaXml] = [...readMarcXmlSync(toMarcXmlCollection([...readIso2709Sync(iso)].flatMap((r) => (r.ok ? [r.record] : []))))];
        return viaXml !== undefined && viaXml.ok && toIso2709(viaXml.record)!.equals(iso) && viaXml.record.fields.every((f) => isDataField(f) || f.value !== '');
      }),
      { numRuns: 200 },
    );
  });
});
