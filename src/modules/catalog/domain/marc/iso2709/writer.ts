import type { Writable } from 'node:stream';
import { isPairAt, putNonAscii, ByteSink } from '../byte-sink.js';
import { ChunkedOutput } from '../output.js';
import { error, hasError, warning, type Problem } from '../problems.js';
import { isDataField, type Flavour, type MarcRecord } from '../record.js';
import { FT, RT, SD } from './bytes.js';

export interface Iso2709WriteOptions {
  /**
   * MARC 21 (the default) writes leader/09 `a` (UCS/Unicode) and leader/20–23 `4500`; UNIMARC
   * writes `450 ` and says UTF-8 where UNIMARC says it, in 100 $a/26–29 (`50  `).
   */
  flavour?: Flavour;
}

/**
 * Appends one record to `sink` as ISO 2709 in UTF-8, with its leader's record length and base
 * address, its directory and its terminators computed. Returns false, writing nothing, when the
 * record cannot be written (a field over 9,999 bytes, a record over 99,999, a tag or subfield
 * code that is not one ASCII character each); `problems` says why.
 */
export function putIso2709Record(sink: ByteSink, record: MarcRecord, problems: Problem[], options: Iso2709WriteOptions = {}): boolean {
  const unimarc = options.flavour === 'unimarc';
  const fields = record.fields;
  const start = sink.pos;
  const base = 24 + 12 * fields.length + 1;
  const before = problems.length;
  sink.ensure(base);
  sink.pos = start + base;
  const lengths = new Array<number>(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const from = sink.pos;
    if (!isDataField(f)) {
      putValue(sink, f.value, problems, f.tag);
    } else {
      putIndicator(sink, f.ind1, 1, problems, f.tag);
      putIndicator(sink, f.ind2, 2, problems, f.tag);
      for (const s of f.subfields) {
        sink.byte(SD);
        const c = s.code.charCodeAt(0);
        if (s.code.length !== 1 || c <= 0x20 || c >= 0x7f) problems.push(error('subfield-code-invalid', `subfield code '${s.code}' is not one printable ASCII character`, f.tag));
        sink.byte(c);
        const value = unimarc && f.tag === '100' && s.code === 'a' && s.value.length >= 30 ? s.value.slice(0, 26) + '50  ' + s.value.slice(30) : s.value;
        putValue(sink, value, problems, f.tag, s.code);
      }
    }
    sink.byte(FT);
    lengths[i] = sink.pos - from;
    if (lengths[i]! > 9999) problems.push(error('field-too-long', `the field is ${lengths[i]} bytes; ISO 2709 with 4-digit lengths holds at most 9,999`, f.tag));
  }
  sink.byte(RT);
  const total = sink.pos - start;
  if (total > 99_999) problems.push(error('record-too-long', `the record is ${total} bytes; ISO 2709 holds at most 99,999`));
  if (problems.length > before && hasError(problems.slice(before))) {
    sink.pos = start;
    return false;
  }

  const u8 = sink.u8;
  putLeader(u8, start, record.leader, problems);
  putDigits(u8, start, total, 5);
  if (!unimarc) u8[start + 9] = 0x61; // a: UCS/Unicode
  u8[start + 10] = 0x32;
  u8[start + 11] = 0x32;
  putDigits(u8, start + 12, base, 5);
  u8.set(unimarc ? UNIMARC_ENTRY_MAP : MARC21_ENTRY_MAP, start + 20);
  let p = start + 24;
  let offset = 0;
  for (let i = 0; i < fields.length; i++) {
    const tag = fields[i]!.tag;
    if (tag.length !== 3 || !isAsciiTag(tag)) {
      problems.push(error('tag-invalid', `tag '${tag}' is not three printable ASCII characters`, tag));
      sink.pos = start;
      return false;
    }
    u8[p] = tag.charCodeAt(0);
    u8[p + 1] = tag.charCodeAt(1);
    u8[p + 2] = tag.charCodeAt(2);
    putDigits(u8, p + 3, lengths[i]!, 4);
    putDigits(u8, p + 7, offset, 5);
    offset += lengths[i]!;
    p += 12;
  }
  u8[p] = FT;
  return true;
}

