import { describe, expect, it } from 'vitest';
import { readContextObject, readKev, type Citation } from './index.js';

/** Reads a query string the way the route does. */
function read(qs: string) {
  const kev = readKev(qs);
  if (!kev.ok) throw new Error(kev.reason);
  return { kev, result: readContextObject(kev.pairs) };
}
function citation(qs: string): Citation {
  const { result } = read(qs);
  if (!result.ok) throw new Error(result.reason);
  return result.citation;
}

describe('KEV strings (Z39.88-2004 Part 2)', () => {
  it('decodes UTF-8 percent-encodings and + as a space', () => {
    const kev = readKev('rft.btitle=%E7%BA%A2%E6%A5%BC%E6%A2%A6&rft.au=Cao+Xueqin');
    expect(kev).toMatchObject({ ok: true, fallbacks: [], pairs: [{ key: 'rft.btitle', value: '红楼梦' }, { key: 'rft.au', value: 'Cao Xueqin' }] });
  });

  it('reads a Latin-1 value that is not UTF-8, and says so', () => {
    expect(readKev('rft.aulast=L%E4ird')).toMatchObject({ ok: true, pairs: [{ value: 'Läird' }], fallbacks: [{ encoding: 'windows-1252' }] });
    const kev = readKev('rft.btitle=Caf%E9+des+arts&rft.au=Bront%EB');
    expect(kev).toMatchObject({
      ok: true,
      pairs: [{ value: 'Café des arts' }, { value: 'Brontë' }],
      fallbacks: [{ key: 'rft.btitle', encoding: 'windows-1252' }, { key: 'rft.au', encoding: 'windows-1252' }],
    });
  });

  it('reads a GBK value from a Chinese database as GB18030, and says so', () => {
    const gbk = [...Buffer.from('ºìÂ¥ÃÎ', 'latin1')].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    expect(readKev(`title=${gbk}`)).toMatchObject({ ok: true, pairs: [{ value: '红楼梦' }], fallbacks: [{ key: 'title', encoding: 'gb18030' }] });
  });

  it('honours a declared ctx_enc', () => {
    expect(readKev('ctx_enc=info%3Aofi%2Fenc%3AISO-8859-1&rft.au=M%FCller')).toMatchObject({ ok: true, pairs: [{}, { value: 'Müller' }], fallbacks: [] });
  });

  it('turns control characters into spaces and refuses very long strings', () => {
    expect(readKev('rft.btitle=a%00b%0A%0Ac')).toMatchObject({ ok: true, pairs: [{ value: 'a b c' }] });
    expect(readKev(`rft.btitle=${'x'.repeat(10_000)}`)).toMatchObject({ ok: false, reason: 'too-long' });
    expect(readKev(Array.from({ length: 300 }, (_, i) => `k${i}=v`).join('&'))).toMatchObject({ ok: false, reason: 'too-many-pairs' });
  });
});

