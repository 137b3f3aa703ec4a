import type { Flavour, MarcRecord } from './record.js';
import type { Problem } from './problems.js';

/** A record read and kept (perhaps with warnings). */
export interface RecordRead {
  ok: true;
  record: MarcRecord;
  /** The flavour the record was read as: declared, or detected when the reader was told `auto`. */
  flavour: Flavour;
  /**
   * The record as it came: its ISO 2709 bytes, or the UTF-8 text of its XML or JSON. For ISO 2709
   * this is a view on the reader's buffer (never reused or overwritten, but it keeps the chunk it
   * sits in alive): copy it with `Buffer.from(raw)` to keep it long.
   */
  raw: Buffer;
  /** 1-based index of the record in its input, counting rejected records too. */
  position: number;
  /** Where the record starts: a byte offset for ISO 2709 and JSON, a character offset for XML. */
  offset: number;
  warnings: Problem[];
}

/** A record that could not be taken as it is: rejected, with everything found wrong with it. */
export interface RecordRejected {
  ok: false;
  position: number;
  offset: number;
  /** The 001 (or the library's local-id field) when it could still be read. */
  localId?: string;
  raw: Buffer;
  /** Errors and warnings alike; at least one is an error. */
  problems: Problem[];
  flavour?: Flavour;
}

export type ReadResult = RecordRead | RecordRejected;

/** What every reader reads from: a Node Readable, or any (async) iterable of byte chunks. */
export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** Options all readers take. */
export interface ReadOptions {
  /** `auto` (the default) detects the flavour per record; see flavour.ts. */
  flavour?: Flavour | 'auto';
  /** Which control field holds the local id reported for rejected records (default `001`). */
  localIdTag?: string;
}
