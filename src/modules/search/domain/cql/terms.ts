/**
 * Reading a CQL term (CQL 1.2 §"Masking"): `*` and `?` are masks and `^` an anchor unless escaped
 * with a backslash; `\"` and `\\` are a quote and a backslash. Anylib's index knows right
 * truncation only (`comput*`), so any other mask is refused with diagnostic 28 rather than
 * searched as if the character were not there.
 */
import { diag, say, type SruDiagnostic } from './diagnostic.js';

export interface Word {
  text: string;
  /** Ended with an unescaped `*`: right truncation. */
  truncated: boolean;
}

/** The words of a term, split at unescaped whitespace. `masked: false` is the `unmasked` relation modifier. */
export function termWords(term: string, masked = true): { ok: true; words: Word[] } | { ok: false; diagnostic: SruDiagnostic } {
  const words: Word[] = [];
  let text = '';
  let truncated = false;
  const flush = () => {
    if (text !== '' || truncated) words.push({ text, truncated });
    text = '';
    truncated = false;
  };
  const chars = [...term];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\' && i + 1 < chars.length) {
      if (truncated) return { ok: false, diagnostic: mask(term) };
      text += chars[++i]!;
      continue;
    }
    if (/\s/u.test(c)) {
      flush();
      continue;
    }
    if (masked && c === '*') {
      const atEnd = i + 1 === chars.length || /\s/u.test(chars[i + 1]!);
      if (!atEnd || truncated) return { ok: false, diagnostic: mask(term) };
      if (text === '') return { ok: false, diagnostic: diag(29, '1', say(`"${term}": a mask needs at least one letter before it`, `“${term}”：截词符前至少需要一个字符`)) };
      truncated = true;
      continue;
    }
    if (masked && c === '?') return { ok: false, diagnostic: mask(term, '?') };
    if (masked && c === '^') return { ok: false, diagnostic: diag(31, term, say(`"${term}": anchoring (^) is not supported; escape it as \\^ to search for the character`, `“${term}”：不支持锚定符（^）；要检索该字符请写作 \\^`)) };
    if (truncated) return { ok: false, diagnostic: mask(term) };
    text += c;
  }
  flush();
  if (words.length === 0) return { ok: false, diagnostic: diag(27, term, say('the search term is empty', '检索词为空')) };
  return { ok: true, words };
}

const mask = (term: string, c = '*'): SruDiagnostic =>
  diag(28, term, say(`"${term}": only right truncation is supported (a * at the end of a word); escape ${c} with a backslash to search for the character`, `“${term}”：只支持右截词（词尾的 *）；要检索字符 ${c} 请在前面加反斜杠`));
