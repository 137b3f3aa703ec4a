/**
 * The `decode` function the MARC readers call for each field or subfield: it settles the
 * record's charset (configured, decided by the reader, or detected once per record) and decodes.
 */
import { decodeField } from './decode-field.js';
import { detectCharset, type CharsetDetection } from './detect.js';
import { unimarcDeclaredCharset } from './unimarc-100.js';
import type { CharsetName, DecodeResult } from './types.js';
import { isUtf8Text } from './utf8.js';

/** What the reader knows when it asks for a field's text. */
export interface FieldContext {
  /** The record's leader (24 characters). */
  leader: string;
  flavour: 'marc21' | 'unimarc';
  /** The charset the reader settled on for this record (e.g. by detectCharset); wins over the rest. */
  charset?: CharsetName;
  /** UNIMARC: the text of 100 $a, when the reader has it (positions 26–29 declare the charset). */
  field100a?: string;
  /**
   * The whole record's bytes. When given, the charset is detected from them once per record (the
   * same Uint8Array object means the same record) and every field of the record is read alike.
   */
  record?: Uint8Array;
}

/** The reader's `decode` option. */
export type FieldDecoder = (bytes: Uint8Array, context: FieldContext) => DecodeResult;

export interface DecoderOptions {
  /** One charset for every record, e.g. a library's configured setting; nothing is detected. */
  charset?: CharsetName;
  /** Told once per record whenever detection ran (for the batch report: "read as CP1251 because…"). */
  onDetect?: (detection: CharsetDetection, context: FieldContext) => void;
}

/** Builds the reader's `decode`. One per import is enough; it keeps no state between records. */
export function makeDecoder(options: DecoderOptions = {}): FieldDecoder {
  const perRecord = new WeakMap<Uint8Array, CharsetName>();
  const byDeclaration = new Map<string, CharsetName>();

  const charsetOf = (context: FieldContext): { charset: CharsetName; sampled: boolean } => {
    if (options.charset) return { charset: options.charset, sampled: true };
    if (context.charset) return { charset: context.charset, sampled: true };
    if (context.record) {
      let charset = perRecord.get(context.record);
      if (!charset) {
        const detection = detectCharset({ leader: context.leader, flavour: context.flavour, field100a: context.field100a, sample: context.record });
        options.onDetect?.(detection, context);
        charset = detection.charset;
        perRecord.set(context.record, charset);
      }
      return { charset, sampled: true };
    }
    // No record bytes: the declaration, cached (every record of a file usually says the same).
    const key = context.flavour === 'marc21' ? `m${context.leader.charAt(9)}` : `u${context.field100a?.slice(26, 30) ?? ''}`;
    let charset = byDeclaration.get(key);
    if (!charset) {
      charset =
        context.flavour === 'marc21'
          ? context.leader.charAt(9) === 'a'
            ? 'utf-8'
            : 'marc-8'
          : (unimarcDeclaredCharset(context.field100a).charset ?? 'utf-8');
      if (byDeclaration.size > 256) byDeclaration.clear();
      byDeclaration.set(key, charset);
    }
    return { charset, sampled: false };
  };

  return (bytes, context) => {
    const { charset, sampled } = charsetOf(context);
    // A UTF-8 field inside a MARC-8 or ISO 5426 record (pasted in: it happens) is read as UTF-8.
    // Those sets would read it without complaint — "Müller" as "M©ơller" — and their own text is
    // practically never valid UTF-8. (Not so a short GBK field: one hanzi in two bytes can be.)
    if (!options.charset && (charset === 'marc-8' || charset === 'iso-5426') && isUtf8Text(bytes)) return mismatch(bytes, charset, 'utf-8', 'the field is valid UTF-8');
    const result = decodeField(bytes, charset);
    if (result.problems.length === 0 || options.charset || sampled) return result;
    return fieldLevelRescue(bytes, charset, context, result);
  };
}

/** Without the record's bytes, the field's own bytes are the only evidence when decoding fails. */
function fieldLevelRescue(bytes: Uint8Array, charset: CharsetName, context: FieldContext, failed: DecodeResult): DecodeResult {
  const detection = detectCharset({ leader: context.leader, flavour: context.flavour, field100a: context.field100a, sample: bytes });
  if (detection.charset === charset) return failed;
  const other = mismatch(bytes, charset, detection.charset, detection.reason);
  // Only a clearly better reading replaces the declared one (the mismatch note itself is one problem).
  return other.problems.length - 1 < failed.problems.length ? other : failed;
}

function mismatch(bytes: Uint8Array, declared: CharsetName, actual: CharsetName, why: string): DecodeResult {
  const result = decodeField(bytes, actual);
  result.problems.unshift({ code: 'charset-mismatch', offset: 0, bytes: '', reason: `read as ${actual}, not ${declared}: ${why}` });
  return result;
}
