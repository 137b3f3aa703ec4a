/**
 * The field names of the reader's syntax (parse.ts), English (any case) and Chinese, and the
 * shapes of identifiers typed alone.
 */
import { looksLikeIsbn, looksLikeIssn } from '../analysis/identifiers.js';
import type { SearchField } from './ast.js';

/** A search field, or one of the fields that filter rather than match words. */
export type FieldName = SearchField | 'year' | 'id' | 'library';

/** Field names as typed before ":" (English compared in lower case). */
export const FIELD_NAMES: Readonly<Record<string, FieldName>> = {
  any: 'any', keyword: 'any', kw: 'any',
  title: 'title', ti: 'title',
  author: 'author', au: 'author', creator: 'author',
  subject: 'subject', su: 'subject',
  publisher: 'publisher', pb: 'publisher',
  series: 'series',
  isbn: 'isbn', issn: 'issn', doi: 'doi',
  callnumber: 'callNumber', call: 'callNumber',
  sysno: 'systemNumber', systemnumber: 'systemNumber',
  year: 'year', date: 'year',
  id: 'id',
  library: 'library',
  关键词: 'any', 任意词: 'any',
  题名: 'title', 书名: 'title', 标题: 'title', 刊名: 'title',
  著者: 'author', 作者: 'author', 责任者: 'author', 著者名: 'author',
  主题: 'subject', 主题词: 'subject',
  出版社: 'publisher', 出版者: 'publisher',
  丛书: 'series', 丛编: 'series',
  索书号: 'callNumber', 分类号: 'callNumber',
  出版年: 'year', 年份: 'year',
  馆藏馆: 'library', 图书馆: 'library',
};

/**
 * Names typed before a colon that are not fields and not mistakes: URL schemes. Any other
 * unknown name in lower case (`foo:bar`) is an error; a capitalised one ("Re:Zero",
 * "Science:History") is a title's colon and stays text.
 */
export const NOT_FIELDS: ReadonlySet<string> = new Set(['http', 'https', 'ftp', 'mailto', 'urn', 'info', 'file']);

/** An ISBN typed alone: hyphenated or spaced 10/13 digits, or unhyphenated with a right check digit. */
export function isbnLike(text: string): boolean {
  const t = text.trim();
  const d = t.replace(/[\s-]/g, '').toLowerCase();
  if (!/^\d{9}[\dx]$|^97[89]\d{10}$/.test(d)) return false;
  return /[\s-]/.test(t) || looksLikeIsbn(d);
}

/** An ISSN typed alone: "0028-0836", or eight digits with a right check digit. */
export function issnLike(text: string): boolean {
  const t = text.trim();
  return /^\d{4}-\d{3}[\dXx]$/.test(t) || (/^\d{7}[\dXx]$/.test(t) && looksLikeIssn(t));
}
