import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chunked, collect, fixture } from '../../../../../../test/fixtures/marc/fixtures.js';
import { readIso2709Sync } from '../iso2709/reader.js';
import type { MarcRecord } from '../record.js';
import { readMarcJson, readMarcJsonSync } from './reader.js';
import { MarcJsonWriter, marcJsonRecord, toMarcJson } from './writer.js';

const chabon = (): MarcRecord[] => [...readIso2709Sync(fixture('marc4j-chabon.mrc'))].flatMap((r) => (r.ok ? [r.record] : []));

async function written(layout: 'array' | 'lines', records: MarcRecord[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const w = new MarcJsonWriter(new Writable({ write: (c, _e, cb) => (chunks.push(c), cb()) }), { layout, chunkSize: 1024 });
  for (const r of records) await w.write(r);
  await w.end();
  return Buffer.concat(chunks);
}

describe('MARC-in-JSON', () => {
  it('writes the code4lib shape', () => {
    const json = marcJsonRecord({ leader: '00000nam a2200000   4500', fields: [{ tag: '001', value: 'x' }, { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: 'T' }, { code: 'a', value: 'U' }] }] });
    expect(json).toEqual({ leader: '00000nam a2200000   4500', fields: [{ '001': 'x' }, { '245': { ind1: '1', ind2: '0', subfields: [{ a: 'T' }, { a: 'U' }] } }] });
  });

  it('reads one record, an array, and JSON lines, to the records written', async () => {
    const records = chabon();
    expect([...readMarcJsonSync(toMarcJson(records[0]!))].map((r) => r.ok && r.record)).toEqual([records[0]]);
    for (const layout of ['array', 'lines'] as const) {
      const bytes = await written(layout, records);
      const back = await collect(readMarcJson(chunked(bytes, 7)));
      expect(back.map((r) => r.ok && r.record)).toEqual(records);
      expect(back.map((r) => r.position)).toEqual([1, 2]);
      expect(JSON.parse(back[1]!.raw.toString('utf8'))).toEqual(marcJsonRecord(records[1]!));
    }
    expect(JSON.parse((await written('array', [])).toString('utf8'))).toEqual([]);
  });

  it('reports each bad record with its field and goes on', () => {
    const lines = [
      '{"leader":"00000nam a2200000   4500","fields":[{"001":"ok1"},{"245":{"ind1":"1","ind2":"0","subfields":[{"a":"Fine"}]}}]}',
      '{"leader":"00000nam a2200000   4500","fields":[{"001":"bad2"},{"245":{"ind1":"1","ind2":"0","subfields":[{"":"no code"}]}}]}',
      '{"leader":"00000nam a2200000   4500","fields":[{"001":"bad3"},{"245":"a data field as a string"}]}',
      '{"leader": 12, "fields": []}',
      'not json at all',
      '{"leader":"00000nam a2200000   4500","fields":[{"001":"ok6"},{"245":{"subfields":[{"a":"no indicators"}]}}]}',
      '{"leader":"00000nam a2200000   4500","fields":[{"001":"cut',
    ].join('\n');
    const results = [...readMarcJsonSync(lines)];
    expect(results.map((r) => r.ok)).toEqual([true, false, false, false, false, true, false]);
    const errs = results.map((r) => (r.ok ? [] : r.problems.filter((p) => p.severity === 'error').map((p) => [p.field, p.code])));
    expect(errs).toEqual([[], [['245', 'subfield-code-missing']], [['245', 'json-structure']], [['leader', 'leader-invalid'], [undefined, 'no-fields']], [[undefined, 'not-a-record']], [], [[undefined, 'truncated-record']]]);
    expect(results.map((r) => (r.ok ? undefined : r.localId))).toEqual([undefined, 'bad2', 'bad3', undefined, undefined, undefined, undefined]);
    expect(results[5]!.ok && results[5]!.warnings.map((p) => p.code)).toEqual(['indicators-missing', 'indicators-missing']);
  });

  it('rejects a record that is not valid UTF-8, and NFC-normalises the rest', () => {
    const bad = Buffer.concat([Buffer.from('{"leader":"00000nam a2200000   4500","fields":[{"001":"'), Buffer.from([0xff]), Buffer.from('"}]}\n')]);
    const good = Buffer.from('{"leader":"00000nam a2200000   4500","fields":[{"001":"x"},{"245":{"ind1":"0","ind2":"0","subfields":[{"a":"Cafe\u0301"}]}}]}');
    const results = [...readMarcJsonSync(Buffer.concat([bad, good]))];
    expect(results.map((r) => (r.ok ? 'ok' : r.problems[0]!.code))).toEqual(['invalid-utf8', 'ok']);
    expect(results[1]!.ok && results[1]!.record.fields[1]).toEqual({ tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: 'Café' }] });
  });

  it('reports a record of more than 16 MB without keeping it, and reads on', () => {
    const huge = `{"leader":"00000nam a2200000   4500","fields":[{"500":{"ind1":" ","ind2":" ","subfields":[{"a":"${'x'.repeat(17 << 20)}"}]}}]}`;
    const next = '{"leader":"00000nam a2200000   4500","fields":[{"001":"next"}]}';
    const results = [...readMarcJsonSync(`${huge}\n${next}`)];
    expect(results.map((r) => (r.ok ? 'ok' : r.problems[0]!.code))).toEqual(['record-too-long', 'ok']);
  });
});
