/**
 * CQL 1.2 lexical rules: a term is a run of characters other than whitespace and `( ) = < > " /`,
 * or a double-quoted string in which a backslash escapes the next character (the escape is kept in
 * the token: `\*` is a literal asterisk, which only the term's reader can tell from a mask).
 */
import type { CqlSyntaxError } from './cql-ast.js';
import { say } from './diagnostic.js';

export type Token =
  | { type: 'word' | 'quoted'; text: string; offset: number }
  | { type: '(' | ')' | '/'; offset: number }
  | { type: 'cmp'; text: '=' | '==' | '<' | '>' | '<=' | '>=' | '<>'; offset: number }
  | { type: 'eof'; offset: number };

const SPECIAL = new Set(['(', ')', '=', '<', '>', '"', '/']);
const isSpace = (c: string): boolean => /\s/u.test(c);

export function tokenize(input: string): { ok: true; tokens: Token[] } | { ok: false; error: CqlSyntaxError } {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    const c = input[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === '/') {
      tokens.push({ type: c, offset: i });
      i++;
      continue;
    }
    if (c === '=' || c === '<' || c === '>') {
      const next = input[i + 1];
      let text: '=' | '==' | '<' | '>' | '<=' | '>=' | '<>' = c;
      if (c === '=' && next === '=') text = '==';
      else if (c === '<' && next === '=') text = '<=';
      else if (c === '<' && next === '>') text = '<>';
      else if (c === '>' && next === '=') text = '>=';
      tokens.push({ type: 'cmp', text, offset: i });
      i += text.length;
      continue;
    }
    if (c === '"') {
      const start = i;
      i++;
      let text = '';
      let closed = false;
      while (i < n) {
        const d = input[i]!;
        if (d === '\\' && i + 1 < n) {
          text += d + input[i + 1]!;
          i += 2;
          continue;
        }
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        text += d;
        i++;
      }
      if (!closed) return { ok: false, error: { kind: 'quote', offset: start, message: say('the quote opened here is never closed', '此处开始的引号没有闭合') } };
      tokens.push({ type: 'quoted', text, offset: start });
      continue;
    }
    const start = i;
    while (i < n && !SPECIAL.has(input[i]!) && !isSpace(input[i]!)) i++;
    tokens.push({ type: 'word', text: input.slice(start, i), offset: start });
  }
  tokens.push({ type: 'eof', offset: n });
  return { ok: true, tokens };
}
