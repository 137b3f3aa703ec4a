/**
 * Micro-benchmark of the charset layer on real records (not a test: numbers only).
 * Run: `npx tsx scripts/bench-charset.ts`. Reports records/s for decoding every subfield of a
 * record through the readers' `decode` (detection once per record included), and per decoder.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decodeField, detectCharset, makeDecoder, type CharsetName } from '../src/modules/catalog/domain/charset/index.js';
import { splitIso2709, type RawRecord } from '../test/fixtures/charset/iso2709.js';

const shared = '/work/shared/data/marc/';
const sets: [string, string, 'marc21' | 'unimarc'][] = [
  ['MARC-8 Latin (Evergreen jazz_1k, 1,000 records)', 'evergreen/jazz_1k.mrc', 'marc21'],
  ['MARC-8 French (Evergreen lul_fre_100)', 'evergreen/lul_fre_100.mrc', 'marc21'],
  ['MARC-8 Hebrew (Evergreen hebrew)', 'evergreen/hebrew.marc', 'marc21'],
  ['MARC-8 EACC (YAZ marc12)', 'yaz/marc12.marc', 'marc21'],
  ['UTF-8 authorities (Evergreen auth-1066)', 'evergreen/auth-1066.mrc', 'marc21'],
  ['UTF-8 Nepali (Evergreen nepali)', 'evergreen/nepali.marc', 'marc21'],
  ['UTF-8 Japanese 880s (YAZ marccol1)', 'yaz/marccol1.u8.marc', 'marc21'],
];

function timeIt(minMs: number, run: () => number): { perSecond: number; unitsPerRun: number } {
  let runs = 0;
  let units = 0;
  for (let i = 0; i < 3; i++) run(); // warm up
  const start = performance.now();
  while (performance.now() - start < minMs) {
    units += run();
    runs++;
  }
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: units / seconds, unitsPerRun: units / runs };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

for (const [name, file, flavour] of sets) {
  const records: RawRecord[] = splitIso2709(new Uint8Array(readFileSync(shared + file)));
  const subfields = records.flatMap((r) => r.fields.flatMap((f) => f.subfields ?? []));
  const bytes = subfields.reduce((n, s) => n + s.bytes.length, 0);
  const ascii = subfields.filter((s) => s.bytes.every((b) => b < 0x80 && b !== 0x1b)).length;

  const full = timeIt(1500, () => {
    const decode = makeDecoder(); // fresh: it remembers each record's detection
    for (const r of records) {
      const context = { leader: r.leader, flavour, record: r.bytes };
      for (const f of r.fields) for (const s of f.subfields ?? []) decode(s.bytes, context);
    }
    return records.length;
  });
  const detection = detectCharset({ leader: records[0]!.leader, flavour, sample: records[0]!.bytes });
  const charset: CharsetName = detection.charset;
  const raw = timeIt(1000, () => {
    for (const s of subfields) decodeField(s.bytes, charset);
    return bytes;
  });
  const detect = timeIt(1000, () => {
    for (const r of records) detectCharset({ leader: r.leader, flavour, sample: r.bytes });
    return records.length;
  });
  console.log(
    `${name}: ${records.length} records, ${subfields.length} subfields (${Math.round((100 * ascii) / subfields.length)} % ASCII), read as ${charset}\n` +
      `  decode every subfield + detect per record: ${fmt(full.perSecond)} records/s\n` +
      `  decodeField alone: ${fmt(raw.perSecond / 1e6)} MB/s; detectCharset alone: ${fmt(detect.perSecond)} records/s`,
  );
}
