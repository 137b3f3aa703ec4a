/**
 * Documents against queries, matched by PostgreSQL itself (PGlite): `documentVector` and
 * `textQuery` must agree on every lexeme, position and weight, as a reader would notice.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReaderQuery } from '../query/parse.js';
import { documentVector, textQuery, type DocumentText } from './index.js';

let pg: PGlite;
beforeAll(async () => {
  pg = await PGlite.create();
});
afterAll(async () => {
  await pg.close();
});

const EMPTY: DocumentText = {
  titles: [], authors: [], subjects: [], publishers: [], series: [], other: [],
  isbns: [], issns: [], dois: [], callNumbers: [], systemNumbers: [],
};
const doc = (d: Partial<DocumentText>): DocumentText => ({ ...EMPTY, ...d });

/** Whether the reader's query (box syntax) finds the document. */
async function finds(d: Partial<DocumentText>, query: string): Promise<boolean> {
  const parsed = parseReaderQuery(query);
  if (!parsed.ok) throw new Error(`${query}: ${parsed.error.reason}`);
  const tsquery = textQuery(parsed.query);
  if (tsquery === null) throw new Error(`${query}: no searchable token`);
  const r = await pg.query<{ m: boolean }>('SELECT $1::tsvector @@ $2::tsquery AS m', [documentVector(doc(d)), tsquery]);
  return r.rows[0]!.m;
}

type Case = [what: string, document: Partial<DocumentText>, query: string, found: boolean];

const HLM = { titles: ['红楼梦'] };

