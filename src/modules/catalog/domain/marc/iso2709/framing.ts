import { error, warning, type Problem } from '../problems.js';
import { digits, FT, RT } from './bytes.js';

/** ISO 2709 records are at most 99,999 bytes (five digits of record length). */
const MAX_RECORD = 99_999;
/** How far to look for a record terminator before giving up on one. */
const MAX_SCAN = MAX_RECORD + 6;
/** Garbage kept to show in a report. */
const GARBAGE_SHOWN = 1024;

/** One record's bytes as found in the stream, with what framing it found wrong. */
export interface Frame {
  /** Byte offset of the record in the whole input. */
  offset: number;
  buf: Buffer;
  start: number;
  end: number;
  problems: Problem[];
  /** Bytes that are not a record at all (trailing garbage): report, do not parse. */
  notARecord?: boolean;
}

/**
 * Cuts a byte stream into ISO 2709 records, holding only a rolling buffer (never the whole
 * input). A record normally runs for the length in its leader and ends in 0x1D. When it does
 * not, the framer does what real files need: a wrong length is corrected from the next record
 * terminator; a missing terminator is recognised when the next record begins where the length
 * says; bytes between records are skipped (blanks and line ends silently, anything else with a
 * warning on the next record); the last record may be cut short. It never waits for more than
 * 100 kB past a record's start, so arbitrary input cannot make it hold memory or loop.
 */
export class RecordFramer {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** Offset in the input of buf[0]. */
  private base = 0;
  private eof = false;
  private garbage = 0;
  private garbageOffset = 0;
  private garbageShown = Buffer.alloc(GARBAGE_SHOWN);

  /** Adds the next chunk of input. */
  push(chunk: Uint8Array): void {
    const c = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.pos >= this.buf.length) {
      this.base += this.buf.length;
      this.buf = c;
    } else {
      this.base += this.pos;
      this.buf = Buffer.concat([this.buf.subarray(this.pos), c]);
    }
    this.pos = 0;
  }

  /** Says there is no more input. */
  end(): void {
    this.eof = true;
  }

  /** The next record, or undefined when more input is needed (or, after end(), none is left). */
  next(): Frame | undefined {
    const buf = this.buf;
    const len = buf.length;
    const pos = this.skipGarbage();
    if (pos < 0) return this.eof ? this.trailingGarbage() : undefined;

    const declared = digits(buf, pos, 5);
    const t = buf.indexOf(RT, pos);
    // The usual case: the terminator is where the length says.
    if (t === pos + declared - 1) return this.frame(pos, t + 1, []);

    const expected = pos + declared;
    if (declared >= 24 && t !== -1 && t < expected - 1) {
      // A terminator before the declared end: a stray 0x1D inside a record whose length is right,
      // or a length that is too long. The byte at the declared end decides.
      if (expected > len && !this.eof && declared < MAX_SCAN) return this.wait(pos);
      if (buf[expected - 1] === RT) return this.frame(pos, expected, []);
    }
    if (declared >= 24 && (t === -1 || t > expected - 1)) {
      // The terminator, if any, lies past the declared end: is it missing, with the next record
      // starting right at the declared end?
      if (expected + 5 > len && !this.eof) return this.wait(pos);
      if (buf[expected - 1] === FT && (expected === len || digits(buf, expected, 5) >= 0)) {
        return this.frame(pos, expected, [warning('record-terminator-missing', 'the record has no terminator (0x1D); the next record starts where its length says')]);
      }
    }
    if (t !== -1 && t - pos < MAX_SCAN) {
      return this.frame(pos, t + 1, [warning('record-length', `leader/00–04 says ${declared} bytes; the record terminator comes after ${t + 1 - pos}`)]);
    }
    if (!this.eof && len - pos < MAX_SCAN) return this.wait(pos);
    if (this.eof && len - pos <= MAX_SCAN) {
      const p = declared > len - pos
        ? error('truncated-record', `the input ends ${len - pos} bytes into a record of ${declared}`)
        : warning('record-terminator-missing', 'the last record has no terminator (0x1D)');
      return this.frame(pos, len, [p]);
    }
    // No terminator within any record's reach: take what the leader says, or give up on 100 kB.
    if (declared >= 24) return this.frame(pos, pos + declared, [warning('record-terminator-missing', 'the record has no terminator (0x1D)')]);
    return this.frame(pos, Math.min(len, pos + MAX_SCAN), [error('record-length', 'no usable record length and no record terminator within 100,000 bytes')]);
  }

  private wait(pos: number): undefined {
    this.pos = pos;
    return undefined;
  }

  private frame(start: number, end: number, problems: Problem[]): Frame {
    if (this.garbage > 0) {
      problems.unshift(warning('garbage-skipped', `${this.garbage} byte(s) that are not a record were skipped before it, from offset ${this.garbageOffset}`));
      this.garbage = 0;
    }
    this.pos = end;
    return { offset: this.base + start, buf: this.buf, start, end, problems };
  }

  /**
   * Moves past blanks, line ends and garbage to the next five digits (a record length). Returns
   * their position, or -1 when the buffer holds no record start yet.
   */
  private skipGarbage(): number {
    const buf = this.buf;
    const len = buf.length;
    let pos = this.pos;
    while (pos < len) {
      const b = buf[pos]!;
      if (b >= 0x30 && b <= 0x39) {
        if (len - pos < 5 && !this.eof) break;
        if (digits(buf, pos, 5) >= 0) {
          this.pos = pos;
          return pos;
        }
      }
      // Once garbage has begun, blanks belong to it too (they are shown as they were).
      if (this.garbage > 0 || !(b === 0x0a || b === 0x0d || b === 0x20 || b === 0x09 || b === 0x00 || b === 0x1a)) {
        if (this.garbage === 0) this.garbageOffset = this.base + pos;
        if (this.garbage < GARBAGE_SHOWN) this.garbageShown[this.garbage] = b;
        this.garbage++;
      }
      pos++;
    }
    this.pos = pos;
    return -1;
  }

  /** At the end of input, garbage that no record followed is reported on its own. */
  private trailingGarbage(): Frame | undefined {
    if (this.garbage === 0) return undefined;
    const shown = Buffer.from(this.garbageShown.subarray(0, Math.min(this.garbage, GARBAGE_SHOWN)));
    const f: Frame = {
      offset: this.garbageOffset,
      buf: shown,
      start: 0,
      end: shown.length,
      problems: [error('not-a-record', `${this.garbage} byte(s) at the end of the input are not a record`)],
      notARecord: true,
    };
    this.garbage = 0;
    return f;
  }
}
