import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCql } from './parser.js';
import type { CqlNode } from './cql-ast.js';

const tree = (q: string) => {
  const r = parseCql(q);
  if (!r.ok) throw new Error(`${q}: ${r.error.message.en}`);
  return r.tree;
};
/** A compact picture of a tree: clauses as `index relation term`, booleans in brackets. */
const show = (n: CqlNode): string =>
  n.kind === 'clause'
    ? `${n.index ? (n.index.prefix ? `${n.index.prefix}.` : '') + n.index.name : '_'} ${n.relation}${n.modifiers.map((m) => `/${m.name}${m.comparitor ?? ''}${m.value ?? ''}`).join('')} ${n.term}`
    : `[${show(n.left)} ${n.op}${n.modifiers.map((m) => `/${m.name}`).join('')} ${show(n.right)}]`;

describe('parseCql', () => {
  it('reads bare terms, index-relation-term clauses and named relations', () => {
    expect(show(tree('jazz').root)).toBe('_ = jazz');
    expect(show(tree('dc.title=fats').root)).toBe('dc.title = fats');
    expect(show(tree('dc.subject all "music libraries"').root)).toBe('dc.subject all music libraries');
    expect(show(tree('dc.date>=1990').root)).toBe('dc.date >= 1990');
    expect(show(tree('dc.date <> 1990').root)).toBe('dc.date <> 1990');
    expect(show(tree('title ADJ "a b"').root)).toBe('title adj a b');
  });

  it('combines booleans left to right, case-insensitively, with parentheses first', () => {
    expect(show(tree('a and b or c').root)).toBe('[[_ = a and _ = b] or _ = c]');
    expect(show(tree('a AND (b Or c)').root)).toBe('[_ = a and [_ = b or _ = c]]');
    expect(show(tree('dc.title=fats and dc.creator=mantooth').root)).toBe('[dc.title = fats and dc.creator = mantooth]');
    expect(show(tree('a not b prox/unit=word c').root)).toBe('[[_ = a not _ = b] prox/unit _ = c]');
  });

  it('keeps backslash escapes in quoted terms and reads relation modifiers', () => {
    const r = tree('dc.title =/relevant/cql.stem "say \\"hi\\" \\*"').root;
    expect(r).toMatchObject({ kind: 'clause', term: 'say \\"hi\\" \\*', modifiers: [{ name: 'relevant' }, { name: 'cql.stem' }] });
  });

  it('binds prefixes to context sets in the scope they are assigned', () => {
    const r = tree('>x="info:srw/cql-context-set/1/dc-v1.1" (x.title=a and (>"urn:y" title=b)) or x.title=c').root;
    const clauses: CqlNode[] = [];
    const walk = (n: CqlNode): void => {
      if (n.kind === 'clause') clauses.push(n);
      else {
        walk(n.left);
        walk(n.right);
      }
    };
    walk(r);
    expect(clauses.map((c) => c.kind === 'clause' && c.index?.uri)).toEqual(['info:srw/cql-context-set/1/dc-v1.1', 'urn:y', 'info:srw/cql-context-set/1/dc-v1.1']);
  });

  it('reads sortBy keys with their modifiers', () => {
    const t = tree('cat sortBy dc.date/sort.descending dc.title');
    expect(t.sortKeys.map((k) => [k.index.prefix, k.index.name, k.modifiers.map((m) => m.name)])).toEqual([
      ['dc', 'date', ['sort.descending']],
      ['dc', 'title', []],
    ]);
  });

  it('says where and why a query is not CQL', () => {
    const error = (q: string) => {
      const r = parseCql(q);
      return r.ok ? null : [r.error.kind, r.error.offset];
    };
    expect(error('dc.title="unclosed')).toEqual(['quote', 9]);
    expect(error('(a and b')).toEqual(['parenthesis', 0]);
    expect(error('a and b)')).toEqual(['parenthesis', 7]);
    expect(error('')).toEqual(['syntax', 0]);
    expect(error('and')).toEqual(['syntax', 0]);
    expect(error('cats and')).toEqual(['syntax', 5]);
    expect(error('dc.title =')).toEqual(['syntax', 10]);
    expect(error('cat dog')).toEqual(['syntax', 7]);
    expect(error('a sortby')).toEqual(['syntax', 8]);
    expect(error('('.repeat(40) + 'a' + ')'.repeat(40))).toEqual(['too-deep', 32]);
  });

  it('never throws, whatever the input', () => {
    const alphabet = fc.constantFrom(...'ab ()=<>"/\\*?^.andorNOTprox sortby>'.split(''), 'and', ' or ', 'dc.title', '"', '\u0000', '紅');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.array(alphabet, { maxLength: 60 }).map((a) => a.join(''))), (q) => {
        const r = parseCql(q);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });
});
