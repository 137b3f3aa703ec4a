import type { DecodeContext, FieldDecoder } from '../decode.js';
import type { FlavourChooser, FlavourEvidence } from '../flavour.js';
import { error, hasError, warning, type Problem } from '../problems.js';
import type { Flavour, MarcRecord } from '../record.js';
import { latin1Slice, SD } from './bytes.js';
import { locateFields, type FieldSpans } from './directory.js';
import { readFields } from './fields.js';
import { readLeader } from './leader.js';

export interface ParseSettings {
  decode: FieldDecoder;
  flavours: FlavourChooser;
  localIdTag: string;
}

export type Parsed =
  | { ok: true; record: MarcRecord; flavour: Flavour; warnings: Problem[] }
  | { ok: false; problems: Problem[]; localId?: string; flavour?: Flavour };

/**
 * Parses the ISO 2709 record in buf[start, end) (its record terminator included when it has
 * one). `problems` already holds what framing found (they travel with the record).
 */
export function parseRecord(buf: Buffer, start: number, end: number, settings: ParseSettings, problems: Problem[]): Parsed {
  if (end - start < 25) {
    problems.push(error('record-too-short', `${end - start} bytes cannot hold a leader and a directory`));
    return { ok: false, problems };
  }
  const layout = readLeader(buf, start, problems);
  const spans = locateFields(buf, start, end, layout, problems);
  if (spans === undefined) return { ok: false, problems };

  const { flavour, guessed } = settings.flavours.choose(() => evidence(buf, layout.text, spans));
  if (guessed) problems.push(warning('flavour-undetermined', `the record shows neither MARC 21 nor UNIMARC fields; read as ${flavour}`));
  const context: DecodeContext = { leader: layout.text, flavour, tag: '' };
  if (flavour === 'unimarc') context.unimarc100a = subfieldA(buf, spans, '100');

  const fields = readFields({ buf, indicatorCount: layout.indicatorCount, decode: settings.decode, context, problems }, spans);
  if (fields.length === 0) problems.push(error('no-fields', 'the record has no fields'));
  if (hasError(problems)) {
    const localId = controlValue(buf, spans, settings.localIdTag);
    return localId === undefined ? { ok: false, problems, flavour } : { ok: false, problems, localId, flavour };
  }
  return { ok: true, record: { leader: layout.text, fields }, flavour, warnings: problems };
}

function evidence(buf: Buffer, leader: string, spans: FieldSpans): FlavourEvidence {
  const e: FlavourEvidence = { leader, has245: false, has200: false, has040: false, has801: false };
  const tags = spans.tags;
  for (let i = 0; i < tags.length; i++) {
    switch (tags[i]) {
      case '245':
        e.has245 = true;
        break;
      case '200':
        e.has200 = true;
        break;
      case '040':
        e.has040 = true;
        break;
      case '801':
        e.has801 = true;
        break;
      case '008':
        if (spans.from[i]! >= 0) e.length008 = spans.to[i]! - spans.from[i]!;
        break;
    }
  }
  const a = subfieldA(buf, spans, '100');
  if (a !== undefined) e.start100a = a;
  return e;
}

/** The bytes of the first $a of the first field `tag`, as Latin-1 (enough for coded data). */
function subfieldA(buf: Buffer, spans: FieldSpans, tag: string): string | undefined {
  const i = spans.tags.indexOf(tag);
  if (i < 0 || spans.from[i]! < 0) return undefined;
  const to = spans.to[i]!;
  for (let p = spans.from[i]!; p < to - 1; p++) {
    if (buf[p] === SD && buf[p + 1] === 0x61) {
      let q = buf.indexOf(SD, p + 2);
      if (q === -1 || q > to) q = to;
      return latin1Slice(buf, p + 2, q);
    }
  }
  return undefined;
}

/** A control field's bytes as Latin-1, trimmed: enough to name a rejected record. */
function controlValue(buf: Buffer, spans: FieldSpans, tag: string): string | undefined {
  const i = spans.tags.indexOf(tag);
  if (i < 0 || spans.from[i]! < 0) return undefined;
  const v = latin1Slice(buf, spans.from[i]!, spans.to[i]!).trim();
  return v === '' || v.includes('\x1f') ? undefined : v;
}