const CASES: Case[] = [
  // Simplified and traditional are the same, both ways.
  ['traditional title, simplified query', { titles: ['紅樓夢'] }, '红楼梦', true],
  ['simplified title, traditional query', HLM, '紅樓夢', true],
  ['traditional phrase-aware conversion (臺灣 → 台湾)', { titles: ['臺灣史'] }, '台湾', true],
  // Pinyin: full, initials, syllable by syllable.
  ['full pinyin of a title', HLM, 'hongloumeng', true],
  ['pinyin initials of a title', HLM, 'hlm', true],
  ['pinyin typed syllable by syllable', HLM, 'hong lou meng', true],
  ['pinyin syllables as a phrase', HLM, '"hong lou meng"', true],
  ['pinyin syllables in another order', HLM, '"meng lou hong"', false],
  ['pinyin in any case', HLM, 'HongLouMeng', true],
  ['pinyin spanning two jieba words', { titles: ['中国古代史'] }, 'zhongguogudaishi', true],
  ['initials of a whole run of several words', { titles: ['红楼梦研究'] }, 'hlmyj', true],
  ['truncated pinyin', HLM, 'hongl*', true],
  ['an English word that is one syllable does not find 龙 alone', { titles: ['龙'] }, 'long', false],
  ['an author by pinyin', { authors: ['曹雪芹'] }, 'caoxueqin', true],
  ['an author by pinyin in the author field', { authors: ['曹雪芹'] }, 'author:caoxueqin', true],
  ['an author by pinyin is not a title', { authors: ['曹雪芹'] }, 'title:caoxueqin', false],
  ['a surname read as a surname (曾 zeng)', { authors: ['曾国藩'] }, 'zengguofan', true],
  ['subjects are not indexed by pinyin', { subjects: ['红楼梦'] }, 'hongloumeng', false],
  // Words, bigrams and single characters.
  ['a two-character word inside a longer title', { titles: ['中华人民共和国史'] }, '共和', true],
  ['a word across jieba boundaries', { titles: ['中华人民共和国史'] }, '国史', true],
  ['a single character at the end', HLM, '梦', true],
  ['a single character in the middle', HLM, '楼', true],
  ['a single character at the start', HLM, '红', true],
  ['a single character not there', HLM, '梅', false],
  ['a run typed as two words finds them apart', { titles: ['红楼梦的研究'] }, '红楼梦研究', true],
  ['a quoted run must be contiguous', { titles: ['红楼梦的研究'] }, '"红楼梦研究"', false],
  ['characters in another order', HLM, '梦楼红', false],
  ['a Chinese run with a Latin word as a phrase', { titles: ['C++程序设计'] }, '"C++ 程序设计"', true],
  // Width, symbols, diacritics, stems, truncation.
  ['full-width title, half-width query', { titles: ['ＡＢＣ of reading'] }, 'abc', true],
  ['half-width title, full-width query', { titles: ['ABC of reading'] }, 'ＡＢＣ', true],
  ['Ｃ＋＋ is C++', { titles: ['Ｃ＋＋ Primer'] }, 'c++', true],
  ['C++ is not C#', { titles: ['C# in depth'] }, 'c++', false],
  ['c finds C++', { titles: ['The C++ programming language'] }, 'c', true],
  ['café ↔ cafe', { titles: ['Café society'] }, 'cafe', true],
  ['cafe ↔ café', { titles: ['Cafe society'] }, 'café', true],
  ['computers ↔ computer', { titles: ['Computers and society'] }, 'computer', true],
  ['computer ↔ computers', { titles: ['The computer'] }, 'computers', true],
  ['comput* finds computation', { titles: ['Theory of computation'] }, 'comput*', true],
  ['comput* finds computers', { titles: ['Computers and society'] }, 'comput*', true],
  ['truncation on the word typed, not its stem (happiness → happi)', { titles: ['Happiness'] }, 'happin*', true],
  ['truncation is a prefix, not a substring', { titles: ['Supercomputers'] }, 'comput*', false],
  ['lower-case and/or in a title are words', { titles: ['War and peace'] }, 'war and peace', true],
  // Phrases, positions, fields.
  ['a phrase in order', { titles: ['A history of science'] }, '"history of science"', true],
  ['a phrase in another order', { titles: ['A history of science'] }, '"science of history"', false],
  ['a phrase across two titles', { titles: ['Science', 'History of art'] }, '"science history"', false],
  ['a phrase across title and author', { titles: ['Collected works of'], authors: ['Shakespeare'] }, '"of shakespeare"', false],
  ['the same words unquoted across two titles', { titles: ['Science', 'History of art'] }, 'science history', true],
  ['title: does not find an author-only word', { authors: ['Darwin, Charles'] }, 'title:darwin', false],
  ['author: finds the author', { authors: ['Darwin, Charles'] }, 'author:darwin', true],
  ['subject: finds a subject', { subjects: ['Evolution'] }, 'subject:evolution', true],
  ['subject: does not find a title word', { titles: ['Evolution'] }, 'subject:evolution', false],
  ['title phrase with field', { titles: ['A history of science'] }, 'title:"history of science"', true],
  ['publisher: finds the publisher', { publishers: ['上海古籍出版社'] }, 'publisher:上海古籍', true],
  ['publisher in the box', { publishers: ['Oxford University Press'] }, 'oxford', true],
  ['publisher: is not a title', { titles: ['Oxford'] }, 'publisher:oxford', false],
  ['series: a phrase', { series: ['Lecture notes in computer science'] }, 'series:"lecture notes"', true],
  ['series: is not the publisher', { publishers: ['Lecture notes'] }, 'series:lecture', false],
  ['Chinese field name', { titles: ['紅樓夢'] }, '题名：红楼梦', true],
  ['NOT excludes', { titles: ['红楼梦研究'] }, '红楼梦 NOT 研究', false],
  ['NOT keeps others', HLM, '红楼梦 NOT 研究', true],
  ['OR', HLM, '石头记 OR 红楼梦', true],
  ['a word in the notes', { other: ['Includes bibliographical references'] }, 'bibliographical', true],
  ['a vernacular (880) title beside the romanised one', { titles: ['Hong lou meng', '紅樓夢'] }, '红楼梦', true],
  ['the romanised title of an 880 pair', { titles: ['Hong lou meng', '紅樓夢'] }, '"hong lou meng"', true],
  // Japanese and Korean.
  ['kana: a word of a Japanese title', { titles: ['ノルウェイの森'] }, 'ノルウェイ', true],
  ['kana: the last kanji', { titles: ['ノルウェイの森'] }, '森', true],
  ['kana: across kana and kanji', { titles: ['ノルウェイの森'] }, 'の森', true],
  ['kana: half-width katakana', { titles: ['ﾉﾙｳｪｲの森'] }, 'ノルウェイ', true],
  ['hangul: a word', { titles: ['한국 문학'] }, '한국', true],
  ['hangul: a word with a particle', { titles: ['한국의 문학'] }, '한국', true],
  ['hangul: words typed without space', { titles: ['한국 문학'] }, '"한국 문학"', true],
  ['hangul: not there', { titles: ['한국 문학'] }, '일본', false],
  // Identifiers.
  ['ISBN-10 with hyphens finds the ISBN-13', { isbns: ['9787020002207'] }, '7-02-000220-X', true],
  ['ISBN-13', { isbns: ['9787020002207'] }, '9787020002207', true],
  ['ISBN-10 lower-case x', { isbns: ['9787020002207'] }, '702000220x', true],
  ['ISBN-13 with hyphens', { isbns: ['9787020002207'] }, '978-7-02-000220-7', true],
  ['ISBN with spaces', { isbns: ['9787020002207'] }, '978 7 02 000220 7', true],
  ['isbn: field', { isbns: ['9787020002207'] }, 'isbn:7-02-000220-X', true],
  ['an ISBN recorded as ISBN-10', { isbns: ['7-02-000220-X'] }, '9787020002207', true],
  ['truncated ISBN-10', { isbns: ['9787020002207'] }, 'isbn:7020*', true],
  ['another ISBN', { isbns: ['9787020002207'] }, '9787108012345', false],
  ['isbn: does not find a title number', { titles: ['9787020002207'] }, 'isbn:9787020002207', false],
  ['ISSN with hyphen', { issns: ['0028-0836'] }, '0028-0836', true],
  ['ISSN without hyphen', { issns: ['0028-0836'] }, 'issn:00280836', true],
  ['ISSN recorded without hyphen', { issns: ['00280836'] }, 'issn:0028-0836', true],
  ['DOI in any case', { dois: ['10.1038/NATURE12373'] }, 'doi:10.1038/nature12373', true],
  ['DOI as a resolver link', { dois: ['10.1038/nature12373'] }, 'doi:https://doi.org/10.1038/nature12373', true],
  ['DOI in the box', { dois: ['10.1038/nature12373'] }, '10.1038/nature12373', true],
  ['call number truncated', { callNumbers: ['TP311.13/K2'] }, 'callNumber:TP311*', true],
  ['call number with spaces', { callNumbers: ['TP 311.13 / K2'] }, 'callnumber:TP311.13/K2', true],
  ['call number in the box', { callNumbers: ['TP311.13/K2'] }, 'TP311.13/K2', true],
  ['call number prefix of another class', { callNumbers: ['TP311.13/K2'] }, 'callNumber:TQ*', false],
  ['OCLC number bare', { systemNumbers: ['(OCoLC)ocm00012345'] }, 'sysno:12345', true],
  ['OCLC number with its source', { systemNumbers: ['(OCoLC)12345'] }, 'systemNumber:(OCoLC)ocm00012345', true],
  // Quoting of the literals.
  ['quote, backslash, colon and operators in a title', { titles: ["O'Brien \\ a:b & c | d ! e"] }, "o'brien", true],
  ['a backslash word', { titles: ['a\\b'] }, 'b', true],
  ['a system number with a quote and backslash', { systemNumbers: ["x'y\\z"] }, "sysno:x'y\\z", true],
];

