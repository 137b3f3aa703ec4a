import { describe, expect, it } from 'vitest';
import { readContextObject, readKev, type Citation } from '../domain/openurl/index.js';
import type { SearchHit } from '../search-index.js';
import { resolutionJson } from './json.js';
import { errorPage, resolutionPage } from './page.js';
import { wantsJson } from './openurl.routes.js';
import type { Resolution } from './resolve.js';

function citation(qs: string): Citation {
  const kev = readKev(qs);
  if (!kev.ok) throw new Error(kev.reason);
  const r = readContextObject(kev.pairs);
  if (!r.ok) throw new Error(r.reason);
  return r.citation;
}

const hit = (over: Partial<SearchHit> = {}): SearchHit => ({
  clusterId: 7, title: '红楼梦', author: '曹雪芹', vernacularTitle: null, vernacularAuthor: null, year: 1982, format: 'book', language: 'chi', isbns: ['9787020002207'],
  holdings: { libraries: 2, availableCopies: 1, nearest: null }, score: 1, ...over,
});

const found = (c: Citation): Resolution => ({
  citation: c,
  problems: [{ field: 'rft.isbn', code: 'check-digit', value: '0306406153' }],
  foundBy: 'isbn',
  tried: ['isbn'],
  total: 1,
  matches: [{
    hit: hit(),
    availability: {
      copies: 3, available: 1, onLoan: 2, nextDue: '2026-12-20',
      libraries: [
        { symbol: 'CN-PKU', copies: 2, available: 1, onLoan: 1, inTransit: 0, referenceOnly: 0, nextDue: '2026-12-20' },
        { symbol: 'CN-THU', copies: 1, available: 0, onLoan: 1, inTransit: 0, referenceOnly: 0, nextDue: '2027-01-05' },
      ],
    },
  }],
  libraries: new Map([['CN-PKU', { zh: '北京大学图书馆', en: 'Peking University Library' }]]),
});

describe('the resolver page', () => {
  const c = citation('url_ver=Z39.88-2004&rft.btitle=%E7%BA%A2%E6%A5%BC%E6%A2%A6&rft.au=%E6%9B%B9%E9%9B%AA%E8%8A%B9&rft.isbn=9787020002207&rfr_id=info:sid/cnki.net');

  it('shows the citation, how it was found and each holding library with availability, in Chinese', () => {
    const html = resolutionPage(found(c), { locale: 'zh-CN', selfQuery: 'rft.isbn=9787020002207' });
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('按 ISBN 找到');
    expect(html).toContain('<dt>题名</dt><dd>红楼梦</dd>');
    expect(html).toMatch(/<th scope="row">北京大学图书馆 <small>\(CN-PKU\)<\/small><\/th><td class="n">2<\/td><td class="n">1<\/td>/);
    // A library the directory does not name is shown by its symbol.
    expect(html).toContain('<th scope="row">CN-THU</th>');
    expect(html).toContain('rft.isbn“0306406153”校验位错误');
    expect(html).toMatch(/href="\/ill\/request\?url_ver=Z39\.88-2004&amp;[^"]*&amp;cluster=7">通过馆际互借申请</);
    expect(html).toContain('href="/openurl?rft.isbn=9787020002207&amp;lang=en"');
  });

  it('says so in English when nothing was found, and offers to request anyway', () => {
    const html = resolutionPage({ ...found(c), foundBy: null, tried: ['isbn', 'title-author'], total: 0, matches: [], problems: [] }, { locale: 'en', selfQuery: '' });
    expect(html).toContain('Not in the union catalogue');
    expect(html).toContain('Looked for by: ISBN, title and author.');
    expect(html).toMatch(/<a class="action" href="\/ill\/request\?[^"]*rft.btitle=%E7%BA%A2%E6%A5%BC%E6%A2%A6[^"]*">Request it anyway through interlibrary loan<\/a>/);
    expect(html).not.toContain('cluster=');
  });

  it('escapes everything that came from the link or the catalogue', () => {
    const evil = citation('rft.btitle=%3Cscript%3Ealert(1)%3C%2Fscript%3E&rft.au=%22%3E%3Cimg+src%3Dx%3E&rfr_id=%3Cb%3E');
    const res = { ...found(evil), matches: [{ ...found(evil).matches[0]!, hit: hit({ title: '<i>t</i>', author: '"&' }) }] };
    const html = resolutionPage(res, { locale: 'en', selfQuery: 'a="><x>' });
    expect(html).not.toMatch(/<script|<img|<i>|<b>|<x>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;i&gt;t&lt;/i&gt;');
    expect(errorPage('<b>x</b>', [{ field: '<f>', message: '<m>' }], { locale: 'en', selfQuery: '' })).not.toMatch(/<b>|<f>|<m>/);
  });

  it('gives programs the citation, the clusters with their holdings and how they were found', () => {
    const json = resolutionJson(found(c), 'en');
    expect(json).toMatchObject({
      foundBy: 'isbn',
      explanation: { en: 'Found by ISBN', 'zh-CN': '按 ISBN 找到' },
      citation: { title: '红楼梦', isbns: ['9787020002207'] },
      problems: [{ field: 'rft.isbn', code: 'check-digit', message: 'rft.isbn “0306406153” has a wrong check digit; it was not used.' }],
      matches: [{ clusterId: 7, record: '/api/v1/clusters/7', holdings: { libraries: 2, copies: 3, available: 1, byLibrary: [{ symbol: 'CN-PKU', name: { en: 'Peking University Library' } }, { symbol: 'CN-THU', name: null }] } }],
    });
    expect(json.matches[0]!.illRequest).toMatch(/&cluster=7$/);
  });
});

describe('content negotiation', () => {
  it('answers JSON only when asked', () => {
    expect(wantsJson('application/json', undefined)).toBe(true);
    expect(wantsJson('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', undefined)).toBe(false);
    expect(wantsJson('text/html;q=0.5, application/json', undefined)).toBe(true);
    expect(wantsJson(undefined, undefined)).toBe(false);
    expect(wantsJson('*/*', 'json')).toBe(true);
    expect(wantsJson('application/json', 'html')).toBe(false);
  });
});
