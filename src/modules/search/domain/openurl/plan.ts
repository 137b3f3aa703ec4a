/**
 * How a citation is looked for in the union catalogue: an ordered list of queries, the most
 * certain first, tried until one finds something. A standard number identifies the work; a title
 * with its author and year is a good guess; a title alone is the last resort. For an article or
 * a journal, the catalogue holds the journal (the holding libraries' run of it), so the journal
 * is what is looked for, by ISSN or by its title.
 */
import type { Localized } from '../../../../platform/i18n.js';
import type { QueryNode, SearchField } from '../query/ast.js';
import { MAX_QUERY_NODES } from '../query/ast.js';
import { surnameOf, type Citation } from './citation.js';

export type FoundBy = 'isbn' | 'issn' | 'doi' | 'oclc' | 'lccn' | 'title-author-year' | 'title-author' | 'title-year' | 'title' | 'journal-title';

export interface PlanStep {
  by: FoundBy;
  query: QueryNode;
}

/** What each way of finding is called on the page and in the JSON's `foundBy` explanation. */
export const FOUND_BY: Record<FoundBy, Localized> = {
  isbn: { en: 'Found by ISBN', 'zh-CN': '按 ISBN 找到' },
  issn: { en: 'Found by ISSN', 'zh-CN': '按 ISSN 找到' },
  doi: { en: 'Found by DOI', 'zh-CN': '按 DOI 找到' },
  oclc: { en: 'Found by OCLC number', 'zh-CN': '按 OCLC 号找到' },
  lccn: { en: 'Found by LCCN', 'zh-CN': '按 LCCN 找到' },
  'title-author-year': { en: 'Found by title, author and year', 'zh-CN': '按题名、著者和年份找到' },
  'title-author': { en: 'Found by title and author', 'zh-CN': '按题名和著者找到' },
  'title-year': { en: 'Found by title and year', 'zh-CN': '按题名和年份找到' },
  'journal-title': { en: 'Found by the journal’s title', 'zh-CN': '按刊名找到' },
  title: { en: 'Found by title only: check that it is the work you want', 'zh-CN': '仅按题名找到：请核对是否为所需文献' },
};

/** Words too common to narrow a title search (English articles and prepositions). */
const STOPWORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'to', 'for', 'by', 'with', 'at', 'from', 'de', 'la', 'le', 'les', 'der', 'die', 'das', 'und']);
/** Most words of a title used: the rest add little, and a long query is refused by the index. */
const MAX_TITLE_WORDS = 10;

/**
 * The words of a title to search, all of them required ("phrase-ish": every word, in any order,
 * so that punctuation and a subtitle written differently do not lose the book). Only the main
 * title: citations and catalogue records disagree most about subtitles. A run of CJK characters
 * is one "word" for the index, which segments it.
 */
export function titleWords(title: string): string[] {
  const folded = title.normalize('NFKC');
  // The main title ends at a colon, a subtitle dash or a " = " parallel title.
  const main = folded.split(/\s*[:;=]\s*|\s+[-–—]\s+|：/u)[0]!;
  const words = wordsOf(main);
  return (words.length > 0 ? words : wordsOf(folded)).slice(0, MAX_TITLE_WORDS);
}

/**
 * Words split at spaces only, their outer punctuation trimmed: the index tokenizes each word as it
 * tokenized the record ("O'Brien's" → obriens, "long-range" → long range), so splitting here at
 * inner punctuation would only disagree with it.
 */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const chunk of text.split(/[\s\u3000]+/u)) {
    const trimmed = chunk.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    // Latin apart from CJK inside a word ("Python编程" → Python, 编程): either may be written apart.
    for (const w of trimmed.split(/(?<=[\u3400-\u9fff])(?=[^\u3400-\u9fff])|(?<=[^\u3400-\u9fff])(?=[\u3400-\u9fff])/u)) {
      const lw = w.toLowerCase();
      if (!/[\p{L}\p{N}]/u.test(w) || STOPWORDS.has(lw)) continue;
      if (!words.some((x) => x.toLowerCase() === lw)) words.push(w);
    }
  }
  return words;
}

