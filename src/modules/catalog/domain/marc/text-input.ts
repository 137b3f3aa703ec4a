import { isUtf8 } from 'node:buffer';

/** A piece of text from a byte stream, and whether its bytes held ill-formed UTF-8. */
export interface TextPiece {
  text: string;
  /** The bytes were declared UTF-8 but were not: the text holds U+FFFD where they stood. */
  invalidUtf8: boolean;
}

/**
 * Turns a stream of byte chunks into text for the XML and JSON readers. UTF-8 unless a byte-order
 * mark or an XML declaration says otherwise (`encoding="ISO-8859-1"`, UTF-16). Chunks are cut at
 * character boundaries, so ill-formed UTF-8 is told apart from a character split between chunks.
 */
export class TextInput {
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private carry: Buffer | undefined;
  /** Set when the declared encoding was not one TextDecoder knows (UTF-8 is used instead). */
  unknownEncoding: string | undefined;

  /** The text of the next chunk (possibly empty while a character is incomplete). */
  push(chunk: Uint8Array): TextPiece {
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.carry !== undefined) {
      bytes = Buffer.concat([this.carry, bytes]);
      this.carry = undefined;
    }
    if (this.decoder === undefined) {
      if (bytes.length < 4) {
        // Too few bytes to tell the encoding yet: keep them for the next chunk.
        this.carry = Buffer.from(bytes);
        return { text: '', invalidUtf8: false };
      }
      this.decoder = this.choose(bytes);
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    if (this.decoder.encoding !== 'utf-8') return { text: this.decoder.decode(bytes, { stream: true }), invalidUtf8: false };
    const cut = completeUtf8(bytes);
    if (cut < bytes.length) {
      this.carry = Buffer.from(bytes.subarray(cut));
      bytes = bytes.subarray(0, cut);
    }
    return { text: bytes.toString('utf8'), invalidUtf8: !isUtf8(bytes) };
  }

  /** What is left at the end of input. */
  end(): TextPiece {
    if (this.decoder === undefined) {
      const rest = this.carry ?? Buffer.alloc(0);
      this.carry = undefined;
      this.decoder = this.choose(rest);
      return { text: rest.toString('utf8'), invalidUtf8: !isUtf8(rest) };
    }
    if (this.decoder.encoding !== 'utf-8') return { text: this.decoder.decode(), invalidUtf8: false };
    const rest = this.carry;
    this.carry = undefined;
    return rest === undefined ? { text: '', invalidUtf8: false } : { text: rest.toString('utf8'), invalidUtf8: true };
  }

  private choose(bytes: Buffer): InstanceType<typeof TextDecoder> {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be');
    const head = bytes.subarray(0, 200).toString('latin1');
    const declared = head.startsWith('<?xml') ? /encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.slice(0, head.indexOf('?>') + 1 || 200))?.[1] : undefined;
    if (declared === undefined || /^utf-?8$/i.test(declared)) return new TextDecoder('utf-8');
    try {
      return new TextDecoder(declared);
    } catch {
      this.unknownEncoding = declared;
      return new TextDecoder('utf-8');
    }
  }
}

/** The length of the longest prefix of `b` that does not end inside a UTF-8 sequence. */
export function completeUtf8(b: Uint8Array): number {
  const n = b.length;
  // Look back at most 3 bytes for the lead byte of the last sequence.
  for (let i = n - 1; i >= 0 && i >= n - 3; i--) {
    const c = b[i]!;
    if (c < 0x80) return n; // ASCII: complete
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return n - i >= need ? n : i;
    }
  }
  return n;
}
