/**
 * A query back in the reader's syntax (parse.ts), for "did you mean" links and for showing what
 * was searched. `parseReaderQuery(renderQuery(q))` gives q back.
 */
import type { QueryNode, SearchField } from './ast.js';

const FIELD_NAMES: Record<SearchField, string> = {
  any: '', title: 'title:', author: 'author:', subject: 'subject:', publisher: 'publisher:', series: 'series:',
  isbn: 'isbn:', issn: 'issn:', doi: 'doi:', callNumber: 'callnumber:', systemNumber: 'sysno:',
};

const quoted = (text: string): string => `"${text.replace(/"/g, ' ').trim()}"`;
const needsQuotes = (text: string): boolean => /[\s():"]/.test(text) || /^(AND|OR|NOT)$/.test(text);

export function renderQuery(node: QueryNode, top = true): string {
  switch (node.kind) {
    case 'term':
      return `${FIELD_NAMES[node.field]}${needsQuotes(node.text) ? quoted(node.text) : node.text}${node.truncated ? '*' : ''}`;
    case 'phrase':
    case 'exact':
      return `${FIELD_NAMES[node.field]}${quoted(node.text)}`;
    case 'and': {
      const text = node.children.map((c) => (c.kind === 'not' ? `NOT ${renderQuery(c.child, false)}` : renderQuery(c, false))).join(' ');
      return top ? text : `(${text})`;
    }
    case 'or': {
      const text = node.children.map((c) => renderQuery(c, false)).join(' OR ');
      return top ? text : `(${text})`;
    }
    case 'not':
      return `NOT ${renderQuery(node.child, false)}`;
    case 'year':
      return `year:${node.from ?? ''}-${node.to ?? ''}`;
    case 'library':
      return `library:${node.symbol}`;
    case 'cluster':
      return `id:${node.id}`;
  }
}

/** The same query with some term texts replaced (folded word → replacement). */
export function replaceTerms(node: QueryNode, replace: (text: string) => string | undefined): QueryNode {
  switch (node.kind) {
    case 'term': {
      const r = node.truncated ? undefined : replace(node.text);
      return r === undefined ? node : { ...node, text: r };
    }
    case 'and':
    case 'or':
      return { ...node, children: node.children.map((c) => replaceTerms(c, replace)) };
    case 'not':
      return { ...node, child: replaceTerms(node.child, replace) };
    default:
      return node;
  }
}
