/**
 * Demo records (issue 3, "Demo"): the real records in demo/records/ spread over the demo
 * network's libraries as a real alliance holds them — each record at one library, and about
 * 40 % of them also at one to three others (the same bibliographic record under each library's
 * own local id and 852), so that clusters with several holdings show at once.
 */
import { createReadStream, readdirSync } from 'node:fs';
import type { Db } from '../../platform/db/index.js';
import { fromRoot } from '../../platform/paths.js';
import { readMarc, type DataField, type MarcRecord } from './domain/marc/index.js';
import { importDecoder } from './import/decoder.js';
import { ingestRecords, noCounts, addCounts, type IngestCounts, type ParsedInput } from './ingest/index.js';

/** Libraries that hold demo records: the larger members of the demo network. */
const HOLDERS = 12;
const LOCATIONS = ['Stacks', 'Reference', 'Music library', 'Reading room', 'Special collections'];

/** A small deterministic generator (the demo is the same on every start). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The record as library `symbol` holds it: its own 001 and an 852 naming it. */
function heldBy(record: MarcRecord, symbol: string, localId: string, location: string): MarcRecord {
  const fields = record.fields.filter((f) => f.tag !== '001' && f.tag !== '003' && f.tag !== '852');
  const callNumber = (record.fields.find((f): f is DataField => f.tag === '050' || f.tag === '090') as DataField | undefined)?.subfields.map((s) => s.value).join(' ');
  const holding: DataField = { tag: '852', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: symbol }, { code: 'b', value: location }] };
  if (callNumber) holding.subfields.push({ code: 'h', value: callNumber });
  return { leader: record.leader, fields: [{ tag: '001', value: localId }, ...fields, holding] };
}

/** Loads the demo records; returns the counts. Libraries are those of the demo network. */
export async function loadDemoRecords(db: Db): Promise<IngestCounts> {
  const { rows } = await db.query<{ symbol: string }>(`SELECT symbol FROM libraries ORDER BY coalesce(fte, 0) DESC, symbol LIMIT ${HOLDERS}`);
  const symbols = rows.map((r) => r.symbol);
  if (symbols.length === 0) return noCounts();
  const dir = fromRoot('demo', 'records');
  const perLibrary = new Map<string, ParsedInput[]>(symbols.map((s) => [s, []]));
  const next = random(2026);
  let n = 0;
  for (const file of readdirSync(dir).filter((f) => !f.endsWith('.md')).sort()) {
    for await (const r of readMarc(createReadStream(`${dir}/${file}`), { decode: importDecoder(null) })) {
      if (!r.ok) continue;
      n++;
      const holders = new Set([symbols[Math.floor(next() * symbols.length)]!]);
      if (next() < 0.4) {
        const more = 1 + Math.floor(next() * 3);
        while (holders.size < Math.min(1 + more, symbols.length)) holders.add(symbols[Math.floor(next() * symbols.length)]!);
      }
      for (const symbol of holders) {
        const record = heldBy(r.record, symbol, `demo-${String(n).padStart(5, '0')}`, LOCATIONS[Math.floor(next() * LOCATIONS.length)]!);
        perLibrary.get(symbol)!.push({ record, flavour: r.flavour, sourceFormat: file.endsWith('.xml') ? 'marcxml' : 'iso2709', position: r.position });
      }
    }
  }
  const total = noCounts();
  for (const [library, records] of perLibrary) {
    if (records.length > 0) addCounts(total, await ingestRecords(db, { library, records, via: 'demo' }));
  }
  return total;
}
