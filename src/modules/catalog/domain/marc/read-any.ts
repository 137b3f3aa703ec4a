import { readIso2709, type Iso2709ReadOptions } from './iso2709/reader.js';
import { readMarcJson } from './marcjson/reader.js';
import { readMarcXml } from './marcxml/reader.js';
import { error } from './problems.js';
import type { ByteSource, ReadResult } from './read-result.js';
import { sniffFormat, type MarcFormat } from './sniff.js';

export interface ReadMarcOptions extends Iso2709ReadOptions {
  /** Declared, or `auto` (the default): told from the first bytes. */
  format?: MarcFormat | 'auto';
  /** Called once the format is known (declared or sniffed). */
  onFormat?: (format: MarcFormat) => void;
}

/**
 * Reads MARC records in whichever format the input is (ISO 2709, MARCXML, MARC-in-JSON), as
 * `anylib catalog import --format auto` does. An input in none of them gives one rejected result.
 */
export async function* readMarc(input: ByteSource, options: ReadMarcOptions = {}): AsyncGenerator<ReadResult> {
  const it = toAsyncIterator(input);
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < 64) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    head.push(chunk);
    size += chunk.length;
  }
  const first = Buffer.concat(head);
  const format = options.format === undefined || options.format === 'auto' ? sniffFormat(first) : options.format;
  if (format === undefined) {
    await it.return?.();
    if (first.length > 0) yield { ok: false, position: 1, offset: 0, raw: first.subarray(0, 1024), problems: [error('not-a-record', 'the input is not ISO 2709, MARCXML or MARC-in-JSON')] };
    return;
  }
  options.onFormat?.(format);
  const rest: AsyncIterable<Uint8Array | string> = {
    async *[Symbol.asyncIterator]() {
      try {
        if (first.length > 0) yield first;
        if (done) return;
        for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
      } finally {
        if (!done) await it.return?.(); // the reader stopped early: let the source close (a file, a socket)
      }
    },
  };
  if (format === 'iso2709') yield* readIso2709(rest, options);
  else if (format === 'marcxml') yield* readMarcXml(rest, options);
  else yield* readMarcJson(rest, options);
}

function toAsyncIterator(input: ByteSource): AsyncIterator<Uint8Array | string> | Iterator<Uint8Array | string> {
  return Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : input[Symbol.iterator]();
}
