/**
 * The OpenURL resolver end to end: real records (shared/data/marc) ingested for two libraries,
 * indexed, then links as databases send them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords, type MarcRecord } from '../../src/modules/catalog/index.js';
import { readIso2709Sync, readMarcXmlSync } from '../../src/modules/catalog/domain/marc/index.js';
import { importNetwork } from '../../src/modules/network/index.js';
import { searchIndexFor } from '../../src/modules/search/index.js';
import { aLibrary } from '../network/factories.js';
import { testApp, type TestApp } from '../support/app.js';
import { sharedPath } from '../support/shared.js';

const readable = (results: Iterable<{ ok: boolean; record?: MarcRecord }>): MarcRecord[] =>
  [...results].filter((r) => r.ok && r.record).map((r) => r.record!);
const iso2709 = (file: string) => readable(readIso2709Sync(readFileSync(sharedPath('data/marc', file))));
const marcxml = (file: string) => readable(readMarcXmlSync(readFileSync(sharedPath('data/marc', file))));
const field = (r: MarcRecord, tag: string) => r.fields.some((f) => f.tag === tag);

/** The record with one copy at the library (852 $a library $p barcode), so that it has holdings. */
const heldAt = (r: MarcRecord, library: string, barcode: string): MarcRecord => ({
  ...r,
  fields: [...r.fields.filter((f) => f.tag !== '852'), { tag: '852', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: library }, { code: 'b', value: 'Stacks' }, { code: 'p', value: barcode }] }],
});

