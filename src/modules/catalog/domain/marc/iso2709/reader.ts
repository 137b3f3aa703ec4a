import { defaultDecode, type FieldDecoder } from '../decode.js';
import { FlavourChooser } from '../flavour.js';
import type { ByteSource, ReadOptions, ReadResult } from '../read-result.js';
import { RecordFramer, type Frame } from './framing.js';
import { parseRecord, type ParseSettings } from './parse-record.js';

export interface Iso2709ReadOptions extends ReadOptions {
  /**
   * Turns field bytes into text; the default reads UTF-8 when the record declares it and Latin-1
   * otherwise. The character-set module provides MARC-8 (with EACC) and the GB sets.
   */
  decode?: FieldDecoder;
}

/**
 * Reads ISO 2709 records (MARC 21, UNIMARC/CNMARC) from a stream, one result per record in
 * input order: the record, or why it was rejected. Memory stays at one chunk plus one record
 * whatever the size of the input.
 */
export async function* readIso2709(input: ByteSource, options: Iso2709ReadOptions = {}): AsyncGenerator<ReadResult> {
  const framer = new RecordFramer();
  const reading = new Reading(options);
  for await (const chunk of input) {
    framer.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    for (let f = framer.next(); f !== undefined; f = framer.next()) yield reading.result(f);
  }
  framer.end();
  for (let f = framer.next(); f !== undefined; f = framer.next()) yield reading.result(f);
}

/** The same over bytes already in memory (a test, a record from an API body). */
export function* readIso2709Sync(bytes: Uint8Array, options: Iso2709ReadOptions = {}): Generator<ReadResult> {
  const framer = new RecordFramer();
  const reading = new Reading(options);
  framer.push(bytes);
  framer.end();
  for (let f = framer.next(); f !== undefined; f = framer.next()) yield reading.result(f);
}

/** The state of one pass over an input: settings, the flavour so far, the position. */
class Reading {
  private position = 0;
  private readonly settings: ParseSettings;

  constructor(options: Iso2709ReadOptions) {
    this.settings = {
      decode: options.decode ?? defaultDecode,
      flavours: new FlavourChooser(options.flavour ?? 'auto'),
      localIdTag: options.localIdTag ?? '001',
    };
  }

  result(f: Frame): ReadResult {
    const position = ++this.position;
    const raw = f.buf.subarray(f.start, f.end);
    if (f.notARecord) return { ok: false, position, offset: f.offset, raw, problems: f.problems };
    const parsed = parseRecord(f.buf, f.start, f.end, this.settings, f.problems);
    if (parsed.ok) return { ok: true, record: parsed.record, flavour: parsed.flavour, raw, position, offset: f.offset, warnings: parsed.warnings };
    const rejected: ReadResult = { ok: false, position, offset: f.offset, raw, problems: parsed.problems };
    if (parsed.localId !== undefined) rejected.localId = parsed.localId;
    if (parsed.flavour !== undefined) rejected.flavour = parsed.flavour;
    return rejected;
  }
}
