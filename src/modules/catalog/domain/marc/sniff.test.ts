import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { collect, fixture } from '../../../../../test/fixtures/marc/fixtures.js';
import { readMarc } from './read-any.js';
import { sniffFormat, type MarcFormat } from './sniff.js';

describe('telling the format from the first bytes', () => {
  it('knows ISO 2709, MARCXML and MARC-in-JSON, past blanks and byte-order marks', () => {
    const cases: [string | Buffer, MarcFormat | undefined][] = [
      ['01234nam a2200301 a 4500', 'iso2709'],
      ['<?xml version="1.0"?><collection/>', 'marcxml'],
      ['\n\n  <record>', 'marcxml'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<collection>')]), 'marcxml'],
      [Buffer.from('\ufeff<r/>', 'utf16le'), 'marcxml'],
      ['{"leader": "…"}', 'marcjson'],
      ['[{"leader"', 'marcjson'],
      ['0123', undefined],
      ['hello', undefined],
      ['', undefined],
    ];
    for (const [head, format] of cases) expect([head.toString(), sniffFormat(typeof head === 'string' ? Buffer.from(head) : head)]).toEqual([head.toString(), format]);
  });

  it('reads whatever format it is given, telling which', async () => {
    for (const [name, format] of [['marc4j-chabon.mrc', 'iso2709'], ['marc4j-chabon.xml', 'marcxml']] as const) {
      let told: MarcFormat | undefined;
      const bytes = fixture(name);
      const results = await collect(readMarc(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]), { onFormat: (f) => (told = f) }));
      expect([told, results.map((r) => r.ok)]).toEqual([format, [true, true]]);
    }
    const json = Buffer.from('[{"leader":"00000nam a2200000   4500","fields":[{"001":"j1"}]}]');
    expect((await collect(readMarc([json]))).map((r) => r.ok && r.record.fields)).toEqual([[{ tag: '001', value: 'j1' }]]);
  });

  it('rejects an input in no MARC format as a whole, once', async () => {
    const results = await collect(readMarc([Buffer.from('%PDF-1.7 this is not a catalogue')]));
    expect(results.map((r) => (r.ok ? 'ok' : r.problems[0]!.code))).toEqual(['not-a-record']);
    expect(await collect(readMarc([]))).toEqual([]);
  });
});
