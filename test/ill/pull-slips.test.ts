/**
 * Pull slips through the REST API: a batch of the lending desk's requests as printable HTML and
 * as PDF, with the lender's call numbers, the requester, the pickup, the needed-by date and the
 * request id's barcode; Chinese titles drawn with a CJK font.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { code128Svg } from '../../src/modules/ill/slips/code128.js';
import { aBook, asInput } from '../catalog/records.js';
import { aLibrary, loadDirectory } from '../network/factories.js';
import { anAccount, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';

describe('interlibrary loan: pull slips', () => {
  let t: TestApp;
  let lender: TestAccount;
  let otherLender: TestAccount;
  const supplies: number[] = [];

  const get = (url: string, who: TestAccount, lang = 'en') => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { ...who.headers, 'accept-language': lang } });

  beforeAll(async () => {
    t = await testApp();
    await loadDirectory(t, { libraries: [aLibrary({ symbol: 'CN-BOR', name: { zh: '南京借阅馆', en: 'Nanjing Borrowing Library' } }), aLibrary({ symbol: 'CN-NEAR' }), aLibrary({ symbol: 'CN-MID' })] });
    const books = [
      { id: 'red', title: '红楼梦', author: '曹雪芹', isbn: '9787020002207', callNumber: 'I242.4/C12' },
      { id: 'stone', title: 'Story of the stone', author: 'Cao Xueqin', isbn: '9780140443714', callNumber: 'PL2727.S2 E5' },
      { id: 'essays', title: 'Selected essays', author: 'Lu Xun', isbn: '9787532512345', callNumber: 'I210.6/L9' },
      { id: 'poems', title: '唐诗三百首', author: '蘅塘退士', isbn: '9787101003048', callNumber: 'I222.742/H4' },
    ];
    const clusters: number[] = [];
    for (const b of books) {
      await ingestRecords(t.db, { library: 'CN-NEAR', records: [asInput(aBook({ ...b, holding: { library: 'CN-NEAR', callNumber: b.callNumber, barcode: `N-${b.id}` } }))], via: 'test' });
      clusters.push((await t.app.inject({ method: 'GET', url: `/api/v1/libraries/CN-NEAR/items?barcode=N-${b.id}` })).json().items[0].clusterId);
    }
    lender = await anAccount(t, { role: 'library-staff', library: 'CN-NEAR', permissions: ['lending'] });
    otherLender = await anAccount(t, { role: 'library-staff', library: 'CN-MID', permissions: ['lending'] });
    const reader = await anAccount(t, { role: 'reader', library: 'CN-BOR' });
    for (const [i, clusterId] of clusters.entries()) {
      const body = i === 3
        ? { clusterId, service: 'copy', articleTitle: '卷一 五言古诗', pages: '1-20', neededBy: '2099-05-01' }
        : { clusterId, service: 'loan', pickupLocation: i === 0 ? '东区总服务台' : 'Main desk', neededBy: `2099-0${i + 1}-15` };
      const r = (await t.app.inject({ method: 'POST', url: '/api/v1/ill/requests', headers: reader.headers, payload: body })).json();
      supplies.push(r.lendingRequestId);
      await t.app.inject({ method: 'POST', url: `/api/v1/ill/supplier/${r.lendingRequestId}/actions/will-supply`, headers: lender.headers, payload: {} });
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('prints the waiting requests as one HTML page: every fact of a slip, a barcode, print CSS', async () => {
    const res = await get('/ill/lending/pull-slips', lender);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('break-inside: avoid');
    expect(html.match(/<section class="slip"/g)).toHaveLength(4);
    // By needed-by date: the copy (May) last.
    expect([...html.matchAll(/data-lending-request="(\d+)"/g)].map((m) => Number(m[1]))).toEqual(supplies);
    const first = html.slice(html.indexOf('<section'), html.indexOf('</section>'));
    for (const fact of [`LEND-${supplies[0]}`, 'I242.4/C12', '红楼梦', '曹雪芹', 'Nanjing Borrowing Library (CN-BOR)', '东区总服务台', '2099-01-15']) expect(first).toContain(fact);
    expect(first).toContain(code128Svg(`LEND-${supplies[0]}`));
    expect(html).toContain('卷一 五言古诗, pp. 1-20');
  });

  it('speaks the desk’s language and prints only the requests named', async () => {
    const res = await get(`/ill/lending/pull-slips?ids=${supplies[1]},${supplies[2]}`, lender, 'zh-CN');
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('索书号');
    expect(res.body).toContain('南京借阅馆 (CN-BOR)');
    expect(res.body.match(/<section class="slip"/g)).toHaveLength(2);
    expect((await get(`/ill/lending/pull-slips?ids=${supplies[3]}`, lender, 'zh-CN')).body).toContain('卷一 五言古诗，第 1-20 页');
    // Another library's desk sees none of them: the ids are not its requests.
    expect((await get(`/ill/lending/pull-slips?ids=${supplies[1]}&library=CN-MID`, otherLender)).json()).toMatchObject({ status: 404, code: 'ILL_SUPPLY_NOT_FOUND' });
    expect((await get('/ill/lending/pull-slips?library=CN-NEAR', otherLender)).statusCode).toBe(403);
    expect((await get('/ill/lending/pull-slips?ids=1,x', lender)).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('prints the same batch as PDF, three slips a page, Chinese titles in an embedded CJK font', async () => {
    const res = await get('/ill/lending/pull-slips?format=pdf', lender);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf).toMatch(/\/Type \/Pages\s*\/Count 2/);
    // Needs a font with Chinese glyphs on the machine (Debian: fonts-wqy-microhei).
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+(WenQuanYi|NotoSansCJK|NotoSerifCJK)/);
  });

  it('the desk scans a slip’s barcode to mark the request picked and to ship it', async () => {
    const scan = (who: TestAccount, body: object) => t.app.inject({ method: 'POST', url: '/api/v1/ill/lending/scan', headers: { ...who.headers, 'accept-language': 'en' }, payload: body });
    const id = supplies[1]!;
    expect((await scan(lender, { barcode: `LEND-${id}`, action: 'ship' })).json()).toMatchObject({ status: 409, code: 'ILL_ACTION_REFUSED' });
    expect((await scan(lender, { barcode: `lend-${id}`, action: 'mark-picked' })).json()).toMatchObject({ id, state: 'awaiting-shipping' });
    expect((await scan(lender, { barcode: `LEND-${id}`, action: 'ship', dueDate: '2099-06-30' })).json()).toMatchObject({ id, state: 'shipped', dueDate: '2099-06-30' });
    expect((await scan(otherLender, { barcode: `LEND-${supplies[2]}`, action: 'mark-picked' })).json()).toMatchObject({ status: 403, code: 'ILL_NOT_YOUR_LIBRARY' });
    expect((await scan(lender, { barcode: 'ISBN 9787020002207', action: 'mark-picked' })).json()).toMatchObject({ status: 404, code: 'ILL_SUPPLY_NOT_FOUND' });
  });
});
