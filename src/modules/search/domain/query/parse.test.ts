import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, type ParsedQuery, type QueryNode, type SearchField } from './ast.js';
import { parseReaderQuery } from './parse.js';
import { renderQuery } from './render.js';

const term = (text: string, field: SearchField = 'any', truncated = false): QueryNode => ({ kind: 'term', field, text, truncated });
const phrase = (text: string, field: SearchField = 'any'): QueryNode => ({ kind: 'phrase', field, text });
const and = (...children: QueryNode[]): QueryNode => ({ kind: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ kind: 'or', children });
const not = (child: QueryNode): QueryNode => ({ kind: 'not', child });

const ok = (query: QueryNode): ParsedQuery => ({ ok: true, query });
const error = (offset: number, reason: string, near: string): ParsedQuery => ({ ok: false, error: { offset, reason, near } });

describe('parseReaderQuery: words, phrases, operators', () => {
  it.each<[string, QueryNode]>([
    ['红楼梦', term('红楼梦')],
    ['红楼梦 曹雪芹', and(term('红楼梦'), term('曹雪芹'))],
    ['history of science', and(term('history'), term('of'), term('science'))],
    ['"history of science"', phrase('history of science')],
    ['“红楼梦” 研究', and(phrase('红楼梦'), term('研究'))],
    ['「ノルウェイの森」', phrase('ノルウェイの森')],
    ['『源氏物語』', phrase('源氏物語')],
    ['comput*', term('comput', 'any', true)],
    ['a AND b', and(term('a'), term('b'))],
    ['a && b', and(term('a'), term('b'))],
    ['a OR b', or(term('a'), term('b'))],
    ['a||b', or(term('a'), term('b'))],
    ['a b OR c', or(and(term('a'), term('b')), term('c'))],
    ['a OR b OR c', or(term('a'), term('b'), term('c'))],
    ['a (b OR c)', and(term('a'), or(term('b'), term('c')))],
    ['(a OR b) (c OR d)', and(or(term('a'), term('b')), or(term('c'), term('d')))],
    ['（a OR b） c', and(or(term('a'), term('b')), term('c'))],
    ['a NOT b', and(term('a'), not(term('b')))],
    ['a -b', and(term('a'), not(term('b')))],
    ['-b a', and(not(term('b')), term('a'))],
    ['a -"b c"', and(term('a'), not(phrase('b c')))],
    ['a NOT (b OR c)', and(term('a'), not(or(term('b'), term('c'))))],
    ['+a b', and(term('a'), term('b'))],
    ['war and peace', and(term('war'), term('and'), term('peace'))],
    ['black or white', and(term('black'), term('or'), term('white'))],
    ['战争与和平', term('战争与和平')],
    ['红楼梦 或 石头记', or(term('红楼梦'), term('石头记'))],
    ['红楼梦 与 曹雪芹', and(term('红楼梦'), term('曹雪芹'))],
    ['红楼梦 非 研究', and(term('红楼梦'), not(term('研究')))],
    ['self-help', term('self-help')],
    ['C++ 程序设计', and(term('C++'), term('程序设计'))],
    ['a * b', and(term('a'), term('b'))],
    ['a\u0000b\tc', and(term('a'), term('b'), term('c'))],
    ['  spaces\u3000全角空格  ', and(term('spaces'), term('全角空格'))],
  ])('%s', (input, expected) => {
    expect(parseReaderQuery(input)).toEqual(ok(expected));
  });
});

