import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fromRoot } from '../../src/platform/paths.js';
import { apiSession, ensureWebBuilt, launchChromium, screenshot, seriousViolations, startPortal, type Portal } from './support/portal.js';

/**
 * The reader portal as a reader uses it (issue 7), in Debian's Chromium against the real server
 * with the demo network: search in Chinese, results with facets, a record with its holdings,
 * the other language, a loan request with sign-in on the way, "my requests"; axe-core on each
 * main page; a phone's 375-pixel screen. Screenshots go to test-results/web/.
 */
// A busy machine (CI shares two cores) makes a browser slow: generous limits, with Playwright's
// own shorter so a stuck step names itself.
describe('the reader portal in a browser', { timeout: 120_000 }, () => {
  let portal: Portal;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** What the browser refused under the page's content security policy, on any page of the run. */
  const refusedByPolicy: string[] = [];

  beforeAll(async () => {
    [, portal, browser] = await Promise.all([ensureWebBuilt(), startPortal(), launchChromium()]);
    // Nanjing University's readers sign in through its CAS server (identity providers, issue 6).
    const asLibraryAdmin = await apiSession(portal, 'admin@nju.demo.anylib.org');
    const added = await asLibraryAdmin('/libraries/CN-NJU/identity-providers', { kind: 'cas', name: '南京大学统一身份认证', serverUrl: 'https://cas.nju.example/cas' });
    expect(added.status, await added.clone().text()).toBe(201);
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(60_000);
    page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refusedByPolicy.push(m.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  const expectAccessibleOn = async (on: Page, name: string) => {
    expect(await seriousViolations(on), `${name}: serious or critical axe-core violations`).toEqual([]);
  };
  const expectAccessible = (name: string) => expectAccessibleOn(page, name);

  it('greets a reader whose browser asks for Chinese in Chinese, with one search box', async () => {
    await page.goto(portal.url);
    await expect.poll(() => page.locator('h1').textContent()).toBe('检索联盟各馆馆藏');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByRole('combobox', { name: '检索联合目录' }).count()).toBe(1);
    await screenshot(page, '01-home-zh');
    await expectAccessible('home');
  });

  it('suggests titles while the reader types, and searches on Enter', async () => {
    const box = page.getByRole('combobox', { name: '检索联合目录' });
    await box.fill('中国');
    const options = page.getByRole('listbox', { name: '推荐题名' }).getByRole('option');
    await options.first().waitFor();
    expect(await options.count()).toBeGreaterThan(0);
    expect(await options.first().textContent()).toMatch(/中國|中国/);
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('中国');
  });

  it('shows the results with facets and each title’s holdings, and the address holds the search', async () => {
    const heading = page.locator('#results-heading');
    await expect.poll(() => heading.textContent()).toMatch(/^共 \d+ 条结果$/);
    expect(await page.getByRole('group', { name: '文献类型' }).count()).toBe(1);
    expect(await page.getByRole('group', { name: '馆藏单位' }).count()).toBe(1);
    const hits = page.locator('.hit');
    expect(await hits.count()).toBeGreaterThan(0);
    expect(await hits.first().textContent()).toMatch(/个图书馆收藏/);
    await screenshot(page, '02-results-zh');
    await expectAccessible('results');

    // A facet narrows the search to the count it showed; the address says so, and the same
    // address opened elsewhere shows the same results.
    const facet = page.getByRole('group', { name: '馆藏单位' }).locator('li').first();
    const expected = Number((await facet.locator('.count').textContent())!.replace(/\D/g, ''));
    await facet.getByRole('checkbox').check();
    await page.waitForURL(/library=/);
    const narrowed = new URL(page.url());
    await expect.poll(() => heading.textContent()).toBe(`共 ${expected} 条结果`);
    await page.locator('.results-main[aria-busy="false"]').waitFor();
    const shown = await page.locator('.hit-title').allTextContents();
    expect(shown).toHaveLength(Math.min(expected, 20));
    const again = await context.newPage();
    await again.goto(narrowed.href);
    await expect.poll(() => again.locator('#results-heading').textContent()).toBe(`共 ${expected} 条结果`);
    expect(await again.locator('.hit-title').allTextContents()).toEqual(shown);
    expect(await again.getByRole('group', { name: '馆藏单位' }).getByRole('checkbox').first().isChecked()).toBe(true);
    await again.close();
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('library'));
  });

  it('opens a record with every holding library, call number and status', async () => {
    await page.locator('.hit-title a').first().click();
    await page.waitForURL(/\/clusters\/\d+$/);
    const holdings = page.getByRole('region', { name: '馆藏信息' });
    await holdings.locator('.holding').first().waitFor();
    // The library's name from the directory, not only its symbol.
    await expect.poll(() => holdings.locator('.holding h3').first().textContent()).toMatch(/图书馆/);
    const text = (await holdings.textContent()) ?? '';
    expect(text).toMatch(/索书号/);
    expect(text).toMatch(/在架|已借出|运送中|仅限馆内阅览|不可借/);
    expect(await page.getByRole('link', { name: '申请馆际互借' }).count()).toBe(1);
    await screenshot(page, '03-cluster-zh');
    await expectAccessible('cluster');
  });

  it('switches to English on request, remembers it, and tells the page’s language', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Where to find it' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.evaluate(() => localStorage.getItem('anylib.language'))).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Where to find it' }).waitFor();
    await screenshot(page, '04-cluster-en');
    await expectAccessible('cluster in English');
  });

  it('asks the reader to sign in before a request, then places a loan and tells where it went', async () => {
    const cluster = new URL(page.url()).pathname;
    await page.getByRole('link', { name: 'Request this' }).click();
    await page.waitForURL(/\/sign-in\?returnTo=/);
    // "Where are you from?": part of the library's name finds it; it is remembered for next time.
    await page.getByLabel("Where are you from? Type your library's name").fill('南京大学');
    await page.getByRole('button', { name: /^Nanjing University Library CN-NJU$/ }).click();
    await page.getByText('Your library:').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('anylib.library'))).toBe('CN-NJU');
    // Its sign-in starts at the library's provider and comes back to the request afterwards.
    const viaCas = page.getByRole('link', { name: 'Sign in with 南京大学统一身份认证' });
    const start = new URL((await viaCas.getAttribute('href'))!, portal.url);
    expect(start.pathname).toMatch(/^\/api\/v1\/auth\/libraries\/CN-NJU\/sign-in\/\d+$/);
    expect(start.searchParams.get('returnTo')).toBe(`${cluster}/request`);
    await screenshot(page, '05-sign-in');
    await expectAccessible('sign-in');
    await page.getByLabel('E-mail address', { exact: true }).fill(portal.reader.email);
    await page.getByLabel('Password', { exact: true }).fill(portal.reader.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**${cluster}/request`);

    await page.getByRole('radio', { name: 'Borrow the item' }).check();
    await page.getByRole('button', { name: 'Send the request' }).click();
    const answer = page.locator('.notice, [role="alert"]').first();
    await answer.waitFor();
    await screenshot(page, '06-request-answer');
    const said = (await answer.textContent()) ?? '';
    // Placed (and where it went first), refused with the reasons, or a question: always in words.
    expect(said).toMatch(/has gone first to|is looking for a library|No library in the network can supply|copyright limit|cannot be placed|Place the interlibrary request anyway/);
    if (/Place the interlibrary request anyway/.test(said)) await page.getByRole('button', { name: 'Place it anyway' }).click();
    if (!/cannot be placed/.test(said)) {
      await page.getByRole('heading', { name: 'Request placed' }).waitFor();
      await page.getByRole('link', { name: 'Follow your request' }).click();
      await page.getByRole('heading', { name: 'What has happened' }).waitFor();
      expect(await page.locator('.timeline li').count()).toBeGreaterThan(1);
      await screenshot(page, '07-request-timeline');
      await page.getByRole('link', { name: 'My requests', exact: true }).click();
      await page.locator('.request-card').first().waitFor();
      await expectAccessible('my requests');
    }
  });

  it('fills the request form from an OpenURL link (the resolver’s “request through interlibrary loan”)', async () => {
    const link = new URLSearchParams({ 'rft.genre': 'article', 'rft.atitle': '论中国哲学', 'rft.jtitle': '哲学研究', 'rft.date': '1985', 'rft.spage': '45', 'rft.epage': '60' });
    await page.goto(`${portal.url}/ill/request?${link}`);
    await page.getByRole('heading', { name: 'Request through interlibrary loan' }).waitFor();
    expect(await page.getByText('哲学研究', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('radio', { name: 'A copy (article or chapter)' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Article or chapter title').inputValue()).toBe('论中国哲学');
    expect(await page.getByLabel('Pages').inputValue()).toBe('45-60');
    await expectAccessible('request form');
    await page.getByRole('button', { name: 'Send the request' }).click();
    const answer = page.locator('.notice, [role="alert"]').first();
    await answer.waitFor();
    await screenshot(page, '08-openurl-request');
    expect(await answer.textContent()).toMatch(/has gone first to|is looking for a library|No library in the network can supply|copyright limit|cannot be placed|Place the interlibrary request anyway/);
  });

  it('sends a reader whose session ended to sign in, and back to the page afterwards', async () => {
    await context.clearCookies();
    await page.goto(`${portal.url}/requests`);
    // The page still believes in the session it loaded; the API's 401 tells it otherwise.
    await page.waitForURL(/\/sign-in\?/);
    await page.getByLabel('E-mail address', { exact: true }).fill(portal.reader.email);
    await page.getByLabel('Password', { exact: true }).fill(portal.reader.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/requests$/);
    await page.getByRole('heading', { name: 'My requests' }).waitFor();
  });

  it('shows a retry, not a blank page, when the server cannot be reached', async () => {
    let refuse = true;
    await page.route('**/api/v1/search?*', (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
    await page.goto(`${portal.url}/search?q=${encodeURIComponent('哲学')}`);
    const retry = page.getByRole('button', { name: 'Try again' });
    await retry.waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/could not be reached/);
    refuse = false;
    await retry.click();
    await expect.poll(() => page.locator('#results-heading').textContent()).toMatch(/results?$/);
    await page.unroute('**/api/v1/search?*');
  });

  it('can be used with the keyboard alone: skip link, suggestions with the arrow keys, the request button', async () => {
    const focused = () => page.evaluate(() => ({ text: document.activeElement?.textContent?.trim(), role: document.activeElement?.getAttribute('role') }));
    await page.goto(portal.url);
    await page.getByRole('heading', { name: "Search the alliance's libraries" }).waitFor();
    await page.keyboard.press('Tab');
    expect((await focused()).text).toBe('Skip to the main content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect((await focused()).role).toBe('combobox');
    await page.keyboard.type('中国');
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('option').first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/clusters\/\d+$/);
    await page.getByRole('heading', { name: 'Where to find it' }).waitFor();
    for (let i = 0; i < 10 && (await focused()).text !== 'Request this'; i++) await page.keyboard.press('Tab');
    expect((await focused()).text).toBe('Request this');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/clusters\/\d+\/request$/);
  });

  it('shows the librarians’ desks the loan: the lender ships it, the borrowing library lends it, the reader sees it', async () => {
    const asReader = await apiSession(portal, portal.reader.email);
    const mine = (await (await asReader('/ill/requests')).json()) as { items: { id: number; lender: string | null; lendingRequestId: number | null; citation: { service: string; clusterId: number | null } }[] };
    const loan = mine.items.find((r) => r.citation.service === 'loan' && r.lender && r.lendingRequestId)!;
    expect(loan, 'the loan placed earlier went to a lender').toBeDefined();

    // A network administrator works any library's desk (naming it).
    const staff = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
    staff.setDefaultTimeout(60_000);
    const desk = await staff.newPage();
    try {
      await desk.goto(`${portal.url}/desk/lending?library=${loan.lender}`);
      await desk.waitForURL(/\/sign-in\?/);
      await desk.getByLabel('E-mail address', { exact: true }).fill('admin@demo.anylib.org');
      await desk.getByLabel('Password', { exact: true }).fill(portal.passwords.get('admin@demo.anylib.org')!);
      await desk.getByRole('button', { name: 'Sign in' }).click();
      await desk.getByRole('heading', { name: 'Lending desk' }).waitFor();
      await desk.getByRole('link', { name: String(loan.lendingRequestId), exact: true }).click();
      await screenshot(desk, '11-lending-desk-item');
      const step = async (action: string) => {
        await desk.locator(`button[data-action="${action}"]`).click();
        await desk.locator(`button[data-action="${action}"]`).waitFor({ state: 'detached' });
      };
      await step('will-supply');
      // The slip is printed from the desk, then its barcode scanned when the book is off the shelf.
      await desk.goto(`${portal.url}/desk/lending?library=${loan.lender}`);
      const slips = await desk.request.get(new URL((await desk.getByRole('link', { name: 'print' }).getAttribute('href'))!, portal.url).href);
      expect(slips.status()).toBe(200);
      expect(await slips.text()).toContain(`LEND-${loan.lendingRequestId}`);
      await desk.getByLabel('Pull slip barcode').fill(`LEND-${loan.lendingRequestId}`);
      await desk.getByLabel('Step').selectOption('mark-picked');
      await desk.getByRole('button', { name: 'Record the step' }).click();
      await desk.getByText(`Request ${loan.lendingRequestId}: `).waitFor();
      expect(await desk.getByLabel('Pull slip barcode').inputValue()).toBe('');
      await screenshot(desk, '11-lending-desk-scan');
      await expectAccessibleOn(desk, 'lending desk queue');
      await desk.goto(`${portal.url}/desk/lending/${loan.lendingRequestId}`);
      await desk.getByLabel(/^Due date/).fill('2027-01-31');
      expect(await desk.getByRole('heading', { name: 'Scan of the copy' }).count(), 'a loan has no scan to upload').toBe(0);
      await step('ship');
      await expectAccessibleOn(desk, 'lending desk');

      await desk.goto(`${portal.url}/desk/borrowing/${loan.id}`);
      await step('receive');
      await desk.getByLabel(/^Due date/).fill('2027-01-20');
      await step('check-out');
      await screenshot(desk, '12-borrowing-desk');
    } finally {
      await staff.close();
    }

    await page.goto(`${portal.url}/requests/${loan.id}`);
    await page.getByRole('heading', { name: 'What has happened' }).waitFor();
    const facts = (await page.locator('.facts').textContent()) ?? '';
    expect(facts).toMatch(/Due.*2027/);
    expect(await page.locator('.lead').textContent()).toMatch(/checked out/i);
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(5);
    await screenshot(page, '12-reader-sees-loan');
    copyOf = loan.citation.clusterId;
  });

  let copyOf: number | null = null;
  it('delivers a copy: the lender uploads the scan, the borrowing library hands it over, the reader downloads it', async () => {
    const asReader = await apiSession(portal, portal.reader.email);
    const placed = await asReader('/ill/requests', { clusterId: copyOf, service: 'copy', articleTitle: '第一章', pages: '1-12', confirm: true });
    expect(placed.status, await placed.clone().text()).toBe(201);
    const copy = (await placed.json()) as { id: number; lendingRequestId: number | null };
    expect(copy.lendingRequestId).not.toBeNull();

    const staff = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
    staff.setDefaultTimeout(60_000);
    const desk = await staff.newPage();
    try {
      await desk.goto(`${portal.url}/sign-in?returnTo=${encodeURIComponent(`/desk/lending/${copy.lendingRequestId}`)}`);
      await desk.getByLabel('E-mail address', { exact: true }).fill('admin@demo.anylib.org');
      await desk.getByLabel('Password', { exact: true }).fill(portal.passwords.get('admin@demo.anylib.org')!);
      await desk.getByRole('button', { name: 'Sign in' }).click();
      const step = async (action: string) => {
        await desk.locator(`button[data-action="${action}"]`).click();
        await desk.locator(`button[data-action="${action}"]`).waitFor({ state: 'detached' });
      };
      await step('will-supply');
      await step('mark-picked');
      await desk.getByRole('heading', { name: 'Scan of the copy' }).waitFor();
      await desk.getByLabel('The scan (PDF)').setInputFiles({ name: 'chapter-1.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% chapter 1, pages 1-12\n%%EOF\n') });
      await desk.getByRole('button', { name: 'Upload the scan' }).click();
      await desk.getByText(/^Scan uploaded/).waitFor();
      await desk.locator('button[data-action="deliver-copy"]:not([disabled])').waitFor();
      await screenshot(desk, '13-copy-scan');
      await step('deliver-copy');
      // The copy is with the borrowing library, which hands it to its reader: the download link.
      await desk.goto(`${portal.url}/desk/borrowing/${copy.id}`);
      await step('deliver-to-reader');
    } finally {
      await staff.close();
    }

    // The link is made by the ILL module's event follower a moment after the hand-over (with the
    // reader's notice); the reader opens the request again, as after the notice.
    const download = page.getByRole('link', { name: 'Download the copy (PDF)' });
    await page.goto(`${portal.url}/requests/${copy.id}`);
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByRole('heading', { name: 'What has happened' }).waitFor();
          return download.count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(1);
    expect(await page.getByText(/downloads? left/).count()).toBe(1);
    await screenshot(page, '13-reader-copy');
    const file = await page.request.get(new URL((await download.getAttribute('href'))!, portal.url).href);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toMatch(/application\/pdf/);
    expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lets a cataloguer import a file of records, watch it run, and read why records were rejected', async () => {
    const staff = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
    staff.setDefaultTimeout(60_000);
    const cat = await staff.newPage();
    try {
      await cat.goto(`${portal.url}/sign-in?returnTo=${encodeURIComponent('/catalogue/imports')}`);
      await cat.getByLabel('E-mail address', { exact: true }).fill('admin@nju.demo.anylib.org');
      await cat.getByLabel('Password', { exact: true }).fill(portal.passwords.get('admin@nju.demo.anylib.org')!);
      await cat.getByRole('button', { name: 'Sign in' }).click();
      await cat.getByRole('heading', { name: 'Catalogue imports', level: 1 }).waitFor();
      // Eight damaged records from pymarc's tests (test/fixtures/marc/PROVENANCE.md): each refused, with its reason.
      await cat.getByLabel('File (ISO 2709, MARCXML or MARC-in-JSON)').setInputFiles(fromRoot('test', 'fixtures', 'marc', 'pymarc-bad_records.mrc'));
      await cat.getByRole('button', { name: 'Start the import' }).click();
      await cat.getByRole('status').filter({ hasText: /^Import \d+ started/ }).waitFor();
      const card = cat.locator('.request-card', { hasText: 'pymarc-bad_records.mrc' });
      await card.getByText('Done', { exact: true }).waitFor();
      expect(await card.textContent()).toMatch(/8 read: 0 new, .* 8 rejected/);
      await card.getByRole('button', { name: 'Show the 8 records with problems' }).click();
      await expect.poll(() => card.locator('ol.rejects > li').count()).toBe(8);
      expect(await card.locator('ol.rejects > li').first().textContent()).toMatch(/^Rejected.+/);
      await screenshot(cat, '14-catalogue-import');
      await expectAccessibleOn(cat, 'catalogue imports');
    } finally {
      await staff.close();
    }
  });

  it('works on a 375-pixel phone screen without sideways scrolling', async () => {
    const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    phone.setDefaultTimeout(60_000);
    const p = await phone.newPage();
    try {
      await p.goto(`${portal.url}/search?q=${encodeURIComponent('中国')}`);
      await p.locator('.hit-title a').first().waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      // The facets wait behind one button, so the results come first on a small screen.
      expect(await p.getByRole('group', { name: '文献类型' }).isVisible()).toBe(false);
      await p.getByRole('button', { name: '筛选' }).click();
      await p.getByRole('group', { name: '文献类型' }).waitFor();
      await screenshot(p, '15-phone-results');
      expect(await seriousViolations(p)).toEqual([]);
      await p.locator('.hit-title a').first().click();
      await p.getByRole('region', { name: '馆藏信息' }).locator('.holding').first().waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await screenshot(p, '16-phone-cluster');
      expect(await seriousViolations(p)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('needed nothing its content security policy refuses (no inline script or style)', () => {
    expect(refusedByPolicy).toEqual([]);
  });
});
