import { error, warning, type Problem } from '../problems.js';
import { digits, FT, preview, RT, tagAt } from './bytes.js';
import type { LeaderLayout } from './leader.js';

/** Where each field's data lies in the buffer: [from, to), field terminator excluded. */
export interface FieldSpans {
  tags: string[];
  from: number[];
  to: number[];
}

/**
 * Reads the directory of the record in buf[start, end) and finds each field's data. The
 * directory's lengths and starting positions are trusted when they land on a field terminator;
 * otherwise the field is taken from its start to the next terminator, and when the directory
 * cannot be read at all but the data holds as many fields as it has entries, the fields are
 * taken in order. Each such repair is a warning; a field that cannot be found is an error.
 * Returns undefined (with an error) when there is no directory to read.
 */
export function locateFields(buf: Buffer, start: number, end: number, layout: LeaderLayout, problems: Problem[]): FieldSpans | undefined {
  const dataEnd = buf[end - 1] === RT ? end - 1 : end;
  const dirStart = start + 24;
  const entrySize = 3 + layout.lengthOfLength + layout.lengthOfStart + layout.lengthOfImplementation;

  // The directory ends with a field terminator, which the base address points just past.
  let dirEnd: number;
  const base = layout.baseAddress;
  if (base > 24 && start + base <= dataEnd && buf[start + base - 1] === FT && buf.indexOf(FT, dirStart) === start + base - 1) {
    dirEnd = start + base - 1;
  } else {
    dirEnd = buf.indexOf(FT, dirStart);
    if (dirEnd === -1 || dirEnd >= dataEnd) {
      problems.push(error('directory-terminator-missing', 'no field terminator (0x1E) after the directory', 'directory'));
      return undefined;
    }
    problems.push(warning('base-address', `leader/12–16 (base address) is ${base < 0 ? 'not a number' : base}, the directory ends at ${dirEnd + 1 - start}`, 'leader'));
  }
  const dataStart = dirEnd + 1;
  const count = Math.floor((dirEnd - dirStart) / entrySize);
  const extra = (dirEnd - dirStart) % entrySize;
  if (extra !== 0) {
    problems.push(warning('directory-length', `the directory has ${extra} byte(s) after its last whole entry: '${preview(buf, dirEnd - extra, dirEnd)}'`, 'directory'));
  }

  const spans: FieldSpans = { tags: new Array<string>(count), from: new Array<number>(count), to: new Array<number>(count) };
  let unresolved = 0;
  for (let i = 0; i < count; i++) {
    const p = dirStart + i * entrySize;
    const tag = tagAt(buf, p);
    const length = digits(buf, p + 3, layout.lengthOfLength);
    const offset = digits(buf, p + 3 + layout.lengthOfLength, layout.lengthOfStart);
    spans.tags[i] = tag;
    const s = dataStart + offset;
    const e = s + length;
    if (offset >= 0 && length > 0 && e <= dataEnd && buf[e - 1] === FT) {
      spans.from[i] = s;
      spans.to[i] = e - 1;
    } else if (offset >= 0 && s < dataEnd && (s === dataStart || buf[s - 1] === FT)) {
      // The field starts where the directory says; its length is wrong or its terminator missing.
      let t = buf.indexOf(FT, s);
      if (t === -1 || t > dataEnd) t = dataEnd;
      spans.from[i] = s;
      spans.to[i] = t;
      if (t === dataEnd) problems.push(warning('field-terminator-missing', 'the field has no terminator (0x1E) before the end of the record', tag));
      else problems.push(warning('field-location', `the directory gives a length of ${length < 0 ? 'no number' : length}, the field is ${t + 1 - s} bytes`, tag));
    } else {
      spans.from[i] = -1;
      spans.to[i] = -1;
      unresolved++;
    }
  }
  if (unresolved > 0) takeInOrder(buf, dataStart, dataEnd, spans, unresolved, problems, (i) => preview(buf, dirStart + i * entrySize, dirStart + (i + 1) * entrySize));
  return spans;
}

/**
 * When some entries cannot be followed, but the data area splits into exactly as many fields as
 * the directory has entries, the fields are those pieces in directory order.
 */
function takeInOrder(buf: Buffer, dataStart: number, dataEnd: number, spans: FieldSpans, unresolved: number, problems: Problem[], entryText: (i: number) => string): void {
  const pieces: number[] = [];
  let s = dataStart;
  while (s < dataEnd) {
    let t = buf.indexOf(FT, s);
    if (t === -1 || t > dataEnd) t = dataEnd;
    pieces.push(s, t);
    s = t + 1;
  }
  const count = spans.tags.length;
  if (pieces.length / 2 === count) {
    for (let i = 0; i < count; i++) {
      if (spans.from[i] !== -1) continue;
      problems.push(warning('directory-entry', `directory entry '${entryText(i)}' does not point at the field; the field was taken by its place in the record`, spans.tags[i]));
      spans.from[i] = pieces[2 * i]!;
      spans.to[i] = pieces[2 * i + 1]!;
    }
    return;
  }
  for (let i = 0; i < count && unresolved > 0; i++) {
    if (spans.from[i] !== -1) continue;
    problems.push(error('field-location', `directory entry '${entryText(i)}' does not point at a field in the record's data`, spans.tags[i]));
    unresolved--;
  }
}
