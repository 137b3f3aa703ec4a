import type { Writable } from 'node:stream';
import { ByteSink, Markup } from '../byte-sink.js';
import { ChunkedOutput } from '../output.js';
import { warning, type Problem } from '../problems.js';
import { isDataField, type Flavour, type MarcRecord } from '../record.js';
import { putXmlAttr, putXmlText } from './escape.js';

/** The MARC 21 slim namespace (MARCXML, https://www.loc.gov/standards/marcxml/). */
export const MARCXML_NAMESPACE = 'http://www.loc.gov/MARC21/slim';

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="${MARCXML_NAMESPACE}">\n`;
const FOOTER = '</collection>\n';

export interface MarcXmlOptions {
  /** On the record element itself (a record standing alone). */
  namespace?: boolean;
  /** MARC 21 (the default) sets leader/09 to `a` (Unicode); UNIMARC leaves it. */
  flavour?: Flavour;
}

const ascii = (s: string): Markup => new Markup(s);
const RECORD_OPEN = ascii('<record>\n  <leader>');
const RECORD_OPEN_NS = ascii(`<record xmlns="${MARCXML_NAMESPACE}">\n  <leader>`);
const LEADER_CLOSE = ascii('</leader>\n');
const CONTROL_OPEN = ascii('  <controlfield tag="');
const TAG_END = ascii('">');
const CONTROL_CLOSE = ascii('</controlfield>\n');
const DATA_OPEN = ascii('  <datafield tag="');
const IND1 = ascii('" ind1="');
const IND2 = ascii('" ind2="');
const DATA_OPEN_END = ascii('">\n');
const SUBFIELD_OPEN = ascii('    <subfield code="');
const SUBFIELD_CLOSE = ascii('</subfield>\n');
const DATA_CLOSE = ascii('  </datafield>\n');
const RECORD_CLOSE = ascii('</record>\n');
/** Printable ASCII that needs no escaping in an attribute: written as the byte itself. */
const plain = (c: number): boolean => c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x26 && c !== 0x3c && c !== 0x3e;
/** `    <subfield code="x">` made once for each such code, and the same after a `</subfield>`. */
const SUBFIELD_OPEN_FOR: (Markup | undefined)[] = Array.from({ length: 128 }, (_, c) => (plain(c) ? ascii(`    <subfield code="${String.fromCharCode(c)}">`) : undefined));
const NEXT_SUBFIELD_FOR: (Markup | undefined)[] = Array.from({ length: 128 }, (_, c) => (plain(c) ? ascii(`</subfield>\n    <subfield code="${String.fromCharCode(c)}">`) : undefined));
const LAST_SUBFIELD_CLOSE = ascii('</subfield>\n  </datafield>\n');

/**
 * Writes one `<record>` element into `sink`. Control fields come before data fields, as the MARC
 * 21 slim schema's sequence requires; otherwise the record's order is kept. What XML cannot hold
 * is replaced and reported in `problems` as warnings (the record is still written).
 */
export function putMarcXmlRecord(sink: ByteSink, record: MarcRecord, problems: Problem[], options: MarcXmlOptions = {}): void {
  let leader = record.leader;
  if (leader.length !== 24) {
    problems.push(warning('leader-invalid', `the leader has ${leader.length} characters; written as 24`, 'leader'));
    leader = leader.padEnd(24).slice(0, 24);
  }
  // The structural positions say what this record is now: Unicode (leader/09 `a` in MARC 21, as
  // YAZ writes when it converts MARC-8), 2 indicators, 1-character codes, 4500 (450_ in UNIMARC).
  const unimarc = options.flavour === 'unimarc';
  // Record length and base address are ISO 2709's: kept when they are numbers, else zeros.
  const fixed = fiveDigits(leader, 0) + leader.slice(5, 9) + (unimarc ? leader[9] : 'a') + '22' + fiveDigits(leader, 12) + leader.slice(17, 20) + (unimarc ? '450 ' : '4500');
  if (fixed !== leader) leader = fixed;
  const namespace = options.namespace === true;
  sink.markup(namespace ? RECORD_OPEN_NS : RECORD_OPEN);
  putXmlText(sink, leader, problems, 'leader');
  sink.markup(LEADER_CLOSE);
  const fields = record.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (isDataField(f)) continue;
    sink.markup(CONTROL_OPEN);
    putXmlAttr(sink, f.tag, problems, f.tag);
    sink.markup(TAG_END);
    putXmlText(sink, f.value, problems, f.tag);
    sink.markup(CONTROL_CLOSE);
  }
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (!isDataField(f)) continue;
    const tag = f.tag;
    sink.markup(DATA_OPEN);
    putXmlAttr(sink, tag, problems, tag);
    sink.markup(IND1);
    putIndicator(sink, f.ind1, tag, 1, problems);
    sink.markup(IND2);
    putIndicator(sink, f.ind2, tag, 2, problems);
    sink.markup(DATA_OPEN_END);
    const subfields = f.subfields;
    for (let j = 0; j < subfields.length; j++) {
      const s = subfields[j]!;
      const c = s.code.length === 1 ? s.code.charCodeAt(0) : 0;
      const open = c < 128 ? (j === 0 ? SUBFIELD_OPEN_FOR : NEXT_SUBFIELD_FOR)[c] : undefined;
      if (open !== undefined) sink.markup(open);
      else {
        if (j > 0) sink.markup(SUBFIELD_CLOSE);
        sink.markup(SUBFIELD_OPEN);
        putXmlAttr(sink, s.code, problems, tag, s.code);
        sink.markup(TAG_END);
      }
      putXmlText(sink, s.value, problems, tag, s.code);
    }
    sink.markup(subfields.length > 0 ? LAST_SUBFIELD_CLOSE : DATA_CLOSE);
  }
  sink.markup(RECORD_CLOSE);
}

function fiveDigits(s: string, at: number): string {
  for (let i = at; i < at + 5; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return '00000';
  }
  return s.slice(at, at + 5);
}

function putIndicator(sink: ByteSink, ind: string, tag: string, n: 1 | 2, problems: Problem[]): void {
  if (ind.length === 1 && plain(ind.charCodeAt(0))) return sink.byte(ind.charCodeAt(0));
  if (ind.length === 1) return putXmlAttr(sink, ind, problems, tag);
  problems.push(warning('indicator-invalid', `indicator ${n} is '${ind}', not one character; written as a blank`, tag));
  sink.byte(0x20);
}

const scratch = new ByteSink();

function asString(fill: (sink: ByteSink) => void): string {
  scratch.reset();
  fill(scratch);
  return scratch.text();
}

/** One `<record>` element as a string, to place inside a collection (or with `namespace`, alone). */
export const marcXmlRecord = (record: MarcRecord, problems: Problem[] = [], options: MarcXmlOptions = {}): string =>
  asString((sink) => putMarcXmlRecord(sink, record, problems, options));

/** A whole MARCXML document holding one record. */
export const toMarcXml = (record: MarcRecord, problems: Problem[] = [], options: { flavour?: Flavour } = {}): string =>
  asString((sink) => {
    sink.ascii('<?xml version="1.0" encoding="UTF-8"?>\n');
    putMarcXmlRecord(sink, record, problems, { ...options, namespace: true });
  });

/** A MARCXML collection of the records as one string (for small sets: an API response). */
export const toMarcXmlCollection = (records: Iterable<MarcRecord>, problems: Problem[] = [], options: { flavour?: Flavour } = {}): string =>
  asString((sink) => {
    sink.ascii(HEADER);
    for (const r of records) putMarcXmlRecord(sink, r, problems, options);
    sink.ascii(FOOTER);
  });

/**
 * Writes a MARCXML collection to a stream, record by record, in large chunks:
 * `const w = new MarcXmlWriter(out); for (...) await w.write(record); await w.end();`
 * (`write` returns a promise only when the stream is full, so `await` costs nothing otherwise).
 */
export class MarcXmlWriter {
  private readonly output: ChunkedOutput;
  private started = false;

  constructor(
    out: Writable,
    private readonly options: { chunkSize?: number; flavour?: Flavour } = {},
  ) {
    this.output = new ChunkedOutput(out, options.chunkSize);
  }

  /** Adds a record; what XML could not hold is reported in `problems`. */
  write(record: MarcRecord, problems: Problem[] = []): Promise<void> | undefined {
    this.start();
    putMarcXmlRecord(this.output.sink, record, problems, this.options);
    return this.output.written();
  }

  /** Closes the collection and the stream. */
  async end(): Promise<void> {
    this.start();
    this.output.sink.ascii(FOOTER);
    await this.output.end();
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.output.sink.ascii(HEADER);
  }
}
