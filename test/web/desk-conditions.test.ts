import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiSession, ensureWebBuilt, launchChromium, screenshot, seriousViolations, startPortal, type Portal } from './support/portal.js';

/**
 * The desks' pages for ISO 18626 conditions and ShippedForward (docs/ill.md), in Debian's Chromium
 * against the real server with the demo network. A reader's loan requests are placed over the API;
 * through the pages, the lending desk offers conditions (refused while incomplete, a wrong currency
 * and dates the wrong way round shown at their fields) and sees its offer; the reader is told the
 * library decides; the borrowing desk reads the terms beside accept / reject and accepts (the
 * lender supplies); on another request it rejects (the request goes to the next lender); and on a
 * third, received, it ships the loan on to a library chosen from the directory. The terms come from
 * the requests' JSON: no page reads a message's XML (each such read is in the audit log). The
 * lending desk shows a due date only once the loan is shipped. axe-core on each page.
 */
type Api = Awaited<ReturnType<typeof apiSession>>;
interface Placed { id: number; lendingRequestId: number; lender: string; library: string; lenders: number }

describe('conditions and forwarding on the desks’ pages', { timeout: 240_000 }, () => {
  let portal: Portal;
  let browser: Browser;
  let desk: Page;
  let asAdmin: Api;
  const placed: Placed[] = [];
  let accepted: Placed;
  let rejected: Placed;
  let forwarded: Placed;
  /** One message's XML fetched by a page (a read in the audit log): the desks read terms from the JSON instead. */
  const xmlReads: string[] = [];

  const request = async (id: number) => (await (await asAdmin(`/ill/requests/${id}`)).json()) as { state: string; lender: string | null; lendingRequestId: number | null };
  const supply = async (id: number) => (await (await asAdmin(`/ill/supplier/${id}`)).json()) as { state: string };
  const supplierAct = async (id: number, action: string, body: object = {}) => {
    const res = await asAdmin(`/ill/supplier/${id}/actions/${action}`, body);
    expect(res.status, `${action}: ${await res.clone().text()}`).toBe(200);
  };

  beforeAll(async () => {
    [, portal, browser] = await Promise.all([ensureWebBuilt(), startPortal(), launchChromium()]);
    const asReader = await apiSession(portal, portal.reader.email);
    asAdmin = await apiSession(portal, 'admin@demo.anylib.org');
    // Loans of titles other libraries hold, each gone to its first lender; one with a second lender in its rota (to reject).
    const hits = ((await (await asReader('/search?q=中国&pageSize=50')).json()) as { hits: { clusterId: number; holdings: { libraries: number } }[] }).hits;
    for (const hit of hits.filter((h) => h.holdings.libraries > 0)) {
      if (placed.length >= 3 && placed.some((p) => p.lenders > 1)) break;
      let res = await asReader('/ill/requests', { clusterId: hit.clusterId, service: 'loan', pickupLocation: 'Main desk' });
      if (res.status === 409) res = await asReader('/ill/requests', { clusterId: hit.clusterId, service: 'loan', pickupLocation: 'Main desk', confirm: true });
      if (res.status !== 201) continue;
      const r = (await res.json()) as { id: number; lendingRequestId: number | null; lender: string | null; borrowingLibrary: string };
      if (!r.lendingRequestId || !r.lender) continue;
      const rota = ((await (await asAdmin(`/ill/requests/${r.id}`)).json()) as { rota: { ranked: unknown[] } }).rota;
      placed.push({ id: r.id, lendingRequestId: r.lendingRequestId, lender: r.lender, library: r.borrowingLibrary, lenders: rota.ranked.length });
    }
    rejected = placed.find((p) => p.lenders > 1)!;
    expect(rejected, 'a loan request with a second lender in its rota').toBeDefined();
    const others = placed.filter((p) => p !== rejected);
    expect(others.length, 'three loan requests that went to a lender').toBeGreaterThanOrEqual(2);
    [accepted, forwarded] = [others[0]!, others[1]!];
    const context = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(60_000);
    desk = await context.newPage();
    desk.on('request', (r) => {
      if (/\/messages\/\d+(\?|$)/.test(r.url())) xmlReads.push(r.url());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('lets the lending desk offer conditions, saying at each field what is wrong', async () => {
    // A network administrator works any library's desk.
    await desk.goto(`${portal.url}/desk/lending/${accepted.lendingRequestId}`);
    await desk.waitForURL(/\/sign-in\?/);
    await desk.getByLabel('E-mail address', { exact: true }).fill('admin@demo.anylib.org');
    await desk.getByLabel('Password', { exact: true }).fill(portal.passwords.get('admin@demo.anylib.org')!);
    await desk.getByRole('button', { name: 'Sign in' }).click();
    const form = desk.getByRole('region', { name: 'Offer conditions' });
    await form.waitFor();
    // Not among the plain buttons: it has its own form.
    expect(await desk.getByRole('region', { name: 'Next steps' }).getByRole('button', { name: 'offer conditions' }).count()).toBe(0);
    // Nothing shipped: no due date yet (the policy's loan period is only what `ship` would take).
    expect(await desk.locator('dl.facts dt', { hasText: /^Due$/ }).count()).toBe(0);

    // Nothing offered yet: refused here, nothing sent.
    const send = form.getByRole('button', { name: 'Offer these conditions' });
    await send.click();
    const nothing = form.getByText('Give at least one condition');
    await nothing.waitFor();
    expect(await send.getAttribute('aria-describedby')).toBe(await nothing.getAttribute('id'));
    expect((await supply(accepted.lendingRequestId)).state).toBe('new');

    // A cost whose currency is not ISO 4217's three capitals; the last day before the first.
    await form.getByLabel('Offered cost').fill('45.50');
    const currency = form.getByLabel('Currency');
    await currency.fill('yuan');
    await form.getByText('Type the currency as three capital letters').waitFor();
    expect(await currency.getAttribute('aria-invalid')).toBe('true');
    const currencyProblem = await form.getByText('Type the currency as three capital letters').getAttribute('id');
    expect(await currency.getAttribute('aria-describedby')).toContain(currencyProblem);
    await form.getByLabel('Ask again from').fill('2027-01-10');
    await form.getByLabel('Ask again by').fill('2027-01-05');
    await form.getByText('This day cannot be before').waitFor();
    await screenshot(desk, 'desk-conditions-01-offer-problems');
    expect(await seriousViolations(desk)).toEqual([]);

    await currency.fill('CNY');
    await form.getByLabel('Ask again by').fill('2027-01-31');
    await form.getByLabel('Library use only', { exact: true }).check();
    await form.getByLabel('Why').selectOption({ label: 'Lent only under conditions' });
    await form.getByLabel('Note to the borrowing library').fill('Reading room of the borrowing library only');
    expect(await form.locator('[aria-invalid="true"]').count()).toBe(0);
    await send.click();

    // The offer went (RetryPossible): the page shows what the desk offered, waiting for the answer.
    const pending = desk.getByRole('region', { name: 'Conditions offered' });
    await pending.getByText('Library use only').waitFor();
    const text = (await pending.textContent()) ?? '';
    expect(text).toContain('45.50');
    expect(text).toContain('CN¥');
    expect(text).toContain('2027-01-10');
    expect(text).toContain('2027-01-31');
    expect(text).toContain('Lent only under conditions');
    expect(text).toContain('Reading room of the borrowing library only');
    expect(await desk.getByRole('region', { name: 'Offer conditions' }).count()).toBe(0);
    expect((await supply(accepted.lendingRequestId)).state).toBe('awaiting-conditions');
    // Read again, the page has the offer from the lending request itself.
    await desk.reload();
    await pending.getByText('Reading room of the borrowing library only').waitFor();
    expect(xmlReads).toEqual([]);
    await screenshot(desk, 'desk-conditions-02-offered');
    expect(await seriousViolations(desk)).toEqual([]);
  });

  it('tells the reader that the library decides on the conditions', async () => {
    const context = await browser.newContext({ locale: 'en' });
    context.setDefaultTimeout(60_000);
    const reader = await context.newPage();
    try {
      await reader.goto(`${portal.url}/requests/${accepted.id}`);
      await reader.waitForURL(/\/sign-in\?/);
      await reader.getByLabel('E-mail address', { exact: true }).fill(portal.reader.email);
      await reader.getByLabel('Password', { exact: true }).fill(portal.reader.password);
      await reader.getByRole('button', { name: 'Sign in' }).click();
      await reader.getByText('The supplying library has offered conditions. Your library is deciding whether to accept them.').waitFor();
      // The decision is the library's: the reader has no accept button.
      expect(await reader.getByRole('button', { name: 'accept the conditions' }).count()).toBe(0);
      await screenshot(reader, 'desk-conditions-03-reader');
      expect(await seriousViolations(reader)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the borrowing desk the terms beside accept and reject, and accepting lets the lender supply', async () => {
    await desk.goto(`${portal.url}/desk/borrowing/${accepted.id}`);
    const offered = desk.getByRole('region', { name: /^Conditions from / });
    await offered.waitFor();
    const text = (await offered.textContent()) ?? '';
    for (const words of ['Library use only', 'CN¥45.50', '2027-01-10', '2027-01-31', 'Lent only under conditions']) expect(text).toContain(words);
    // The lender's note, kept on the request with the terms.
    await offered.getByText('Reading room of the borrowing library only').waitFor();
    expect(xmlReads).toEqual([]);
    const accept = offered.getByRole('button', { name: 'accept the conditions' });
    expect(await offered.getByRole('button', { name: 'reject the conditions' }).count()).toBe(1);
    expect(await accept.getAttribute('aria-describedby')).toBeTruthy();
    await screenshot(desk, 'desk-conditions-04-borrowing-terms');
    expect(await seriousViolations(desk)).toEqual([]);

    await offered.getByLabel('Note to the lender (optional)').fill('Agreed: reading room only');
    await accept.click();
    await offered.waitFor({ state: 'detached' });
    // The Retry reached the lender, which answered WillSupply.
    await expect.poll(async () => (await request(accepted.id)).state).toBe('will-supply');
    expect((await supply(accepted.lendingRequestId)).state).toBe('awaiting-pull-slip');
    await desk.reload();
    await desk.getByText('lender will supply').first().waitFor();
    expect(await desk.getByRole('region', { name: /^Conditions from / }).count()).toBe(0);
    await screenshot(desk, 'desk-conditions-05-accepted');
  });

  it('rejecting the conditions sends the request on to the next lender', async () => {
    await supplierAct(rejected.lendingRequestId, 'offer-conditions', { reasonRetry: 'CostExceedsMaxCost', conditions: { offeredCost: { amount: 120, currency: 'CNY' }, serviceType: 'copy' } });
    await desk.goto(`${portal.url}/desk/borrowing/${rejected.id}`);
    const offered = desk.getByRole('region', { name: /^Conditions from / });
    await offered.getByText('Costs more than the borrower\'s maximum').waitFor();
    expect(await offered.textContent()).toContain('CN¥120.00');
    expect(await offered.textContent()).toContain('Copy');
    await offered.getByRole('button', { name: 'reject the conditions' }).click();
    await offered.waitFor({ state: 'detached' });
    await expect.poll(async () => (await request(rejected.id)).lender).not.toBe(rejected.lender);
    const now = await request(rejected.id);
    expect(now.lendingRequestId).not.toBe(rejected.lendingRequestId);
    expect((await supply(rejected.lendingRequestId)).state).toBe('cancelled');
    await screenshot(desk, 'desk-conditions-06-rejected');
    expect(await seriousViolations(desk)).toEqual([]);
  });

  it('ships a received loan on to a library chosen from the directory', async () => {
    const id = forwarded.lendingRequestId;
    await supplierAct(id, 'will-supply');
    await supplierAct(id, 'mark-picked');
    await supplierAct(id, 'ship', { dueDate: '2027-03-01' });
    await expect.poll(async () => (await request(forwarded.id)).state).toBe('shipped');
    const receive = await asAdmin(`/ill/requests/${forwarded.id}/actions/receive`, {});
    expect(receive.status).toBe(200);
    // Shipped: the lending desk shows the loan's due date.
    await desk.goto(`${portal.url}/desk/lending/${id}`);
    await desk.locator('dl.facts div', { has: desk.locator('dt', { hasText: /^Due$/ }) }).getByText('2027-03-01').waitFor();

    await desk.goto(`${portal.url}/desk/borrowing/${forwarded.id}`);
    const form = desk.getByRole('region', { name: 'Ship on to another library' });
    await form.waitFor();
    expect(await desk.getByRole('region', { name: 'Next steps' }).getByRole('button', { name: 'ship on to the next borrower' }).count()).toBe(0);
    const send = form.getByRole('button', { name: 'ship on to the next borrower' });
    await send.click();
    const missing = form.getByText('Choose the library the item goes on to.');
    await missing.waitFor();
    expect(await form.getByRole('group').getAttribute('aria-describedby')).toBe(await missing.getAttribute('id'));
    expect((await request(forwarded.id)).state).toBe('received');

    const choice = form.getByLabel('Next library', { exact: true });
    const options = await choice.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    // Neither this library nor the lender is offered.
    expect(options).not.toContain(forwarded.library);
    expect(options).not.toContain(forwarded.lender);
    const next = options[0]!;
    await choice.selectOption(next);
    await form.getByLabel(/^Note to the lender/).fill(`Forwarded to ${next}`);
    await missing.waitFor({ state: 'detached' });
    await screenshot(desk, 'desk-conditions-07-forward');
    expect(await seriousViolations(desk)).toEqual([]);
    await send.click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(async () => (await request(forwarded.id)).state).toBe('completed');
    // The lender was told (ShippedForward) and waits for the item from the next library.
    await expect.poll(async () => (await supply(id)).state).toBe('awaiting-return');
    const messages = desk.getByRole('table', { name: /Every message between the two libraries/ });
    await messages.getByText(/ShippedForward/).first().waitFor();
    await screenshot(desk, 'desk-conditions-08-forwarded');
  });

  it('speaks Chinese on a phone: the next lender’s form to offer conditions and the borrowing desk’s answer', async () => {
    const next = await request(rejected.id);
    expect(next.state).toBe('sent');
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 800 }, storageState: await desk.context().storageState() });
    context.setDefaultTimeout(60_000);
    const zh = await context.newPage();
    const sideways = () => zh.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    try {
      await zh.goto(`${portal.url}/desk/lending/${next.lendingRequestId}`);
      const form = zh.getByRole('region', { name: '提出条件' });
      await form.getByRole('button', { name: '提出以上条件' }).click();
      await form.getByText('请至少给出一项条件').waitFor();
      expect(await sideways()).toBe(false);
      await screenshot(zh, 'desk-conditions-09-zh-phone-offer');
      expect(await seriousViolations(zh)).toEqual([]);
      await form.getByLabel('不得复制', { exact: true }).check();
      await form.getByLabel('可重新申请的起始日').fill('2027-02-01');
      await form.getByRole('button', { name: '提出以上条件' }).click();
      await zh.getByRole('region', { name: '已提出的条件' }).getByText('不得复制').waitFor();

      await zh.goto(`${portal.url}/desk/borrowing/${rejected.id}`);
      const offered = zh.getByRole('region', { name: /提出的条件$/ });
      await offered.getByText('不得复制').waitFor();
      expect(await offered.textContent()).toContain('2027-02-01');
      expect(await offered.getByRole('button', { name: '接受条件' }).count()).toBe(1);
      expect(await offered.getByRole('button', { name: '拒绝条件' }).count()).toBe(1);
      expect(await sideways()).toBe(false);
      await screenshot(zh, 'desk-conditions-10-zh-phone-answer');
      expect(await seriousViolations(zh)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
