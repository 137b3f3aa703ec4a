/**
 * A growing byte buffer that the writers encode into directly. Encoding UTF-8 here, in one loop
 * with the escaping, costs less than building strings and letting Node encode them (issue 3's
 * throughput target is C's yaz-marcdump): no intermediate strings, no native call per value.
 */
/**
 * A fixed piece of ASCII (markup), kept as little-endian 32-bit words: copying 36 bytes as nine
 * DataView writes takes half the time of `Uint8Array.set`, and a quarter of a byte loop.
 */
export class Markup {
  readonly length: number;
  readonly words: Uint32Array;

  constructor(readonly text: string) {
    this.length = text.length;
    this.words = new Uint32Array(Math.ceil(text.length / 4));
    for (let i = 0; i < text.length; i++) this.words[i >> 2]! |= text.charCodeAt(i) << (8 * (i & 3));
  }
}

export class ByteSink {
  /** The bytes; a plain Uint8Array, which V8 indexes faster than a Buffer. */
  u8: Uint8Array;
  private dv: DataView;
  pos = 0;

  constructor(private readonly initialSize = 1 << 16) {
    this.u8 = uninitialised(initialSize);
    this.dv = new DataView(this.u8.buffer, this.u8.byteOffset, this.u8.length);
  }

  /** Writes fixed markup (the words may run up to 3 bytes past it; those are overwritten next). */
  markup(m: Markup): void {
    this.ensure(m.length + 4);
    const dv = this.dv;
    const words = m.words;
    const p = this.pos;
    for (let i = 0; i < words.length; i++) dv.setUint32(p + 4 * i, words[i]!, true);
    this.pos = p + m.length;
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.u8.length) return;
    let size = this.u8.length * 2;
    while (size < this.pos + n) size *= 2;
    const bigger = uninitialised(size);
    bigger.set(this.u8.subarray(0, this.pos));
    this.u8 = bigger;
    this.dv = new DataView(bigger.buffer, bigger.byteOffset, size);
  }

  /** The bytes written so far; the sink starts afresh on a new buffer (the old one is the caller's). */
  take(): Buffer {
    const out = Buffer.from(this.u8.buffer, this.u8.byteOffset, this.pos);
    this.u8 = uninitialised(Math.max(this.initialSize, this.u8.length));
    this.dv = new DataView(this.u8.buffer, this.u8.byteOffset, this.u8.length);
    this.pos = 0;
    return out;
  }

  /** The bytes written so far as UTF-8 text. */
  text(): string {
    return Buffer.from(this.u8.buffer, this.u8.byteOffset, this.pos).toString('utf8');
  }

  /** Forgets what was written, keeping the buffer (for output that was copied out). */
  reset(): void {
    this.pos = 0;
  }

  byte(b: number): void {
    this.ensure(1);
    this.u8[this.pos++] = b;
  }

  /** A string known to be ASCII (markup, tags, digits). */
  ascii(s: string): void {
    this.ensure(s.length);
    const u8 = this.u8;
    const p = this.pos;
    for (let i = 0; i < s.length; i++) u8[p + i] = s.charCodeAt(i);
    this.pos = p + s.length;
  }

  /** Any string as UTF-8; a lone surrogate becomes U+FFFD (it has no UTF-8 form). */
  utf8(s: string): void {
    this.ensure(s.length * 3);
    const buf = this.u8;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) buf[p++] = c;
      else {
        p = putNonAscii(buf, p, s, i, c);
        if (isPairAt(s, i, c)) i++;
      }
    }
    this.pos = p;
  }
}

/** Memory not zeroed first (it is always written before it is read), as a plain Uint8Array. */
function uninitialised(size: number): Uint8Array {
  const b = Buffer.allocUnsafeSlow(size);
  return new Uint8Array(b.buffer, b.byteOffset, size);
}

/** True when `c` (= s[i]) starts a well-formed surrogate pair. */
export const isPairAt = (s: string, i: number, c: number): boolean => c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;

/**
 * Writes the UTF-16 unit `c` = s[i] (≥ 0x80) as UTF-8 at buf[p] and returns the next position:
 * with the following unit when they form a surrogate pair, U+FFFD for a lone surrogate. Room for
 * 4 bytes must have been made.
 */
export function putNonAscii(buf: Uint8Array, p: number, s: string, i: number, c: number): number {
  if (c < 0x800) {
    buf[p] = 0xc0 | (c >> 6);
    buf[p + 1] = 0x80 | (c & 0x3f);
    return p + 2;
  }
  if (c >= 0xd800 && c <= 0xdfff) {
    if (isPairAt(s, i, c)) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00);
      buf[p] = 0xf0 | (cp >> 18);
      buf[p + 1] = 0x80 | ((cp >> 12) & 0x3f);
      buf[p + 2] = 0x80 | ((cp >> 6) & 0x3f);
      buf[p + 3] = 0x80 | (cp & 0x3f);
      return p + 4;
    }
    c = 0xfffd;
  }
  buf[p] = 0xe0 | (c >> 12);
  buf[p + 1] = 0x80 | ((c >> 6) & 0x3f);
  buf[p + 2] = 0x80 | (c & 0x3f);
  return p + 3;
}
