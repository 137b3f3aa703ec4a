/**
 * The field decoder of an import: the library's configured character set, else what each record
 * declares (memberRecordDecoder: MARC-8 with EACC, ISO 5426, GB 18030 …). Records that declare
 * UTF-8 take the readers' fast path over the buffer, with no copy per value.
 */
import { isCharsetName } from '../domain/charset/index.js';
import { memberRecordDecoder } from '../domain/member-decoder.js';
import { declaresUtf8, defaultDecode, type FieldDecoder } from '../domain/marc/index.js';

export function importDecoder(charset: string | null | undefined): FieldDecoder {
  if (charset && isCharsetName(charset)) return memberRecordDecoder(charset);
  const member = memberRecordDecoder();
  const utf8Range = defaultDecode.range!;
  return Object.assign((bytes: Uint8Array, context: Parameters<FieldDecoder>[1]) => (declaresUtf8(context) ? defaultDecode(bytes, context) : member(bytes, context)), {
    range: (buf: Buffer, from: number, to: number, context: Parameters<FieldDecoder>[1]) =>
      declaresUtf8(context) ? utf8Range(buf, from, to, context) : member(buf.subarray(from, to), context),
  });
}