describe('documents and queries matched by PostgreSQL', () => {
  it.each(CASES)('%s', async (_what, document, query, found) => {
    expect(await finds(document, query)).toBe(found);
  });

  it('finds words of a huge record, within the limits of tsvector', async () => {
    const notes = Array.from({ length: 5000 }, (_, i) => `note ${i} word${i} 第${i}章 红楼梦研究`);
    const huge = doc({ titles: ['Huge title 巨大'], other: notes, subjects: Array.from({ length: 300 }, () => 'repeated subject') });
    const vector = documentVector(huge);
    const r = await pg.query<{ n: number; t: boolean; s: boolean; w: boolean }>(
      `SELECT length($1::tsvector) AS n, $1::tsvector @@ $2::tsquery AS t, $1::tsvector @@ $3::tsquery AS s, $1::tsvector @@ $4::tsquery AS w`,
      [vector, textQuery({ kind: 'term', field: 'title', text: '巨大', truncated: false }), textQuery({ kind: 'phrase', field: 'subject', text: 'repeated subject' }), textQuery({ kind: 'term', field: 'any', text: 'word4999', truncated: false })],
    );
    expect(r.rows[0]).toEqual({ n: expect.any(Number), t: true, s: true, w: true });
    // Every position ≤ 16383 and at most 256 positions per lexeme: PostgreSQL would have cut them silently.
    const positions = [...vector.matchAll(/:([\dA-D,]+)(?= |$)/g)].map((m) => m[1]!.split(','));
    expect(Math.max(...positions.map((p) => p.length))).toBeLessThanOrEqual(256);
    expect(Math.max(...positions.flat().map((p) => Number.parseInt(p, 10)))).toBeLessThanOrEqual(16383);
    expect(vector.length).toBeLessThan(1_000_000);
  });
});
