import { SaxesParser } from 'saxes';
import { FlavourChooser, evidenceOf } from '../flavour.js';
import { error, hasError, warning, type Problem } from '../problems.js';
import type { ByteSource, ReadOptions, ReadResult } from '../read-result.js';
import { isControlField, type MarcRecord } from '../record.js';
import { TextInput, type TextPiece } from '../text-input.js';
import { kindOf, RecordBuilder, type ElementKind } from './record-builder.js';

/**
 * Reads MARCXML: a `<collection>` of records, a single `<record>`, records wrapped in something
 * else (OAI-PMH `<metadata>`), with or without the MARC 21 slim namespace or a prefix, and the
 * UNIMARC slim variant. Streams: memory holds one chunk and one record. Each record is reported
 * like the ISO 2709 reader's; `offset` counts characters, not bytes.
 */
export async function* readMarcXml(input: ByteSource, options: ReadOptions = {}): AsyncGenerator<ReadResult> {
  const reader = new MarcXmlReader(options);
  const text = new TextInput();
  for await (const chunk of input) {
    yield* reader.write(typeof chunk === 'string' ? { text: chunk, invalidUtf8: false } : text.push(chunk));
  }
  yield* reader.write(text.end());
  if (text.unknownEncoding !== undefined) reader.note(warning('xml-malformed', `encoding '${text.unknownEncoding}' is unknown; read as UTF-8`));
  yield* reader.end();
}

/** The same over a document already in memory. */
export function* readMarcXmlSync(input: string | Uint8Array, options: ReadOptions = {}): Generator<ReadResult> {
  const reader = new MarcXmlReader(options);
  if (typeof input === 'string') yield* reader.write({ text: input, invalidUtf8: false });
  else {
    const text = new TextInput();
    yield* reader.write(text.push(input));
    yield* reader.write(text.end());
  }
  yield* reader.end();
}

/** No MARC record comes near this (ISO 2709 stops at 99,999 bytes); past it a record is not kept. */
const MAX_RECORD_TEXT = 16 << 20;

/** SAX events in, results out, one piece of text at a time. */
class MarcXmlReader {
  private readonly parser = new SaxesParser({ position: true });
  private readonly flavours: FlavourChooser;
  private readonly localIdTag: string;
  private results: ReadResult[] = [];
  private record: RecordBuilder | undefined;
  /** Kinds of the elements open inside the current record. */
  private stack: ElementKind[] = [];
  private position = 0;
  /** The text since `textBase` (kept from the current record's start, for its raw form). */
  private text = '';
  private textBase = 0;
  private invalidUtf8 = false;
  /** Problems met outside any record, told with the next one (or on their own at the end). */
  private pending: Problem[] = [];

  constructor(options: ReadOptions) {
    this.flavours = new FlavourChooser(options.flavour ?? 'auto');
    this.localIdTag = options.localIdTag ?? '001';
    const p = this.parser;
    p.on('opentag', (tag) => {
      const kind = kindOf(tag.name);
      const attributes = tag.attributes as Record<string, string>;
      if (this.record === undefined) {
        if (kind === 'record') this.startRecord(attributes.type);
        return;
      }
      if (kind === 'record' && this.record.isEmpty()) {
        // The outer element was a wrapper of the same name (OAI-PMH <record>): the MARC record is this one.
        this.startRecord(attributes.type);
        return;
      }
      this.stack.push(kind);
      if (this.record.tooLong) return;
      if (kind === 'record') this.record.problem(error('xml-structure', 'a record inside a record'));
      else this.record.open(kind, tag.name, attributes);
    });
    p.on('text', (t) => this.record?.tooLong === false && this.record.characters(t));
    p.on('cdata', (t) => this.record?.tooLong === false && this.record.characters(t));
    p.on('closetag', () => {
      const r = this.record;
      if (r === undefined) return;
      const kind = this.stack.pop();
      if (kind === undefined) this.finishRecord(r);
      else if (!r.tooLong) r.close(kind);
    });
    p.on('error', (e) => this.note(error('xml-malformed', e.message)));
  }

  /** A problem of the current record, or of the input when no record is open. */
  note(p: Problem): void {
    if (this.record !== undefined) this.record.problem(p);
    else if (this.pending.length < 100) this.pending.push(p);
  }

  write(piece: TextPiece): ReadResult[] {
    this.invalidUtf8 = piece.invalidUtf8;
    this.text += piece.text;
    this.parser.write(piece.text);
    const r = this.record;
    if (r !== undefined && !r.tooLong && this.textBase + this.text.length - r.start > MAX_RECORD_TEXT) {
      r.tooLong = true; // reported, read to its end, not kept: memory stays bounded
      r.problem(error('record-too-long', 'the record is more than 16 MB of XML'));
    }
    // Outside a record, keep from the last '<': a record's start tag may be cut by the chunk.
    const keepFrom = r === undefined || r.tooLong ? this.textBase + Math.max(this.text.lastIndexOf('<'), 0) : r.start;
    this.text = this.text.slice(keepFrom - this.textBase);
    this.textBase = keepFrom;
    return this.take();
  }

  end(): ReadResult[] {
    this.parser.close();
    const r = this.record;
    if (r !== undefined) {
      r.problem(error('truncated-record', 'the input ends inside this record'));
      this.finishRecord(r);
    }
    if (this.pending.some((p) => p.severity === 'error')) {
      this.results.push({ ok: false, position: ++this.position, offset: this.textBase, raw: Buffer.from(this.text.slice(0, 1024)), problems: this.pending });
      this.pending = [];
    }
    return this.take();
  }

  private take(): ReadResult[] {
    const out = this.results;
    this.results = [];
    return out;
  }

  private startRecord(type: string | undefined): void {
    const here = this.parser.position - this.textBase;
    const lt = this.text.lastIndexOf('<', here - 1);
    this.record = new RecordBuilder(this.textBase + Math.max(lt, 0), () => this.invalidUtf8, type);
    this.stack = [];
    for (const p of this.pending) this.record.problem(p);
    this.pending = [];
  }

  private finishRecord(r: RecordBuilder): void {
    this.record = undefined;
    const position = ++this.position;
    const raw = Buffer.from(r.tooLong ? '' : this.text.slice(r.start - this.textBase, this.parser.position - this.textBase));
    const problems = r.problems;
    if (r.leader === undefined && !r.tooLong) problems.push(error('leader-invalid', 'the record has no leader', 'leader'));
    if (r.fields.length === 0 && !r.tooLong) problems.push(error('no-fields', 'the record has no fields'));
    const record: MarcRecord = { leader: r.leader ?? ' '.repeat(24), fields: r.fields };
    const { flavour, guessed } = this.flavours.choose(() => evidenceOf(record));
    if (guessed) problems.push(warning('flavour-undetermined', `the record shows neither MARC 21 nor UNIMARC fields; read as ${flavour}`));
    if (!hasError(problems)) {
      this.results.push({ ok: true, record, flavour, raw, position, offset: r.start, warnings: problems });
      return;
    }
    const id = r.fields.find((f) => f.tag === this.localIdTag && isControlField(f));
    const rejected: ReadResult = { ok: false, position, offset: r.start, raw, problems, flavour };
    if (id !== undefined && isControlField(id) && id.value.trim() !== '') rejected.localId = id.value.trim();
    this.results.push(rejected);
  }
}
