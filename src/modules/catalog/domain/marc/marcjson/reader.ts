import { isUtf8 } from 'node:buffer';
import { FlavourChooser, evidenceOf } from '../flavour.js';
import { error, hasError, warning, type Problem } from '../problems.js';
import type { ByteSource, ReadOptions, ReadResult } from '../read-result.js';
import { isControlField } from '../record.js';
import { recordFromJson } from './parse-record.js';
import { JsonObjectSplitter, type JsonPiece } from './splitter.js';

/**
 * Reads MARC-in-JSON: one record, an array of records, or records one per line (JSON lines),
 * streaming. Each record is reported like the ISO 2709 reader's; `offset` counts bytes.
 */
export async function* readMarcJson(input: ByteSource, options: ReadOptions = {}): AsyncGenerator<ReadResult> {
  const splitter = new JsonObjectSplitter();
  const reading = new JsonReading(options);
  for await (const chunk of input) {
    for (const piece of splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) yield reading.result(piece);
  }
  for (const piece of splitter.end()) yield reading.result(piece);
}

/** The same over JSON already in memory. */
export function* readMarcJsonSync(input: string | Uint8Array, options: ReadOptions = {}): Generator<ReadResult> {
  const splitter = new JsonObjectSplitter();
  const reading = new JsonReading(options);
  for (const piece of splitter.push(typeof input === 'string' ? Buffer.from(input) : input)) yield reading.result(piece);
  for (const piece of splitter.end()) yield reading.result(piece);
}

const FAULTS = {
  junk: () => error('not-a-record', 'bytes between records that are not a JSON object'),
  truncated: () => error('truncated-record', 'the input ends inside this record'),
  'too-large': () => error('record-too-long', 'the record is larger than 16 MB'),
} as const;

class JsonReading {
  private position = 0;
  private readonly flavours: FlavourChooser;
  private readonly localIdTag: string;

  constructor(options: ReadOptions) {
    this.flavours = new FlavourChooser(options.flavour ?? 'auto');
    this.localIdTag = options.localIdTag ?? '001';
  }

  result(piece: JsonPiece): ReadResult {
    const position = ++this.position;
    const { offset, bytes: raw } = piece;
    if (piece.fault !== undefined) return { ok: false, position, offset, raw, problems: [FAULTS[piece.fault]()] };
    if (!isUtf8(raw)) return { ok: false, position, offset, raw, problems: [error('invalid-utf8', 'the record is not valid UTF-8')] };
    let value: unknown;
    try {
      value = JSON.parse(raw.toString('utf8'));
    } catch (e) {
      return { ok: false, position, offset, raw, problems: [error('json-malformed', (e as Error).message)] };
    }
    const problems: Problem[] = [];
    const record = recordFromJson(value, (p) => problems.push(p));
    if (record === undefined) return { ok: false, position, offset, raw, problems };
    if (record.fields.length === 0) problems.push(error('no-fields', 'the record has no fields'));
    const { flavour, guessed } = this.flavours.choose(() => evidenceOf(record));
    if (guessed) problems.push(warning('flavour-undetermined', `the record shows neither MARC 21 nor UNIMARC fields; read as ${flavour}`));
    if (!hasError(problems)) return { ok: true, record, flavour, raw, position, offset, warnings: problems };
    const id = record.fields.find((f) => f.tag === this.localIdTag);
    const rejected: ReadResult = { ok: false, position, offset, raw, problems, flavour };
    if (id !== undefined && isControlField(id) && id.value.trim() !== '') rejected.localId = id.value.trim();
    return rejected;
  }
}