describe('parseReaderQuery: fields', () => {
  it.each<[string, QueryNode]>([
    ['title:红楼梦', term('红楼梦', 'title')],
    ['TITLE:hamlet', term('hamlet', 'title')],
    ['title: 红楼梦', term('红楼梦', 'title')],
    ['author:曹雪芹', term('曹雪芹', 'author')],
    ['subject:history', term('history', 'subject')],
    ['publisher:中华书局', term('中华书局', 'publisher')],
    ['series:"lecture notes"', phrase('lecture notes', 'series')],
    ['title:"history of science"', phrase('history of science', 'title')],
    ['title:(a OR b)', or(term('a', 'title'), term('b', 'title'))],
    ['title:(a author:b)', and(term('a', 'title'), term('b', 'author'))],
    ['title:comput*', term('comput', 'title', true)],
    ['isbn:7-02-000220-X', term('7-02-000220-X', 'isbn')],
    ['isbn:"7 02 000220 X"', term('7 02 000220 X', 'isbn')],
    ['issn:0028-0836', term('0028-0836', 'issn')],
    ['doi:10.1038/nature12373', term('10.1038/nature12373', 'doi')],
    ['callnumber:TP311.13', term('TP311.13', 'callNumber')],
    ['callNumber:TP311*', term('TP311', 'callNumber', true)],
    ['sysno:(OCoLC)12345', term('(OCoLC)12345', 'systemNumber')],
    ['systemNumber:12345', term('12345', 'systemNumber')],
    ['题名：紅樓夢', term('紅樓夢', 'title')],
    ['题名:红楼梦 作者:曹雪芹', and(term('红楼梦', 'title'), term('曹雪芹', 'author'))],
    ['著者：曹雪芹', term('曹雪芹', 'author')],
    ['主题：小说', term('小说', 'subject')],
    ['出版社：人民文学出版社', term('人民文学出版社', 'publisher')],
    ['year:1990', { kind: 'year', from: 1990, to: 1990 }],
    ['year:1990-2000', { kind: 'year', from: 1990, to: 2000 }],
    ['year:1990–2000', { kind: 'year', from: 1990, to: 2000 }],
    ['year:>2000', { kind: 'year', from: 2001, to: null }],
    ['year:>=2000', { kind: 'year', from: 2000, to: null }],
    ['year:<1990', { kind: 'year', from: null, to: 1989 }],
    ['year:<=1990', { kind: 'year', from: null, to: 1990 }],
    ['year:1990-', { kind: 'year', from: 1990, to: null }],
    ['year:-2000', { kind: 'year', from: null, to: 2000 }],
    ['id:123', { kind: 'cluster', id: 123 }],
    ['library:BJ01', { kind: 'library', symbol: 'BJ01' }],
    ['红楼梦 year:1980-1990 library:SH01', and(term('红楼梦'), { kind: 'year', from: 1980, to: 1990 }, { kind: 'library', symbol: 'SH01' })],
    // A colon in a title is text: only a known field name (or a lower-case word, an error) makes a field.
    ['Science: a history', and(term('Science:'), term('a'), term('history'))],
    ['Re:Zero', term('Re:Zero')],
    ['http://example.org/x', term('http://example.org/x')],
    ['note: this', and(term('note:'), term('this'))],
  ])('%s', (input, expected) => {
    expect(parseReaderQuery(input)).toEqual(ok(expected));
  });
});

describe('parseReaderQuery: ISBN and ISSN typed alone', () => {
  it.each<[string, QueryNode]>([
    ['7-02-000220-X', or(term('7-02-000220-X'), term('7-02-000220-X', 'isbn'))],
    ['702000220X', or(term('702000220X'), term('702000220X', 'isbn'))],
    ['9787020002207', or(term('9787020002207'), term('9787020002207', 'isbn'))],
    ['978-7-02-000220-7', or(term('978-7-02-000220-7'), term('978-7-02-000220-7', 'isbn'))],
    ['978 7 02 000220 7', or(term('978 7 02 000220 7'), term('978 7 02 000220 7', 'isbn'))],
    ['0028-0836', or(term('0028-0836'), term('0028-0836', 'issn'))],
    ['00280836', or(term('00280836'), term('00280836', 'issn'))],
    ['红楼梦 9787020002207', and(term('红楼梦'), or(term('9787020002207'), term('9787020002207', 'isbn')))],
    // Not ISBNs: a year, a number with a wrong check digit and no hyphens.
    ['1990', term('1990')],
    ['1234567890', term('1234567890')],
    ['12345678', term('12345678')],
  ])('%s', (input, expected) => {
    expect(parseReaderQuery(input)).toEqual(ok(expected));
  });
});

