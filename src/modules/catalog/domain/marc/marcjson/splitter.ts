/** The largest JSON record kept; larger ones are reported without being held in memory. */
const MAX_OBJECT = 16 << 20;
/** Bytes of junk kept to show in a report. */
const JUNK_SHOWN = 1024;

/** One top-level JSON object's bytes, or bytes that were not one. */
export interface JsonPiece {
  offset: number;
  bytes: Buffer;
  /** Why these bytes are not a record, when they are not. */
  fault?: 'junk' | 'truncated' | 'too-large';
}

/**
 * Cuts a byte stream of MARC-in-JSON into one piece per record without parsing it: a single
 * object, an array of objects, or objects one after another (JSON lines). It tracks only
 * strings and nesting depth, so memory holds one record; junk between records is set aside.
 */
export class JsonObjectSplitter {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private base = 0;
  /** Depth of the record level: 1 inside a top-level array, else 0. */
  private level = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Start of the object being read (index in buf), or -1. */
  private start = -1;
  private startOffset = 0;
  private tooLarge = false;
  private junk: number[] = [];
  private junkOffset = 0;
  private out: JsonPiece[] = [];

  push(chunk: Uint8Array): JsonPiece[] {
    const keep = this.start >= 0 && !this.tooLarge ? this.start : this.pos;
    this.base += keep;
    this.buf = Buffer.concat([this.buf.subarray(keep), Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)]);
    this.pos -= keep;
    if (this.start >= 0 && !this.tooLarge) this.start -= keep;
    this.scan();
    return this.take();
  }

  end(): JsonPiece[] {
    this.flushJunk();
    if (this.start >= 0 || this.tooLarge) {
      const bytes = this.tooLarge ? Buffer.alloc(0) : this.buf.subarray(this.start);
      this.out.push({ offset: this.startOffset, bytes, fault: 'truncated' });
      this.start = -1;
      this.tooLarge = false;
    }
    return this.take();
  }

  private take(): JsonPiece[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private scan(): void {
    const b = this.buf;
    for (let i = this.pos; i < b.length; i++) {
      const c = b[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) this.inString = false;
        continue;
      }
      if (this.depth > this.level) {
        if (c === 0x22) this.inString = true;
        else if (c === 0x7b || c === 0x5b) this.depth++;
        else if (c === 0x7d || c === 0x5d) {
          this.depth--;
          if (this.depth === this.level) this.finishObject(i + 1);
        }
        if (this.start >= 0 && !this.tooLarge && i + 1 - this.start > MAX_OBJECT) {
          this.tooLarge = true;
          this.start = -1;
        }
        continue;
      }
      // Between records.
      if (c === 0x7b) {
        this.flushJunk();
        this.depth++;
        this.start = i;
        this.startOffset = this.base + i;
      } else if (c === 0x5b && this.level === 0 && this.depth === 0) {
        this.flushJunk();
        this.level = this.depth = 1;
      } else if (c === 0x5d && this.level === 1 && this.depth === 1) {
        this.level = this.depth = 0;
      } else if (!(c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || (c === 0x2c && this.level === 1) || (c === 0xef || c === 0xbb || c === 0xbf))) {
        if (this.junk.length === 0) this.junkOffset = this.base + i;
        if (this.junk.length < JUNK_SHOWN) this.junk.push(c);
        else this.junk[JUNK_SHOWN - 1] = c; // keep counting without growing
      }
    }
    this.pos = b.length;
  }

  private finishObject(end: number): void {
    if (this.tooLarge) this.out.push({ offset: this.startOffset, bytes: Buffer.alloc(0), fault: 'too-large' });
    else this.out.push({ offset: this.startOffset, bytes: this.buf.subarray(this.start, end) });
    this.start = -1;
    this.tooLarge = false;
  }

  private flushJunk(): void {
    if (this.junk.length === 0) return;
    this.out.push({ offset: this.junkOffset, bytes: Buffer.from(this.junk), fault: 'junk' });
    this.junk = [];
  }
}