const term = (field: SearchField, text: string): QueryNode => ({ kind: 'term', field, text, truncated: false });
const anyOf = (field: SearchField, values: readonly string[]): QueryNode =>
  values.length === 1 ? term(field, values[0]!) : { kind: 'or', children: values.map((v) => term(field, v)) };
const allOf = (nodes: QueryNode[]): QueryNode => (nodes.length === 1 ? nodes[0]! : { kind: 'and', children: nodes });

/** The title the catalogue holds for this citation: the journal's for articles and journals, else the book's. */
export function catalogueTitle(c: Citation): string | null {
  if (c.genre === 'article' || c.genre === 'journal') return c.journalTitle ?? c.title;
  return c.title ?? c.journalTitle ?? (c.genre === 'chapter' ? null : c.articleTitle);
}

/** The steps to try, in order. Empty when nothing in the citation can be looked for (a PMID alone). */
export function resolutionPlan(c: Citation): PlanStep[] {
  const steps: PlanStep[] = [];
  const serial = c.genre === 'article' || c.genre === 'journal';
  if (c.isbns.length > 0) steps.push({ by: 'isbn', query: anyOf('isbn', c.isbns.slice(0, 8)) });
  // An article's or a journal's ISSN names the journal the catalogue holds; a book's names its
  // series, whose every volume it would find: for books it comes after the title.
  const issnStep: PlanStep | null = c.issns.length > 0 ? { by: 'issn', query: anyOf('issn', c.issns.slice(0, 8)) } : null;
  if (issnStep && serial) steps.push(issnStep);
  if (c.doi) steps.push({ by: 'doi', query: term('doi', c.doi) });
  // System numbers as 035 $a writes them: "(OCoLC)12345".
  if (c.oclc) steps.push({ by: 'oclc', query: anyOf('systemNumber', [`(OCoLC)${c.oclc}`, c.oclc]) });
  if (c.lccn) steps.push({ by: 'lccn', query: term('systemNumber', c.lccn) });

  steps.push(...titleSteps(c, serial));
  if (issnStep && !serial) steps.push(issnStep);
  return steps.filter((s) => countNodes(s.query) <= MAX_QUERY_NODES);
}

function titleSteps(c: Citation, serial: boolean): PlanStep[] {
  const steps: PlanStep[] = [];
  const title = catalogueTitle(c);
  const words = title ? titleWords(title) : [];
  if (words.length === 0) return steps;
  const titleQuery = words.map((w) => term('title', w));
  // The journal is known by its title; an article's authors and year say nothing about its record.
  if (serial) {
    steps.push({ by: 'journal-title', query: allOf(titleQuery) });
    return steps;
  }
  const author = c.authors[0];
  const authorQuery = author?.last ? [term('author', surnameOf(author.last))] : [];
  // A book's year may differ by one between a citation and a catalogue (printing, copyright year).
  const yearQuery: QueryNode[] = c.year !== null ? [{ kind: 'year', from: c.year - 1, to: c.year + 1 }] : [];
  if (authorQuery.length > 0 && yearQuery.length > 0) steps.push({ by: 'title-author-year', query: allOf([...titleQuery, ...authorQuery, ...yearQuery]) });
  if (authorQuery.length > 0) steps.push({ by: 'title-author', query: allOf([...titleQuery, ...authorQuery]) });
  else if (yearQuery.length > 0) steps.push({ by: 'title-year', query: allOf([...titleQuery, ...yearQuery]) });
  // A title alone only when there is nothing else to go by: else too many wrong books.
  else steps.push({ by: 'title', query: allOf(titleQuery) });
  return steps;
}

function countNodes(q: QueryNode): number {
  if (q.kind === 'and' || q.kind === 'or') return 1 + q.children.reduce((n, c) => n + countNodes(c), 0);
  if (q.kind === 'not') return 1 + countNodes(q.child);
  return 1;
}