describe('OpenURL resolver (/openurl)', () => {
  let t: TestApp;
  const get = (query: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/openurl?${query}`, headers });
  const json = async (query: string) => {
    const res = await get(query, { accept: 'application/json' });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await testApp();
    await importNetwork(t.db, {
      libraries: [
        aLibrary({ symbol: 'CN-PKU', name: { zh: '北京大学图书馆', en: 'Peking University Library' } }),
        aLibrary({ symbol: 'CN-THU', name: { zh: '清华大学图书馆', en: 'Tsinghua University Library' } }),
      ],
    });
    // 车票去哪儿了 (simplified, in 880; ISBN 9787572101014 / 7572101011), 紫禁城宮殿 (traditional, ISBN-10 9620750012),
    // jazz scores and books, and the two jazz serials with an ISSN (Down Beat 0012-5768, Opus 1494-9393).
    const [chePiao] = marcxml('yaz/marc12.xml');
    const [zijincheng] = iso2709('stanford/u2103.mrc');
    const jazz = iso2709('evergreen/jazz_1k.mrc');
    // Evergreen's e-books with DOIs in 856 (doi.org links) and Japanese names in 880.
    const ebooks = marcxml('evergreen/bibs_graphic_880.xml');
    const books = [...jazz.slice(0, 120), ...jazz.filter((r) => field(r, '022')), ...ebooks];
    const ingest = (library: string, records: MarcRecord[]) =>
      ingestRecords(t.db, { library, records: records.map((record) => ({ record, flavour: 'marc21', sourceFormat: 'iso2709' })), via: 'test' });
    await ingest('CN-PKU', [heldAt(chePiao!, 'CN-PKU', 'P0001'), ...books.map((r, i) => heldAt(r, 'CN-PKU', `P${1000 + i}`))]);
    await ingest('CN-THU', [heldAt(chePiao!, 'CN-THU', 'T0001'), heldAt(zijincheng!, 'CN-THU', 'T0002')]);
    await searchIndexFor(t.db).catchUp();
    // Some 140 records ingested and indexed: more than the default hook time on a busy machine.
  }, 240_000);
  afterAll(() => t?.close());

  describe('finds the work', () => {
    it('by ISBN-13 with hyphens, with each holding library’s copies', async () => {
      const body = await json('url_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Abook&rft.isbn=978-7-5721-0101-4');
      expect(body.foundBy).toBe('isbn');
      expect(body.explanation).toEqual({ en: 'Found by ISBN', 'zh-CN': '按 ISBN 找到' });
      expect(body.matches).toHaveLength(1);
      expect(body.matches[0].holdings).toMatchObject({
        libraries: 2,
        copies: 2,
        byLibrary: [
          { symbol: 'CN-PKU', name: { zh: '北京大学图书馆' }, copies: 1 },
          { symbol: 'CN-THU', name: { en: 'Tsinghua University Library' }, copies: 1 },
        ],
      });
    });

    it('by ISBN-10 with hyphens, and in an rft_id urn:ISBN', async () => {
      const byTen = await json('url_ver=Z39.88-2004&rft.isbn=962-07-5001-2');
      expect(byTen).toMatchObject({ foundBy: 'isbn', citation: { isbns: ['9789620750014'] }, matches: [{ holdings: { byLibrary: [{ symbol: 'CN-THU' }] } }] });
      const byUrn = await json('url_ver=Z39.88-2004&rft_id=urn%3AISBN%3A7-5721-0101-1');
      expect(byUrn.matches[0].clusterId).toBe((await json('rft.isbn=9787572101014')).matches[0].clusterId);
    });

    it('by ISSN: an article’s journal, in the 0.1 form', async () => {
      const body = await json('sid=EBSCO%3Arih&genre=article&atitle=Blindfold+test&title=Down+beat&issn=0012-5768&date=1985&volume=52&spage=30');
      expect(body).toMatchObject({ foundBy: 'issn', citation: { version: '0.1', genre: 'article', journalTitle: 'Down beat', referrer: 'EBSCO:rih' } });
      expect(body.matches[0].title).toMatch(/Down beat/i);
    });

    it('by OCLC number and by LCCN (system numbers of the Opus serial record)', async () => {
      const byOclc = await json('url_ver=Z39.88-2004&rft_id=info%3Aoclcnum%2F43327883');
      expect(byOclc).toMatchObject({ foundBy: 'oclc', citation: { oclc: '43327883' } });
      expect(byOclc.matches[0].title).toMatch(/^Opus/);
      const byLccn = await json('url_ver=Z39.88-2004&rft_id=info%3Alccn%2F00222021');
      expect(byLccn).toMatchObject({ foundBy: 'lccn', matches: [{ clusterId: byOclc.matches[0].clusterId }] });
    });

    it('by DOI, however it is written', async () => {
      const body = await json('url_ver=Z39.88-2004&rft_val_fmt=info:ofi/fmt:kev:mtx:book&rft_id=info%3Adoi%2F10.1007%2FBFB0070997');
      expect(body).toMatchObject({ foundBy: 'doi', citation: { doi: '10.1007/bfb0070997' } });
      expect(body.matches[0].title).toMatch(/^Spectral representations for Schr/);
      expect((await json('id=doi:10.1007/bfb0070997&genre=book')).matches[0].clusterId).toBe(body.matches[0].clusterId);
    });

    it('by title, author and year without the diacritics the record has (Schrödinger, Saitō)', async () => {
      const body = await json('url_ver=Z39.88-2004&rft.btitle=Spectral+representations+for+Schrodinger+operators+with+long-range+potentials&rft.aulast=Saito&rft.date=1979');
      expect(body.foundBy).toBe('title-author-year');
      expect(body.matches[0].title).toMatch(/^Spectral representations/);
    });

    it('by title, author and year in English, the year allowed to differ by one', async () => {
      const body = await json('url_ver=Z39.88-2004&rft_val_fmt=info:ofi/fmt:kev:mtx:book&rft.btitle=The+Incredible+Jazz+Guitar+of+Wes+Montgomery&rft.aulast=Montgomery&rft.aufirst=Wes&rft.date=1961');
      expect(body.foundBy).toBe('title-author-year');
      expect(body.matches[0].title).toMatch(/incredible jazz guitar of Wes Montgomery/i);
    });

    it('by title, author and year in Chinese: traditional forms find a simplified record and back', async () => {
      // 車票去哪兒了 / 劉旭恭 (traditional) → the record's 车票去哪儿了 / 刘旭恭.
      const trad = await json(`url_ver=Z39.88-2004&rft.btitle=${encodeURIComponent('車票去哪兒了')}&rft.au=${encodeURIComponent('劉旭恭')}&rft.date=2020`);
      expect(trad.foundBy).toBe('title-author-year');
      expect(trad.matches[0].isbns).toContain('9787572101014');
      // 紫禁城宫殿 / 于倬云 (simplified) → the record's 紫禁城宮殿 / 于倬雲.
      const simp = await json(`url_ver=Z39.88-2004&rft.btitle=${encodeURIComponent('紫禁城宫殿')}&rft.au=${encodeURIComponent('于倬云')}&rft.date=1982`);
      expect(simp.foundBy).toBe('title-author-year');
      expect(simp.matches[0].holdings.byLibrary).toMatchObject([{ symbol: 'CN-THU' }]);
    });

    it('by title and author in the 0.1 form, from a form POST', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/openurl?format=json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'sid=jstor&genre=book&title=Jazz+riffs+for+bass&aulast=Laird',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ foundBy: 'title-author', matches: [{ title: expect.stringMatching(/Jazz riffs for bass/i) }] });
      // The form may choose the page's language too.
      const page = await t.app.inject({
        method: 'POST',
        url: '/openurl',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
        payload: 'lang=zh-CN&sid=jstor&genre=book&title=Jazz+riffs+for+bass&aulast=Laird',
      });
      expect(page.body).toContain('<html lang="zh-CN">');
      expect(page.body).toContain('按题名和著者找到');
    });
  });

  describe('the page', () => {
    const link = 'url_ver=Z39.88-2004&rft.isbn=9787572101014&rft.btitle=%E8%BD%A6%E7%A5%A8%E5%8E%BB%E5%93%AA%E5%84%BF%E4%BA%86&rfr_id=info%3Asid%2Fcnki.net';

    it('is HTML in Chinese for a Chinese browser, with holdings and the interlibrary-loan link', async () => {
      const res = await get(link, { accept: 'text/html,*/*;q=0.8', 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<html lang="zh-CN">');
      expect(res.body).toContain('按 ISBN 找到');
      expect(res.body).toContain('北京大学图书馆');
      expect(res.body).toMatch(/href="\/ill\/request\?url_ver=Z39\.88-2004&amp;[^"]*rft.isbn=9787572101014[^"]*&amp;cluster=\d+">通过馆际互借申请<\/a>/);
    });

    it('is in English with ?lang=en', async () => {
      const res = await get(`${link}&lang=en`, { 'accept-language': 'zh-CN' });
      expect(res.body).toContain('<html lang="en">');
      expect(res.body).toContain('Found by ISBN');
      expect(res.body).toContain('Peking University Library');
      expect(res.body).toContain('Request through interlibrary loan');
    });

    it('says when the work is not in the union catalogue, and offers to request it anyway', async () => {
      const q = 'url_ver=Z39.88-2004&rft.btitle=A+history+of+nowhere+in+particular&rft.aulast=Nobody&rft.date=2011';
      const res = await get(`${q}&lang=en`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Not in the union catalogue');
      expect(res.body).toContain('Looked for by: title, author and year, title and author.');
      expect(res.body).toMatch(/<a class="action" href="\/ill\/request\?[^"]*rft.btitle=A%20history%20of%20nowhere[^"]*">Request it anyway through interlibrary loan<\/a>/);
      expect(await json(q)).toMatchObject({ foundBy: null, matches: [], total: 0, illRequest: expect.stringMatching(/^\/ill\/request\?/) });
    });

    it('reads a Latin-1 link and says so', async () => {
      const body = await json('rft.btitle=Jazz+riffs+for+bass&rft.aulast=L%E4ird');
      expect(body.problems).toContainEqual(expect.objectContaining({ field: 'rft.aulast', code: 'encoding' }));
      expect(body.citation.authors[0].last).toBe('Läird');
    });
  });

  describe('bad input', () => {
    it('names what is missing, in the reader’s language, as a page and as a problem', async () => {
      const page = await get('url_ver=Z39.88-2004&rft.date=2001&rft.isbn=12345', { 'accept-language': 'zh-CN' });
      expect(page.statusCode).toBe(400);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('链接中没有可供查找的内容');
      expect(page.body).toContain('<code>rft.isbn</code>');
      const problem = await get('url_ver=Z39.88-2004&rft.date=2001&format=json');
      expect(problem.statusCode).toBe(400);
      expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problem.json()).toMatchObject({ code: 'OPENURL_NO_METADATA', detail: expect.stringContaining('ISBN, ISSN, DOI') });
      expect((await get('')).statusCode).toBe(400);
    });

    it('refuses another OpenURL version', async () => {
      const res = await get('url_ver=Z39.88-2003&rft.btitle=X', { accept: 'application/json' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'OPENURL_UNSUPPORTED_VERSION', detail: expect.stringContaining('url_ver=Z39.88-2003') });
    });

    it('refuses a 10 KB link without searching', async () => {
      const res = await get(`url_ver=Z39.88-2004&rft.btitle=${'a'.repeat(10 * 1024)}`);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('too long');
    });

    it('answers odd links without a server error: query syntax, broken encodings, long titles, full-width and Korean text', async () => {
      const odd = [
        'rft.btitle=((((', 'rft.btitle=AND+OR+NOT', 'rft.btitle=*%22', 'rft.btitle=%E0%A4%A', '=&=&&', 'rft.btitle=jazz&rft.au=(Smith)*:%26|!',
        `rft.btitle=${'word+'.repeat(300)}`, `rft.btitle=${encodeURIComponent('ｊａｚｚ　ｒｉｆｆｓ')}`, `rft.btitle=${encodeURIComponent('전쟁과 평화')}`,
        'rft_id=info:doi/10.1002/(sici)1097-4571(199806)49:8%3C693::aid-asi3%3E3.0.co;2-o', 'rft.btitle=jazz&rft.date=1990-13-45&rft.pages=1-2-3',
      ];
      for (const q of odd) {
        for (const accept of ['text/html', 'application/json']) {
          const res = await get(q, { accept });
          expect([200, 400], `${q} (${accept})`).toContain(res.statusCode);
        }
      }
      // Full-width forms fold: ｊａｚｚ ｒｉｆｆｓ is "jazz riffs".
      expect((await json(`rft.btitle=${encodeURIComponent('ｊａｚｚ　ｒｉｆｆｓ')}&rft.aulast=Laird`)).foundBy).toBe('title-author');
    });

    it('escapes what the link says', async () => {
      const res = await get('rft.btitle=%3Cscript%3Ealert(1)%3C%2Fscript%3E&rfr_id=%22%3E%3Cimg%20src%3Dx%3E');
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/<script|<img/);
      expect(res.body).toContain('&lt;script&gt;');
    });
  });
});
