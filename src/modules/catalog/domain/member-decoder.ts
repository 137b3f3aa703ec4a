/**
 * The character sets wired into the MARC readers: the readers split records on the delimiter
 * bytes and ask a `decode` for each value that is not plain ASCII; this one settles the record's
 * character set (the library's configured one, else the record's declaration: MARC 21 leader/09,
 * UNIMARC 100 $a/26–29) and decodes MARC-8 with EACC, ISO 5426, GB 18030/GBK, UTF-8 and the
 * legacy sets (issue 3, "Character sets").
 */
import { makeDecoder, type CharsetName, type CharsetProblem } from './charset/index.js';
import type { DecodeContext, DecodeProblem, FieldDecoder } from './marc/index.js';

/**
 * Bytes that are not text at all in the declared set (invalid UTF-8 or GB 18030) reject the
 * record, as the readers do; a MARC-8 or ISO 5426 character without a mapping leaves U+FFFD in
 * place and a warning, so one unmapped character does not hide a book.
 */
const rejecting = new Set<CharsetProblem['code']>(['invalid-utf8', 'invalid-gb18030']);

function toReaderProblem(p: CharsetProblem): DecodeProblem {
  return {
    severity: rejecting.has(p.code) ? 'error' : 'warning',
    code: p.code === 'invalid-utf8' ? 'invalid-utf8' : 'invalid-encoding',
    reason: `${p.reason} (${p.code})`,
  };
}

/** A reader `decode` for one import: `charset` is the library's configured set, if any. */
export function memberRecordDecoder(charset?: CharsetName): FieldDecoder {
  const decode = makeDecoder(charset ? { charset } : {});
  return (bytes: Uint8Array, context: DecodeContext) => {
    const result = decode(bytes, { leader: context.leader, flavour: context.flavour, field100a: context.unimarc100a });
    return { text: result.text, problems: result.problems.map(toReaderProblem) };
  };
}
