import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiSession, ensureWebBuilt, launchChromium, screenshot, seriousViolations, startPortal, type Portal } from './support/portal.js';

/**
 * The desks' ISO 18626 message log and staff notes (issue 7), in Debian's Chromium against the
 * real server with the demo network: a reader's loan request is placed over the API; the
 * borrowing desk shows its messages, opens one's XML and adds a note (refusing an empty one); the
 * lending desk sees the note and its own messages; in Chinese too; axe-core on both pages.
 */
describe('the message log and notes of a request on the desks', { timeout: 180_000 }, () => {
  let portal: Portal;
  let browser: Browser;
  let desk: Page;
  let loan: { id: number; lendingRequestId: number; lender: string; library: string };

  beforeAll(async () => {
    [, portal, browser] = await Promise.all([ensureWebBuilt(), startPortal(), launchChromium()]);
    const asReader = await apiSession(portal, portal.reader.email);
    // A book another library holds: the first search hit the reader may borrow.
    const hits = ((await (await asReader('/search?q=中国&pageSize=30')).json()) as { hits: { clusterId: number; holdings: { libraries: number } }[] }).hits;
    for (const hit of hits.filter((h) => h.holdings.libraries > 0)) {
      let res = await asReader('/ill/requests', { clusterId: hit.clusterId, service: 'loan', pickupLocation: 'Main desk' });
      if (res.status === 409) res = await asReader('/ill/requests', { clusterId: hit.clusterId, service: 'loan', pickupLocation: 'Main desk', confirm: true });
      if (res.status !== 201) continue;
      const r = (await res.json()) as { id: number; lendingRequestId: number | null; lender: string | null; borrowingLibrary: string };
      if (r.lendingRequestId && r.lender) {
        loan = { id: r.id, lendingRequestId: r.lendingRequestId, lender: r.lender, library: r.borrowingLibrary };
        break;
      }
    }
    expect(loan, 'a loan request that went to a lender').toBeDefined();
    const context = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(60_000);
    desk = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('shows the borrowing desk the request’s ISO 18626 messages, and one message’s XML on demand', async () => {
    // A network administrator works any library's desk.
    await desk.goto(`${portal.url}/desk/borrowing/${loan.id}`);
    await desk.waitForURL(/\/sign-in\?/);
    await desk.getByLabel('E-mail address', { exact: true }).fill('admin@demo.anylib.org');
    await desk.getByLabel('Password', { exact: true }).fill(portal.passwords.get('admin@demo.anylib.org')!);
    await desk.getByRole('button', { name: 'Sign in' }).click();
    const log = desk.getByRole('table', { name: /Every message between the two libraries/ });
    await log.waitFor();
    const first = log.locator('tbody tr[data-message]').first();
    expect(await first.textContent()).toContain('To the lender');
    expect(await first.textContent()).toContain('request');
    expect(await log.locator('tbody tr[data-message]').count()).toBeGreaterThanOrEqual(2);

    const show = first.getByRole('button', { name: /Show XML/ });
    expect(await show.getAttribute('aria-expanded')).toBe('false');
    await show.click();
    const xml = desk.getByLabel(/^XML of message \d+$/);
    await xml.waitFor();
    expect(await xml.textContent()).toMatch(/ISO18626Message/);
    expect(await first.getByRole('button', { name: /Hide XML/ }).getAttribute('aria-expanded')).toBe('true');
    await screenshot(desk, 'desk-log-01-borrowing-messages');
    expect(await seriousViolations(desk)).toEqual([]);
  });

  it('adds a note at the borrowing desk, refusing an empty one with a message at the field', async () => {
    await desk.getByRole('button', { name: 'Save the staff note' }).click();
    await desk.getByText('Write the note first.').waitFor();
    expect(await desk.getByLabel('New note').getAttribute('aria-invalid')).toBe('true');
    await desk.getByLabel('New note').fill('Reader needs it before the exam on Friday');
    await desk.getByRole('button', { name: 'Save the staff note' }).click();
    const notes = desk.getByRole('region', { name: 'Staff notes' });
    await notes.locator('li[data-note]', { hasText: 'Reader needs it before the exam on Friday' }).waitFor();
    await expect.poll(() => desk.getByLabel('New note').inputValue()).toBe('');
    await screenshot(desk, 'desk-log-02-borrowing-note');
    expect(await seriousViolations(desk)).toEqual([]);
  });

  it('shows the lending desk the note and its own messages', async () => {
    await desk.goto(`${portal.url}/desk/lending/${loan.lendingRequestId}`);
    await desk.getByRole('region', { name: 'Staff notes' }).locator('li[data-note]', { hasText: 'Reader needs it before the exam on Friday' }).waitFor();
    const rows = desk.getByRole('table', { name: /Every message between the two libraries/ }).locator('tbody tr[data-message]');
    await rows.first().waitFor();
    expect(await rows.first().textContent()).toContain('To the lender');
    await desk.getByLabel('New note').fill('On the shelf, sending tomorrow');
    await desk.getByRole('button', { name: 'Save the staff note' }).click();
    await desk.locator('li[data-note]', { hasText: 'On the shelf, sending tomorrow' }).waitFor();
    await screenshot(desk, 'desk-log-03-lending');
    expect(await seriousViolations(desk)).toEqual([]);
  });

  it('speaks Chinese to a Chinese desk', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', storageState: await desk.context().storageState() });
    const zh = await context.newPage();
    try {
      await zh.goto(`${portal.url}/desk/borrowing/${loan.id}`);
      await zh.getByRole('heading', { name: 'ISO 18626 报文' }).waitFor();
      await zh.getByRole('heading', { name: '馆员备注' }).waitFor();
      expect(await zh.getByRole('button', { name: '保存馆员备注' }).count()).toBe(1);
      await zh.locator('li[data-note]', { hasText: 'On the shelf, sending tomorrow' }).waitFor();
      await screenshot(zh, 'desk-log-04-zh');
      expect(await seriousViolations(zh)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
