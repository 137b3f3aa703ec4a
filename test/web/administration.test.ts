import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuilt, launchChromium, screenshot, seriousViolations, startPortal, type Portal } from './support/portal.js';

/**
 * The alliance administration, a library's own settings and the statistics dashboard as their
 * users work them (issue 7), in Debian's Chromium against the real server with the demo network:
 * a network administrator edits a library, adds an agreement, gives an account a role and adds a
 * sign-in provider (whose secret never comes back); a library's administrator changes the lending
 * policy and a reader category's limit; the dashboard shows the figures of interlibrary loan
 * requests this test placed through the API. Forms check as one types and show the server's
 * problem at its field; axe-core on every page; a 375-pixel phone. Screenshots: test-results/web/.
 */
describe('the administration in a browser', { timeout: 180_000 }, () => {
  let portal: Portal;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  /** What the test's requests came to, by the requests' own states (GET /ill/requests/{id}). */
  const placed: { id: number; title: string; state: string; lender: string | null }[] = [];

  /** Calls the API as an account (cookie and CSRF token of a password sign-in), any method. */
  async function apiAs(email: string) {
    const login = await fetch(`${portal.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: portal.passwords.get(email) }),
    });
    if (!login.ok) throw new Error(`sign-in of ${email}: ${login.status}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    return async <T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T; text: string }> => {
      const res = await fetch(`${portal.url}/api/v1${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T, text };
    };
  }

  async function signIn(context: BrowserContext, email: string, returnTo: string, labels = { email: 'E-mail address', password: 'Password', button: 'Sign in' }) {
    const p = await context.newPage();
    await p.goto(`${portal.url}/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    await p.getByLabel(labels.email, { exact: true }).fill(email);
    await p.getByLabel(labels.password, { exact: true }).fill(portal.passwords.get(email)!);
    await p.getByRole('button', { name: labels.button }).click();
    await p.waitForURL((u) => u.pathname === returnTo.split('?')[0]);
    return p;
  }

  const expectAccessible = async (on: Page, name: string) => {
    expect(await seriousViolations(on), `${name}: serious or critical axe-core violations`).toEqual([]);
  };

  beforeAll(async () => {
    [, portal, browser] = await Promise.all([ensureWebBuilt(), startPortal(), launchChromium()]);

    // Interlibrary loan requests of Nanjing University's reader, through the API: one a lender
    // ships (filled), one the reader cancels (ended unfilled), one still waiting.
    const reader = await apiAs(portal.reader.email);
    const staff = await apiAs('admin@demo.anylib.org');
    const search = await reader<{ hits: { clusterId: number; title: string; holdings: { libraries: number } }[] }>('GET', `/search?q=${encodeURIComponent('中国')}&pageSize=30`);
    for (const hit of search.json.hits.filter((h) => h.holdings.libraries >= 2)) {
      if (placed.length === 3) break;
      const r = await reader<{ id: number; lender: string | null; lendingRequestId: number | null; state: string }>('POST', '/ill/requests', { clusterId: hit.clusterId, service: 'loan', confirm: true });
      expect(r.status, r.text).toBe(201);
      if (!r.json.lendingRequestId) {
        placed.push({ id: r.json.id, title: hit.title, state: r.json.state, lender: null });
        continue;
      }
      placed.push({ id: r.json.id, title: hit.title, state: r.json.state, lender: r.json.lender });
    }
    const withLender = placed.filter((p) => p.lender);
    expect(withLender.length, 'requests that went to a lender').toBeGreaterThanOrEqual(2);
    const shipped = withLender[0]!;
    const supply = (await reader<{ lendingRequestId: number }>('GET', `/ill/requests/${shipped.id}`)).json.lendingRequestId;
    for (const [action, body] of [['will-supply', {}], ['mark-picked', {}], ['ship', { dueDate: '2027-03-31' }]] as const) {
      const done = await staff('POST', `/ill/supplier/${supply}/actions/${action}`, body);
      expect(done.status, `${action}: ${done.text}`).toBe(200);
    }
    const cancelled = await reader('POST', `/ill/requests/${withLender[1]!.id}/actions/cancel`, {});
    expect(cancelled.status, cancelled.text).toBe(200);
    for (const p of placed) p.state = (await reader<{ state: string }>('GET', `/ill/requests/${p.id}`)).json.state;

    admin = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
    admin.setDefaultTimeout(60_000);
    page = await signIn(admin, 'admin@demo.anylib.org', '/admin/libraries');
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('finds a library, checks its contacts as they are typed, saves it and shows it saved', async () => {
    await page.getByRole('heading', { name: 'Libraries', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Administration' }).waitFor();
    await page.getByLabel('Name or symbol').fill('Nanjing University');
    await page.getByRole('link', { name: 'Nanjing University Library' }).click();
    await page.waitForURL(/\/admin\/libraries\/CN-NJU$/);
    await page.getByRole('heading', { name: 'Nanjing University Library', level: 1 }).waitFor();
    await screenshot(page, 'admin-01-library');
    await expectAccessible(page, 'library page');

    await page.getByRole('button', { name: 'Add a contact' }).click();
    const contact = page.getByRole('group', { name: /^Contact \d+$/ }).last();
    await contact.getByLabel('Name or office').fill('Document delivery desk');
    const email = contact.getByLabel('E-mail');
    await email.fill('dd@lib');
    // Checked while typing: the problem is at the field, before any save.
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    await contact.getByText('Not an e-mail address.').waitFor();
    await email.fill('dd@lib.nju.edu.cn');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBeNull();
    await page.getByLabel('Readers served (full-time equivalent)').fill('61000');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await page.reload();
    await expect.poll(() => page.getByLabel('Readers served (full-time equivalent)').inputValue()).toBe('61000');
    expect(await page.getByRole('group', { name: /^Contact \d+$/ }).last().getByLabel('E-mail').inputValue()).toBe('dd@lib.nju.edu.cn');
    const saved = (await (await fetch(`${portal.url}/api/v1/libraries/CN-NJU`)).json()) as { fte: number; contacts: { name: string }[] };
    expect(saved.fte).toBe(61000);
    expect(saved.contacts.map((c) => c.name)).toContain('Document delivery desk');

    await page.goto(`${portal.url}/admin/libraries?type=university`);
    await page.getByRole('status').filter({ hasText: /\d+ libraries/ }).waitFor();
    await screenshot(page, 'admin-02-libraries');
    await expectAccessible(page, 'libraries');
  });

  it('shows an alliance with its tiers, members and governance, and keeps its entry', async () => {
    await page.goto(`${portal.url}/admin/alliances`);
    await page.getByRole('link', { name: 'Jiangsu Academic Library and Information System' }).click();
    await page.waitForURL(/\/admin\/alliances\/JALIS$/);
    await page.getByRole('heading', { name: /member libraries/ }).waitFor();
    expect(await page.locator('.facts').textContent()).toMatch(/One tier up/);
    expect(await page.getByRole('link', { name: 'Nanjing University Library' }).count()).toBe(1);
    // A member's role is changed where it is shown.
    await page.getByLabel('Role of Southeast University Library').selectOption('discipline-centre');
    const roleOf = async (symbol: string) =>
      ((await (await fetch(`${portal.url}/api/v1/alliances/JALIS/members`)).json()) as { library: string; role: string }[]).find((m) => m.library === symbol)?.role;
    await expect.poll(() => roleOf('CN-SEU')).toBe('discipline-centre');
    await screenshot(page, 'admin-03-alliance');
    await expectAccessible(page, 'alliance');

    // Its administrators keep its entry: a year out of range is refused while typing.
    await page.getByText('Change the alliance’s entry').click();
    const form = page.getByRole('form', { name: 'Change the alliance’s entry' });
    const founded = form.getByLabel('Founded');
    await founded.fill('97');
    await form.getByText('A year from 1800 to 2200.').waitFor();
    await founded.fill('1998');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(((await (await fetch(`${portal.url}/api/v1/alliances/JALIS`)).json()) as { founded: number }).founded).toBe(1998);
    await expectAccessible(page, 'alliance with its form');

    // A secretariat with its secretary-general: a term that ends before it starts is refused while typing.
    await page.getByText('Change the governance bodies').click();
    const governance = page.getByRole('form', { name: 'Change the governance bodies' });
    await governance.getByRole('button', { name: 'Add a governance body' }).click();
    await governance.getByLabel('Body').selectOption('secretariat');
    await governance.getByRole('button', { name: 'Add a seat' }).click();
    const seat = governance.getByRole('group', { name: 'Seat 1' });
    await seat.getByLabel('Position').selectOption('secretary-general');
    await seat.getByLabel('Library symbol').fill('CN-NJU');
    await seat.getByLabel('Term from').fill('2027-01-01');
    await seat.getByLabel('Term until').fill('2026-01-01');
    await seat.getByText('Ends before it starts.').waitFor();
    await seat.getByLabel('Term until').fill('2029-12-31');
    await governance.getByRole('button', { name: 'Save the governance bodies' }).click();
    await governance.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const bodies = (await (await fetch(`${portal.url}/api/v1/alliances/JALIS/governance`)).json()) as unknown[];
    expect(bodies).toEqual([{ body: 'secretariat', seats: [{ position: 'secretary-general', library: 'CN-NJU', termStart: '2027-01-01', termEnd: '2029-12-31' }] }]);
    await page.getByRole('heading', { name: 'Secretariat', level: 3 }).waitFor();
    await screenshot(page, 'admin-03-alliance-governance');
    await expectAccessible(page, 'alliance with its governance');
  });

  it('adds an agreement: a wrong code while typing, the server’s refusal at its field, then saved with its terms', async () => {
    await page.goto(`${portal.url}/admin/agreements`);
    const form = page.getByRole('form', { name: 'Add an agreement' });
    const code = form.getByLabel('Agreement code');
    await code.fill('jalis 2027');
    await form.getByText('Capital letters, digits and hyphens only, starting with a letter (e.g. JALIS).').waitFor();
    // A code that exists already passes the form's checks; the server refuses it, at that field.
    await code.fill('CALIS-NSTL-DD-2024');
    await form.getByLabel('Name in Chinese').fill('江苏与浙江大学互借协议');
    await form.getByLabel('Name in English').fill('JALIS and Zhejiang University lending agreement');
    await form.getByLabel('Alliance code of party 1').fill('JALIS');
    await form.getByLabel('Party 2 is').selectOption('library');
    await form.getByLabel('Library symbol of party 2').fill('CN-ZJU');
    await form.getByLabel('Fee per loan').fill('15');
    await form.getByLabel('Share of the fee the alliance pays (%)').fill('40');
    await form.getByLabel('Committed turnaround (working days)').fill('5');
    await form.getByLabel('Valid from').fill('2027-01-01');
    await form.getByRole('button', { name: 'Add an agreement' }).click();
    await form.getByRole('alert').waitFor();
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await code.getAttribute('aria-describedby'))!.split(' ');
    const atField = await page.locator(`[id="${describedBy.at(-1)}"]`).textContent();
    expect(atField).toContain('CALIS-NSTL-DD-2024 exists already');
    await screenshot(page, 'admin-04-agreement-refused');

    await code.fill('JALIS-ZJU-2027');
    await form.getByRole('button', { name: 'Add an agreement' }).click();
    await page.getByRole('status').filter({ hasText: 'The agreement was added.' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'JALIS-ZJU-2027' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/JALIS, CN-ZJU.*40%.*5/);
    const stored = (await (await fetch(`${portal.url}/api/v1/agreements/JALIS-ZJU-2027`)).json()) as Record<string, unknown>;
    expect(stored).toMatchObject({ parties: [{ alliance: 'JALIS' }, { library: 'CN-ZJU' }], fees: { currency: 'CNY', loan: 15 }, subsidyRate: 0.4, turnaroundDays: 5, validFrom: '2027-01-01' });
    await expectAccessible(page, 'agreements');
  });

  it('gives an account a role in an alliance and takes it away again', async () => {
    await page.goto(`${portal.url}/admin/accounts`);
    await page.getByLabel('Find an account (e-mail or name)').fill('stats@whu');
    const card = page.locator('.request-card').filter({ hasText: 'stats@whu.demo.anylib.org' });
    await card.waitFor();
    await card.getByRole('button', { name: 'Give a role' }).click();
    const form = card.getByRole('form');
    await form.getByLabel('Role').selectOption('alliance-staff');
    await form.getByLabel('In the alliance (code)').fill('X');
    await form.getByLabel('In the alliance (code)').fill('');
    await form.getByText('Name the alliance, e.g. JALIS.').waitFor();
    await form.getByLabel('In the alliance (code)').fill('JALIS');
    await form.getByRole('button', { name: 'Give the role' }).click();
    const roles = card.getByRole('list', { name: /^Roles of / });
    await roles.getByText('Alliance staff · JALIS').waitFor();
    await screenshot(page, 'admin-05-accounts');
    await expectAccessible(page, 'accounts');
    const admin = await apiAs('admin@demo.anylib.org');
    const found = await admin<{ items: { email: string; grants: { role: string; alliance?: string }[] }[] }>('GET', '/users?q=stats%40whu');
    expect(found.json.items[0]!.grants).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'alliance-staff', alliance: 'JALIS' })]));

    await card.getByRole('button', { name: 'Take away: Alliance staff · JALIS' }).click();
    await roles.getByText('Alliance staff · JALIS').waitFor({ state: 'detached' });
    expect(await roles.textContent()).toMatch(/Library staff · CN-WHU/);
  });

  it('adds an OpenID Connect provider whose secret is never shown back, and switches it off', async () => {
    await page.goto(`${portal.url}/admin/identity-providers?library=CN-PKU`);
    const form = page.getByRole('form', { name: 'Add a sign-in provider' });
    await form.getByLabel('Name shown to readers').fill('北京大学统一身份认证');
    const issuer = form.getByLabel('Issuer');
    await issuer.fill('http://sso.pku.example/realms/main');
    await form.getByText('Must be an https address (http only on this machine).').waitFor();
    await issuer.fill('https://sso.pku.example/realms/main');
    await form.getByLabel('Client id').fill('anylib');
    const secret = 'pku-client-secret-8f2d1c';
    await form.getByLabel('Client secret').fill(secret);
    await form.getByRole('button', { name: 'Add a sign-in provider' }).click();
    await page.getByRole('status').filter({ hasText: 'The provider was added.' }).waitFor();
    const card = page.locator('.request-card').filter({ hasText: '北京大学统一身份认证' });
    await card.getByText('Stored (not shown)').waitFor();
    expect(await form.getByLabel('Client secret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(secret);
    const listed = await (await apiAs('admin@demo.anylib.org'))('GET', '/libraries/CN-PKU/identity-providers');
    expect(listed.text).not.toContain(secret);
    expect(listed.text).toContain('"hasClientSecret":true');
    await screenshot(page, 'admin-06-identity-providers');
    await expectAccessible(page, 'identity providers');

    await card.getByRole('button', { name: 'Switch off 北京大学统一身份认证' }).click();
    await card.getByText('Switched off').waitFor();
  });

  it('lets a library’s administrator change the lending policy and a reader category’s limit, in Chinese', async () => {
    const nju = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    nju.setDefaultTimeout(60_000);
    try {
      const p = await signIn(nju, 'admin@nju.demo.anylib.org', '/settings/library', { email: '电子邮箱', password: '密码', button: '登录' });
      await p.getByRole('heading', { name: '本馆设置', level: 1 }).waitFor();
      const entry = p.getByRole('form', { name: '名录信息' });
      // The profile is the network's; the policy the library's own.
      expect(await entry.getByLabel('中文名称').isDisabled()).toBe(true);
      const period = entry.getByLabel('借期（天）');
      await period.fill('400');
      await entry.getByText('请填写 1 至 365 之间的整天数。').waitFor();
      await period.fill('28');
      await expect.poll(() => period.getAttribute('aria-invalid')).toBeNull();
      await entry.getByLabel('学位论文').check();
      await entry.getByRole('button', { name: '保存', exact: true }).click();
      await entry.getByRole('status').filter({ hasText: '已保存。' }).waitFor();

      const students = p.getByRole('form', { name: '学生' });
      await students.getByLabel('为此类读者单独设定限额').check();
      await students.getByLabel('最多未完成申请数').fill('3');
      await students.getByRole('button', { name: '保存：学生' }).click();
      await students.getByRole('status').filter({ hasText: '已保存。' }).waitFor();
      await screenshot(p, 'settings-01-library-zh');
      await expectAccessible(p, 'library settings');

      const library = (await (await fetch(`${portal.url}/api/v1/libraries/CN-NJU`)).json()) as { lendingPolicy: { loanPeriodDays: number; excludedMaterialTypes: string[] } };
      expect(library.lendingPolicy.loanPeriodDays).toBe(28);
      expect(library.lendingPolicy.excludedMaterialTypes).toContain('thesis');
      const categories = await (await apiAs('admin@nju.demo.anylib.org'))<{ items: { category: string; illLimits: { maxOpenRequests: number } | null }[] }>(
        'GET',
        '/libraries/CN-NJU/reader-categories',
      );
      expect(categories.json.items.find((c) => c.category === 'student')!.illLimits).toMatchObject({ mayRequest: true, maxOpenRequests: 3 });
    } finally {
      await nju.close();
    }
  });

  it('shows the statistics of the requests placed, as charts and as tables, in both languages', async () => {
    const filled = placed.filter((p) => ['shipped', 'received', 'checked-out', 'completed'].includes(p.state)).length;
    const unfilled = placed.filter((p) => ['cancelled', 'end-of-rota'].includes(p.state)).length;
    expect(filled).toBe(1);
    await page.goto(`${portal.url}/dashboard?library=CN-NJU`);
    await page.getByRole('heading', { name: 'Requests per month' }).waitFor();
    const totals = page.locator('dl.totals');
    await expect.poll(() => totals.textContent()).toContain(`Requests${placed.length}`);
    expect(await totals.textContent()).toContain(`Filled${filled}`);
    expect(await totals.textContent()).toContain(`Unfilled${unfilled}`);
    const rate = `${Math.round((filled / (filled + unfilled)) * 1000) / 10}%`;
    expect(await totals.textContent()).toContain(`Fill rate${rate}`);

    // This month's row of the table beside the chart: placed, filled, unfilled, rate.
    const month = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', timeZone: 'Asia/Shanghai' }).format(new Date());
    const row = page.locator('#requests-table tr').filter({ has: page.getByRole('rowheader', { name: month }) });
    expect((await row.locator('td').allTextContents()).slice(0, 3)).toEqual([String(placed.length), String(filled), String(unfilled)]);
    const titles = await page.locator('#titles-table tbody th').allTextContents();
    for (const p of placed) expect(titles.some((t) => t.includes(p.title.slice(0, 10)))).toBe(true);
    const nju = page.locator('#libraries-table tr').filter({ hasText: 'Nanjing University Library' });
    expect(await nju.locator('td').first().textContent()).toBe('0');
    expect(await nju.locator('td').nth(1).textContent()).toBe(String(filled));

    // Five charts drawn by ECharts, each a picture beside its figures.
    await expect.poll(() => page.locator('.chart svg').count()).toBe(5);
    expect(await page.locator('.chart').first().getAttribute('aria-hidden')).toBe('true');
    expect(await page.locator('.chart svg').first().textContent()).toContain('Requests');
    await screenshot(page, 'dashboard-01-en');
    await expectAccessible(page, 'dashboard');

    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '每月申请量' }).waitFor();
    await expect.poll(() => page.locator('.chart svg').first().textContent()).toContain('申请');
    await screenshot(page, 'dashboard-02-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Requests per month' }).waitFor();
  });

  it('shows an alliance’s staff the libraries to read, and their own alliance to keep', async () => {
    const jalis = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
    jalis.setDefaultTimeout(60_000);
    try {
      const p = await signIn(jalis, 'jalis@demo.anylib.org', '/admin/libraries/CN-NJU');
      await p.getByText('The network’s administrators and the library’s own keep this entry; you can read it.').waitFor();
      expect(await p.getByLabel('Readers served (full-time equivalent)').isDisabled()).toBe(true);
      expect(await p.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
      await expectAccessible(p, 'library, read only');
      await p.goto(`${portal.url}/admin/alliances/JALIS`);
      await p.getByText('Change the alliance’s entry').click();
      const form = p.getByRole('form', { name: 'Change the alliance’s entry' });
      await form.getByLabel('Website').fill('https://www.jalis.nju.edu.cn/');
      await form.getByRole('button', { name: 'Save', exact: true }).click();
      await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      await p.goto(`${portal.url}/admin/agreements`);
      await p.getByText('Agreements are added by the network’s administrators.').waitFor();
    } finally {
      await jalis.close();
    }
  });

  it('fits a 375-pixel phone on every page, without sideways scrolling', async () => {
    const phone = await browser.newContext({ locale: 'en', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    phone.setDefaultTimeout(60_000);
    try {
      const p = await signIn(phone, 'admin@demo.anylib.org', '/admin/libraries');
      const pages: [string, string][] = [
        ['/admin/libraries', 'Libraries'],
        ['/admin/libraries/CN-NJU', 'Nanjing University Library'],
        ['/admin/alliances/JALIS', 'Jiangsu Academic Library and Information System'],
        ['/admin/agreements', 'Agreements'],
        ['/admin/accounts?q=demo', 'Accounts and roles'],
        ['/admin/identity-providers?library=CN-PKU', 'Identity providers'],
        ['/settings/library?library=CN-NJU', 'Library settings'],
        ['/dashboard?library=CN-NJU', 'Statistics'],
      ];
      for (const [path, heading] of pages) {
        await p.goto(`${portal.url}${path}`);
        await p.getByRole('heading', { name: heading, level: 1 }).waitFor();
        await p.waitForLoadState('networkidle');
        const wide = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(wide, `${path} scrolls sideways by ${wide} px`).toBeLessThanOrEqual(0);
        await screenshot(p, `phone-${path.replace(/[/?=&]+/g, '-').replace(/^-/, '')}`);
      }
      await expectAccessible(p, 'dashboard on a phone');
    } finally {
      await phone.close();
    }
  });

  it('can be worked with the keyboard alone: from the skip link to saving a reader category', async () => {
    await page.goto(`${portal.url}/settings/library?library=CN-NJU`);
    await page.getByRole('heading', { name: 'Library settings', level: 1 }).waitFor();
    const teachers = page.getByRole('form', { name: 'Teachers' });
    await teachers.getByLabel('Limits of our own for this category').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // may place requests
    await page.keyboard.press('Tab'); // loans
    await page.keyboard.press('Tab'); // copies
    await page.keyboard.press('Space'); // no copies for teachers
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('7');
    await page.keyboard.press('Enter'); // submits the form
    await teachers.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const categories = await (await apiAs('admin@demo.anylib.org'))<{ items: { category: string; illLimits: { services: string[]; maxOpenRequests: number } | null }[] }>(
      'GET',
      '/libraries/CN-NJU/reader-categories',
    );
    expect(categories.json.items.find((c) => c.category === 'teacher')!.illLimits).toMatchObject({ services: ['loan'], maxOpenRequests: 7 });
  });
});