describe('parseReaderQuery: errors', () => {
  it.each<[string, ParsedQuery]>([
    ['', error(0, 'empty', '')],
    ['   ', error(0, 'empty', '')],
    ['\u0000\u0001', error(0, 'empty', '')],
    ['*', error(0, 'empty', '')],
    ['"abc', error(0, 'unbalanced-quote', '"abc')],
    ['a "b c', error(2, 'unbalanced-quote', '"b c')],
    ['「abc', error(0, 'unbalanced-quote', '「abc')],
    ['(a', error(0, 'unbalanced-parenthesis', '(a')],
    ['a)', error(1, 'unbalanced-parenthesis', ')')],
    ['(a OR b', error(0, 'unbalanced-parenthesis', '(a OR b')],
    ['()', error(0, 'empty', '()')],
    ['a AND', error(2, 'operator-without-operand', 'AND')],
    ['AND a', error(0, 'operator-without-operand', 'AND a')],
    ['OR b', error(0, 'operator-without-operand', 'OR b')],
    ['a OR OR b', error(2, 'operator-without-operand', 'OR OR b')],
    ['a OR', error(2, 'operator-without-operand', 'OR')],
    ['a NOT', error(2, 'operator-without-operand', 'NOT')],
    ['(a OR)', error(3, 'operator-without-operand', 'OR)')],
    ['title:', error(0, 'operator-without-operand', 'title:')],
    ['title: OR a', error(0, 'operator-without-operand', 'title: OR a')],
    ['title:""', error(0, 'operator-without-operand', 'title:""')],
    ['NOT a', error(0, 'not-alone', 'NOT a')],
    ['-a', error(0, 'not-alone', '-a')],
    ['a OR NOT b', error(5, 'not-alone', 'NOT b')],
    ['-a -b', error(0, 'not-alone', '-a -b')],
    ['foo:bar', error(0, 'unknown-field', 'foo:bar')],
    ['红楼梦 titel:x', error(4, 'unknown-field', 'titel:x')],
    ['year:abc', error(5, 'bad-year', 'abc')],
    ['year:2000-1990', error(5, 'bad-year', '2000-1990')],
    ['year:(1990)', error(5, 'bad-year', '(1990)')],
    ['id:abc', error(3, 'bad-id', 'abc')],
    ['id:-1', error(3, 'bad-id', '-1')],
  ])('%j', (input, expected) => {
    expect(parseReaderQuery(input)).toEqual(expected);
  });

  it('refuses a query longer than MAX_QUERY_LENGTH, and accepts one just that long', () => {
    const long = 'a '.repeat(MAX_QUERY_LENGTH);
    const r = parseReaderQuery(long);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ offset: MAX_QUERY_LENGTH, reason: 'too-long' });
    const words = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ');
    expect(parseReaderQuery(words.padEnd(MAX_QUERY_LENGTH, ' ')).ok).toBe(true);
  });

  it('refuses more than MAX_QUERY_NODES nodes', () => {
    const r = parseReaderQuery(Array.from({ length: 70 }, (_, i) => `w${i}`).join(' '));
    expect(r).toEqual(error(0, 'too-complex', 'w0 w1 w2 w3 w4 w5 w6'));
  });

  it('refuses parentheses nested too deep, without exhausting the stack', () => {
    const r = parseReaderQuery(`${'('.repeat(400)}a${')'.repeat(400)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toBe('too-complex');
  });
});

describe('parseReaderQuery and renderQuery', () => {
  it.each([
    'title:红楼梦 author:曹雪芹',
    'a OR b',
    'a NOT b',
    'title:comput*',
    '"history of science" (x OR y)',
    'year:1990-2000 library:BJ01 id:7',
    'year:1990- x',
    'callNumber:TP311* sysno:12345',
  ])('%s survives a round trip', (input) => {
    const first = parseReaderQuery(input);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(parseReaderQuery(renderQuery(first.query))).toEqual(first);
  });
});