const MARC21_ENTRY_MAP = Uint8Array.from('4500', (c) => c.charCodeAt(0));
const UNIMARC_ENTRY_MAP = Uint8Array.from('450 ', (c) => c.charCodeAt(0));

const isAsciiTag = (tag: string): boolean => [0, 1, 2].every((i) => tag.charCodeAt(i) >= 0x20 && tag.charCodeAt(i) < 0x7f);

function putLeader(u8: Uint8Array, at: number, leader: string, problems: Problem[]): void {
  if (leader.length !== 24) problems.push(warning('leader-invalid', `the leader has ${leader.length} characters; written as 24`, 'leader'));
  for (let i = 0; i < 24; i++) {
    const c = i < leader.length ? leader.charCodeAt(i) : 0x20;
    if (c >= 0x20 && c < 0x7f) u8[at + i] = c;
    else {
      u8[at + i] = 0x20;
      problems.push(warning('leader-invalid', `leader/${String(i).padStart(2, '0')} is not printable ASCII; written as a blank`, 'leader'));
    }
  }
}

function putDigits(u8: Uint8Array, at: number, n: number, width: number): void {
  for (let i = width - 1; i >= 0; i--) {
    u8[at + i] = 0x30 + (n % 10);
    n = Math.floor(n / 10);
  }
}

function putIndicator(sink: ByteSink, ind: string, n: 1 | 2, problems: Problem[], tag: string): void {
  const c = ind.charCodeAt(0);
  if (ind.length === 1 && c >= 0x20 && c < 0x7f) return sink.byte(c);
  problems.push(warning('indicator-invalid', `indicator ${n} is '${ind}', not one printable ASCII character; written as a blank`, tag));
  sink.byte(0x20);
}

/** UTF-8, with the three ISO 2709 delimiters (which would break the record) written as blanks. */
function putValue(sink: ByteSink, s: string, problems: Problem[], tag: string, code?: string): void {
  sink.ensure(s.length * 3);
  const u8 = sink.u8;
  let p = sink.pos;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x80) u8[p++] = c;
    else if (c < 0x20) {
      if (c >= RT && c <= SD) {
        problems.push(warning('delimiter-in-data', `the text holds U+00${c.toString(16).toUpperCase()}, an ISO 2709 delimiter; written as a blank`, tag, code));
        u8[p++] = 0x20;
      } else u8[p++] = c;
    } else {
      p = putNonAscii(u8, p, s, i, c);
      if (isPairAt(s, i, c)) i++;
    }
  }
  sink.pos = p;
}

const scratch = new ByteSink();

/** One record as ISO 2709 bytes, or undefined when it cannot be written (see `problems`). */
export function toIso2709(record: MarcRecord, problems: Problem[] = [], options: Iso2709WriteOptions = {}): Buffer | undefined {
  scratch.reset();
  return putIso2709Record(scratch, record, problems, options) ? Buffer.from(scratch.u8.subarray(0, scratch.pos)) : undefined;
}

/**
 * Writes ISO 2709 records to a stream in large chunks. `write` returns false in `written` when a
 * record could not be written (its problems say why) and a promise only when the stream is full.
 */
export class Iso2709Writer {
  private readonly output: ChunkedOutput;

  constructor(
    out: Writable,
    private readonly options: Iso2709WriteOptions & { chunkSize?: number } = {},
  ) {
    this.output = new ChunkedOutput(out, options.chunkSize);
  }

  write(record: MarcRecord, problems: Problem[] = []): Promise<void> | undefined {
    putIso2709Record(this.output.sink, record, problems, this.options);
    return this.output.written();
  }

  async end(): Promise<void> {
    await this.output.end();
  }
}