describe('reading a context object', () => {
  it('reads a 1.0 book: titles, authors, ISBN-10 made ISBN-13, date and publisher', () => {
    const c = citation(
      'url_ver=Z39.88-2004&ctx_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Abook&rfr_id=info%3Asid%2Fcnki.net' +
        '&rft.btitle=Hong+lou+meng&rft.aulast=Cao&rft.aufirst=Xueqin&rft.isbn=7-02-000220-X&rft.date=1982&rft.pub=Renmin&rft.place=Beijing&rft.edition=2nd',
    );
    expect(c).toMatchObject({
      version: '1.0', genre: 'book', format: 'book', title: 'Hong lou meng', year: 1982, publisher: 'Renmin', place: 'Beijing', edition: '2nd',
      isbns: ['9787020002207'], referrer: 'info:sid/cnki.net', authors: [{ last: 'Cao', first: 'Xueqin', full: 'Cao, Xueqin' }],
    });
  });

  it('reads a 1.0 journal article: the journal title, ISSN and eISSN, pages, DOI from rft_id', () => {
    const c = citation(
      'url_ver=Z39.88-2004&rft_val_fmt=info:ofi/fmt:kev:mtx:journal&rft.genre=article&rft.atitle=On+growth&rft.jtitle=Nature' +
        '&rft.issn=0028-0836&rft.eissn=1476-4687&rft.volume=12&rft.issue=3&rft.pages=101-110&rft.date=2003-05-01' +
        '&rft_id=info:doi/10.1038/NATURE01234&rft_id=info:pmid/12345678&rft.au=Smith%2C+John&rft.au=Li+Wei',
    );
    expect(c).toMatchObject({
      genre: 'article', articleTitle: 'On growth', journalTitle: 'Nature', title: null, issns: ['0028-0836', '1476-4687'],
      volume: '12', issue: '3', startPage: '101', endPage: '110', year: 2003, doi: '10.1038/nature01234', pmid: '12345678',
    });
    expect(c.authors.map((a) => a.last)).toEqual(['Smith', 'Wei']);
  });

  it('takes the journal format’s rft.title as the journal title, and infers the genre when none is given', () => {
    expect(citation('url_ver=Z39.88-2004&rft_val_fmt=info:ofi/fmt:kev:mtx:journal&rft.title=Science&rft.issn=0036-8075')).toMatchObject({ genre: 'journal', journalTitle: 'Science' });
    expect(citation('rft.atitle=A+chapter&rft.btitle=The+book&rft.isbn=9787020002207')).toMatchObject({ genre: 'chapter', title: 'The book', articleTitle: 'A chapter' });
    expect(citation('url_ver=Z39.88-2004&rft_val_fmt=info:ofi/fmt:kev:mtx:dissertation&rft.title=On+X&rft.inst=Peking+University')).toMatchObject({ genre: 'dissertation', title: 'On X', publisher: 'Peking University' });
  });

  it('reads identifiers from rft_id URIs: info:isbn, urn:ISBN, info:oclcnum, info:lccn', () => {
    const c = citation('rft_id=urn:ISBN:978-7-02-000220-7&rft_id=info:oclcnum/ocm00012345&rft_id=info:lccn/n78-890351&rft_id=info:isbn/0306406152&rft.btitle=X');
    expect(c).toMatchObject({ isbns: ['9787020002207', '9780306406157'], oclc: '12345', lccn: 'n78890351' });
  });

  it('reads the 0.1 form: sid, genre, title, aulast, id=doi:', () => {
    const c = citation('sid=EBSCO:aph&genre=article&atitle=Growth&title=Nature&issn=00280836&aulast=Smith&date=2003&id=doi:10.1038/x1&pid=%3Cauthor%3Ex%3C/author%3E');
    expect(c).toMatchObject({ version: '0.1', genre: 'article', journalTitle: 'Nature', articleTitle: 'Growth', issns: ['0028-0836'], doi: '10.1038/x1', referrer: 'EBSCO:aph', authors: [{ last: 'Smith' }] });
    expect(citation('sid=x&genre=book&title=Wei+cheng&isbn=9787020024759')).toMatchObject({ genre: 'book', title: 'Wei cheng', journalTitle: null });
  });

  it('reports bad check digits and dates and leaves the numbers out', () => {
    const { result } = read('rft.btitle=X&rft.isbn=0306406153&rft.issn=0028-0837&rft.date=circa&rft_id=info:doi/nonsense');
    expect(result).toMatchObject({
      ok: true,
      citation: { isbns: [], issns: [], doi: null, year: null },
      problems: [
        { field: 'rft.isbn', code: 'check-digit', value: '0306406153' },
        { field: 'rft.issn', code: 'check-digit', value: '0028-0837' },
        { field: 'rft_id', code: 'malformed', value: 'nonsense' },
        { field: 'rft.date', code: 'bad-date', value: 'circa' },
      ],
    });
  });

  it('refuses another OpenURL version and says which key', () => {
    expect(read('url_ver=Z39.88-2003&rft.btitle=X').result).toEqual({ ok: false, reason: 'unsupported-version', field: 'url_ver', value: 'Z39.88-2003' });
    expect(read('url_ver=Z39.88-2004&url_ctx_fmt=info:ofi/fmt:xml:xsd:ctx&url_ctx_val=%3Cctx%2F%3E').result).toMatchObject({ ok: false, field: 'url_ctx_fmt' });
  });

  it('refuses a context object with nothing to look for', () => {
    expect(read('url_ver=Z39.88-2004&rft.date=2001&rft.au=Smith').result).toMatchObject({ ok: false, reason: 'no-metadata' });
    expect(read('sid=x&isbn=123').result).toMatchObject({ ok: false, reason: 'no-metadata', problems: [{ field: 'isbn', code: 'malformed' }] });
  });
});
