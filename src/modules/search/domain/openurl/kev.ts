/**
 * Key/Encoded-Value strings (Z39.88-2004 Part 2, the KEV format: `key=value&key=value`, values
 * percent-encoded, `+` for a space as HTML forms send it). The standard says UTF-8 (Part 2 §7:
 * `ctx_enc=info:ofi/enc:UTF-8`, the default), but links built by older databases percent-encode
 * Latin-1 or, from Chinese databases, GBK. We read UTF-8 when the bytes are UTF-8, honour a
 * declared `ctx_enc`, and otherwise fall back and say so, rather than refuse the citation.
 */

/** The longest KEV string we read (bytes as sent); a real citation is far shorter (issue 4, "10 KB queries"). */
export const MAX_KEV_LENGTH = 8192;
/** Most key/value pairs we read. */
export const MAX_KEV_PAIRS = 200;

export interface KevPair {
  key: string;
  value: string;
}

/** How the values' bytes were read, when not as UTF-8. */
export interface KevFallback {
  key: string;
  /** The character set the value was read in. */
  encoding: 'windows-1252' | 'gb18030';
}

export type KevReading =
  | { ok: true; pairs: KevPair[]; fallbacks: KevFallback[]; declaredEncoding: string | null }
  | { ok: false; reason: 'too-long' | 'too-many-pairs'; length: number };

/**
 * The percent-decoded bytes of a KEV part. `raw` is the query string or form body as bytes read
 * one per character (latin1), which is how Node hands over a request line; a character above
 * 0xFF (a caller that passed a decoded string) is taken as its UTF-8 bytes.
 */
function bytesOf(raw: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '+') out.push(0x20);
    else if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(raw.slice(i + 1, i + 3))) {
      out.push(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const code = ch.charCodeAt(0);
      if (code <= 0xff) out.push(code);
      else out.push(...Buffer.from(String.fromCodePoint(raw.codePointAt(i)!), 'utf8'));
      if (code >= 0xd800 && code <= 0xdbff) i++;
    }
  }
  return Uint8Array.from(out);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `info:ofi/enc:ISO-8859-1` → a TextDecoder label we can use, or null when unknown. */
export function declaredDecoder(ctxEnc: string): InstanceType<typeof TextDecoder> | null {
  const label = ctxEnc.replace(/^info:ofi\/enc:/i, '').trim();
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

/**
 * Bytes that are not UTF-8: GB18030 when the bytes above 0x7F come in runs of even length that
 * read as CJK characters only (a Latin-1 text seldom has two accented letters side by side, a
 * GBK one always has), else Windows-1252, the superset of Latin-1 that browsers mean by "latin1".
 * A Latin-1 word with two accented letters together may still be read as GBK: the report says
 * which was chosen, and a link that declares `ctx_enc` is never guessed.
 */
function fallback(bytes: Uint8Array): { text: string; encoding: KevFallback['encoding'] } {
  // GB2312 characters, the common ones, are two bytes both above 0xA0: a high byte next to an
  // ASCII one ("L\xE4ird") is Latin-1, though GBK's extension would read it as one character.
  const runs = Buffer.from(bytes).toString('latin1').match(/[\x80-\xff]+/g) ?? [];
  if (runs.every((r) => r.length % 2 === 0)) return tryGb18030(bytes) ?? latin1(bytes);
  return latin1(bytes);
}

const latin1 = (bytes: Uint8Array) => ({ text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' as const });

function tryGb18030(bytes: Uint8Array): { text: string; encoding: 'gb18030' } | null {
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    const nonAscii = [...text].filter((c) => c.charCodeAt(0) > 0x7f);
    if (nonAscii.length > 0 && nonAscii.every((c) => CJK.test(c) || /[\u3000-\u303f\uff00-\uffef]/u.test(c))) return { text, encoding: 'gb18030' };
  } catch {
    // not GB18030 either
  }
  return null;
}

/** Control characters have no place in a citation; they become spaces (and runs of space one). */
const clean = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/\s+/g, ' ').trim();

/** Reads a KEV string (a query string without `?`, or a form body read as latin1). */
export function readKev(raw: string): KevReading {
  if (raw.length > MAX_KEV_LENGTH) return { ok: false, reason: 'too-long', length: raw.length };
  const parts = raw.split('&').filter((p) => p !== '');
  if (parts.length > MAX_KEV_PAIRS) return { ok: false, reason: 'too-many-pairs', length: parts.length };
  const split = parts.map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? { key: bytesOf(p), value: new Uint8Array() } : { key: bytesOf(p.slice(0, eq)), value: bytesOf(p.slice(eq + 1)) };
  });
  // Keys are ASCII in every version; read them loosely.
  const keyOf = (b: Uint8Array) => clean(new TextDecoder('windows-1252').decode(b));
  const encPair = split.find((p) => keyOf(p.key) === 'ctx_enc');
  const declaredEncoding = encPair ? clean(new TextDecoder('windows-1252').decode(encPair.value)) : null;
  const declared = declaredEncoding ? declaredDecoder(declaredEncoding) : null;
  const pairs: KevPair[] = [];
  const fallbacks: KevFallback[] = [];
  for (const p of split) {
    const key = keyOf(p.key);
    let value: string;
    if (declared && declared.encoding !== 'utf-8') value = declared.decode(p.value);
    else {
      try {
        value = utf8.decode(p.value);
      } catch {
        const f = fallback(p.value);
        value = f.text;
        fallbacks.push({ key, encoding: f.encoding });
      }
    }
    pairs.push({ key, value: clean(value) });
  }
  return { ok: true, pairs, fallbacks, declaredEncoding };
}
