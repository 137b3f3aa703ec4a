import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuilt, launchChromium, screenshot, seriousViolations, startPortal, type Portal } from './support/portal.js';

/**
 * The catalogue part of the librarian workspace and two reader-portal items (issue 7), in
 * Debian's Chromium against the real server with the demo network: a cataloguer opens a record,
 * sees a problem at its field as they type, fixes it, saves and sees the new version; splits a
 * record out of its union record with a reason and revokes the decision; a reader saves a search
 * and runs it from "my saved searches"; a record page lists the other editions of its work.
 * axe-core on each new page, a 375-pixel phone, the keyboard. Screenshots: test-results/web/.
 */
describe('the catalogue workspace in a browser', { timeout: 180_000 }, () => {
  let portal: Portal;
  let browser: Browser;
  let staff: BrowserContext;
  let cat: Page;
  const cataloguer = 'cataloguer@pku.demo.anylib.org';
  /** The Peking University record made for the test: a copy of another library's record, so both are one union record. */
  const localId = 'pku-test-1';
  let clusterId: number;
  const refusedByPolicy: string[] = [];

  const api = async (path: string, init: { method?: string; body?: unknown; cookie?: string; csrf?: string } = {}) => {
    const res = await fetch(`${portal.url}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.csrf ? { 'x-csrf-token': init.csrf } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return res;
  };

  beforeAll(async () => {
    [, portal, browser] = await Promise.all([ensureWebBuilt(), startPortal(), launchChromium()]);
    // A record of another library (MARC 21, alone in its union record, valid as the editor checks
    // it: not every imported record is) that Peking University catalogues too.
    const login = await api('/auth/login', { method: 'POST', body: { email: cataloguer, password: portal.passwords.get(cataloguer) } });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    for (let id = 1; !clusterId && id < 600; id++) {
      const res = await api(`/clusters/${id}`);
      if (!res.ok) continue;
      const c = (await res.json()) as { id: number; records: { library: string; localId: string; flavour: string }[] };
      if (c.id !== id || c.records.length !== 1 || c.records[0]!.flavour !== 'marc21') continue;
      const source = c.records[0]!;
      const record = (await (await api(`/records/${source.library}/${source.localId}`)).json()) as { leader: string; fields: { tag: string; subfields?: { code: string; value: string }[] }[] };
      if (!record.fields.some((f) => f.tag === '245')) continue;
      const fields = record.fields
        .filter((f) => f.tag !== '001')
        .map((f) => (f.tag === '852' ? { ...f, subfields: [{ code: 'a', value: 'CN-PKU' }, { code: 'b', value: 'Stacks' }] } : f));
      const put = await api(`/records/CN-PKU/${localId}`, { method: 'PUT', body: { flavour: 'marc21', leader: record.leader, fields }, cookie, csrf: csrfToken });
      if (put.status === 201) clusterId = ((await put.json()) as { clusterId: number }).clusterId;
      else expect(put.status, await put.text()).toBe(400); // a record the validation refuses: the next one
    }
    expect(clusterId).toBeGreaterThan(0);
    const members = (await (await api(`/clusters/${clusterId}`)).json()) as { records: unknown[] };
    expect(members.records).toHaveLength(2);

    staff = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
    staff.setDefaultTimeout(60_000);
    cat = await staff.newPage();
    cat.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refusedByPolicy.push(m.text());
    });
    await cat.goto(`${portal.url}/sign-in?returnTo=${encodeURIComponent(`/clusters/${clusterId}`)}`);
    await cat.getByLabel('E-mail address', { exact: true }).fill(cataloguer);
    await cat.getByLabel('Password', { exact: true }).fill(portal.passwords.get(cataloguer)!);
    await cat.getByRole('button', { name: 'Sign in' }).click();
    await cat.waitForURL(new RegExp(`/clusters/${clusterId}$`));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  const expectAccessible = async (on: Page, name: string) => {
    expect(await seriousViolations(on), `${name}: serious or critical axe-core violations`).toEqual([]);
  };

  it('shows a cataloguer the member records of a union record, each opening in the record editor', async () => {
    const admin = cat.getByRole('region', { name: 'Cataloguing: merge and split' });
    await admin.getByRole('heading', { name: '2 member records' }).waitFor();
    await screenshot(cat, 'cat-01-cluster-staff');
    await expectAccessible(cat, 'cluster page with merge and split');
    await admin.getByRole('link', { name: new RegExp(localId) }).click();
    await cat.waitForURL(new RegExp(`/catalogue/records/CN-PKU/${localId}$`));
    await cat.getByRole('heading', { name: `Record ${localId}`, level: 1 }).waitFor();
    await cat.getByRole('region', { name: 'Versions' }).getByText('Version 1').waitFor();
    await expectAccessible(cat, 'record editor');
  });

  it('shows problems at the field as the cataloguer types, and keeps a broken record from being sent', async () => {
    const titleA = cat.getByLabel(/^Field \d+ \(245\) subfield \$a$/);
    const before = await titleA.inputValue();
    await titleA.fill('');
    const problem = cat.getByText('Subfield $a is empty: type its value or remove it.');
    await problem.waitFor();
    expect(await titleA.getAttribute('aria-invalid')).toBe('true');
    const tag = cat.getByLabel(/^Tag of field \d+$/).last();
    const tagBefore = await tag.inputValue();
    await tag.fill('2x');
    await cat.getByText('A tag is three letters or digits (not 000).').waitFor();
    await screenshot(cat, 'cat-02-record-problems');
    await cat.getByRole('button', { name: 'Save the record' }).click();
    await cat.getByRole('alert').filter({ hasText: /problems? to fix before saving/ }).waitFor();
    // Fixed: the problems go as the cataloguer types. (The title as it was: another title would
    // make it another book, and the matcher would take the record out of its union record.)
    await titleA.fill(before);
    await tag.fill(tagBefore);
    await expect.poll(() => cat.locator('.field-problem').count()).toBe(0);
  });

  it('adds and removes a field with the keyboard alone, and saves the record as a new version', async () => {
    await cat.getByRole('button', { name: 'Add a field' }).focus();
    await cat.keyboard.press('Enter');
    // The focus is in the new field's tag: the cataloguer types straight on.
    await expect.poll(() => cat.evaluate(() => document.activeElement?.closest('.marc-tag') !== null)).toBe(true);
    await cat.keyboard.type('500');
    // On with Tab (past the indicators, kept blank, and the field's buttons) to the subfield $a's value.
    const focusedLabel = () => cat.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? '');
    for (let i = 0; i < 12 && !/\(500\) subfield \$a$/.test(await focusedLabel()); i++) await cat.keyboard.press('Tab');
    expect(await focusedLabel()).toMatch(/\(500\) subfield \$a$/);
    await cat.keyboard.type('Corrected in a browser test.');
    const note = cat.getByLabel(/^Field \d+ \(500\) subfield \$a$/);
    expect(await note.inputValue()).toBe('Corrected in a browser test.');
    await cat.getByLabel('Why you changed it (optional, kept with the change)').fill('a note on the copy');
    await cat.getByRole('button', { name: 'Save the record' }).click();
    await cat.getByRole('status').filter({ hasText: 'Saved as version 2.' }).waitFor();
    await cat.getByRole('region', { name: 'Versions' }).getByText('Version 2').waitFor();
    expect(await cat.getByRole('region', { name: 'Versions' }).locator('li').first().textContent()).toMatch(/Version 2 \(current\).*edited/);
    const saved = (await (await api(`/records/CN-PKU/${localId}`)).json()) as { version: number; fields: { tag: string; subfields?: { value: string }[] }[] };
    expect(saved.version).toBe(2);
    expect(saved.fields.find((f) => f.tag === '500')!.subfields![0]!.value).toBe('Corrected in a browser test.');
    await screenshot(cat, 'cat-03-record-saved');

    // Removing it again by keyboard: the focus goes to the list's heading.
    await cat.getByRole('button', { name: /^Remove field \d+ \(500\)$/ }).focus();
    await cat.keyboard.press('Enter');
    await expect.poll(() => cat.evaluate(() => document.activeElement?.id)).toBe('fields-heading');
    expect(await cat.getByLabel(/^Field \d+ \(500\) subfield \$a$/).count()).toBe(0);
  });

  it('tells the cataloguer when someone else saved first, and reloads their version', async () => {
    const login = await api('/auth/login', { method: 'POST', body: { email: cataloguer, password: portal.passwords.get(cataloguer) } });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const now = (await (await api(`/records/CN-PKU/${localId}`)).json()) as { leader: string; fields: unknown[] };
    const other = await fetch(`${portal.url}/api/v1/records/CN-PKU/${localId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken, 'if-match': '"2"' },
      body: JSON.stringify({ flavour: 'marc21', leader: now.leader, fields: [...now.fields, { tag: '590', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'a colleague’s note' }] }] }),
    });
    expect(other.status).toBe(200);
    await cat.getByRole('button', { name: 'Save the record' }).click();
    await cat.getByRole('alert').filter({ hasText: 'Someone else saved this record after you opened it.' }).waitFor();
    await cat.getByRole('button', { name: 'Reload the record' }).click();
    await cat.getByRole('region', { name: 'Versions' }).getByText('Version 3').waitFor();
    await cat.getByLabel(/^Field \d+ \(590\) subfield \$a$/).waitFor();
  });

  it('fits a 375-pixel phone without sideways scrolling', async () => {
    const phone = await browser.newContext({ storageState: await staff.storageState(), locale: 'zh-CN', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    phone.setDefaultTimeout(60_000);
    const p = await phone.newPage();
    try {
      await p.goto(`${portal.url}/catalogue/records/CN-PKU/${localId}`);
      await p.getByRole('heading', { name: `记录 ${localId}`, level: 1 }).waitFor();
      await p.getByRole('button', { name: '保存记录' }).waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await screenshot(p, 'cat-04-phone-record');
      await expectAccessible(p, 'record editor on a phone, in Chinese');
      await p.goto(`${portal.url}/clusters/${clusterId}`);
      await p.getByRole('region', { name: '编目：合并与拆分' }).waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await screenshot(p, 'cat-05-phone-cluster');
    } finally {
      await phone.close();
    }
  });

  it('splits a record out of its union record with a reason, and revokes the decision', async () => {
    await cat.goto(`${portal.url}/clusters/${clusterId}`);
    const admin = cat.getByRole('region', { name: 'Cataloguing: merge and split' });
    await admin.getByRole('button', { name: `Split this record out: ${localId} of CN-PKU` }).click();
    const reason = admin.getByLabel(`Why record ${localId} is not this title (required)`);
    await cat.getByRole('button', { name: 'Split it out' }).click();
    await admin.getByText('Give a reason of at least 3 characters').waitFor();
    await reason.fill('a different printing, not this one');
    await cat.getByRole('button', { name: 'Split it out' }).click();
    await admin.getByRole('status').filter({ hasText: `Record ${localId} now stands apart.` }).waitFor();
    const decision = admin.locator('.decisions li').first();
    await decision.getByText('Reason: a different printing, not this one').waitFor();
    expect(await decision.textContent()).toMatch(/Split out/);
    await screenshot(cat, 'cat-06-split');
    expect(((await (await api(`/records/CN-PKU/${localId}`)).json()) as { clusterId: number }).clusterId).not.toBe(clusterId);
    await expectAccessible(cat, 'cluster page after a split');

    await decision.getByRole('button', { name: /^Revoke decision \d+/ }).click();
    await decision.getByText(/ · revoked /).waitFor();
    expect(await decision.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
    // Revoked for the server too: re-imports no longer obey it.
    const decisions = (await (await api(`/clusters/decisions?library=CN-PKU&localId=${localId}&includeRevoked=true`)).json()) as { items: { kind: string; revokedAt: string | null }[] };
    expect(decisions.items).toEqual([expect.objectContaining({ kind: 'split', revokedAt: expect.any(String) })]);
    await screenshot(cat, 'cat-07-revoked');
  });

  it('merges the record’s union record with another one, found by its number, after a reason and a confirmation', async () => {
    const here = ((await (await api(`/records/CN-PKU/${localId}`)).json()) as { clusterId: number }).clusterId;
    let other = 0;
    for (let id = 1; !other && id < 400; id++) {
      const res = await api(`/clusters/${id}`);
      if (res.ok && id !== here && ((await res.json()) as { id: number }).id === id) other = id;
    }
    await cat.goto(`${portal.url}/clusters/${here}`);
    const admin = cat.getByRole('region', { name: 'Cataloguing: merge and split' });
    await admin.getByLabel('The other union record: its number, or words to search for it').fill(String(here));
    await admin.getByRole('button', { name: 'Merge…' }).click();
    await admin.getByText('That is this union record: choose another one.').waitFor();
    await admin.getByText('Give a reason of at least 3 characters').waitFor();
    await admin.getByLabel('The other union record: its number, or words to search for it').fill(String(other));
    await admin.getByLabel('Why they are one and the same title (required)').fill('one printing, catalogued twice');
    await admin.getByRole('button', { name: 'Merge…' }).click();
    const confirm = admin.getByRole('group', { name: /^Merge union record \d+ and union record \d+ into one\?/ });
    await confirm.waitFor();
    await expect.poll(() => cat.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('group');
    await confirm.getByRole('button', { name: 'Yes, merge them' }).click();
    const target = Math.min(here, other);
    await cat.waitForURL(new RegExp(`/clusters/${target}$`));
    await admin.locator('.decisions li', { hasText: 'Reason: one printing, catalogued twice' }).getByText('Merged').waitFor();
    expect(((await (await api(`/records/CN-PKU/${localId}`)).json()) as { clusterId: number }).clusterId).toBe(target);
    await screenshot(cat, 'cat-07b-merged');
    await expectAccessible(cat, 'cluster page after a merge');
  });

  it('lists the other editions of a work on the record page, each a link', async () => {
    let withEditions: { id: number; other: { id: number; title: string } } | undefined;
    for (let id = 1; !withEditions && id < 400; id++) {
      const res = await api(`/clusters/${id}/editions`);
      if (!res.ok) continue;
      const e = (await res.json()) as { id: number; editions: { id: number; title: string }[] };
      if (e.id === id && e.editions.length > 0) withEditions = { id, other: e.editions[0]! };
    }
    expect(withEditions).toBeDefined();
    const reader = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
    reader.setDefaultTimeout(60_000);
    const p = await reader.newPage();
    try {
      await p.goto(`${portal.url}/clusters/${withEditions!.id}`);
      const editions = p.getByRole('region', { name: /other editions?$/ });
      await editions.waitFor();
      await screenshot(p, 'cat-08-editions');
      await expectAccessible(p, 'record page with other editions');
      await editions.getByRole('link', { name: withEditions!.other.title }).first().click();
      await p.waitForURL(new RegExp(`/clusters/${withEditions!.other.id}$`));
    } finally {
      await reader.close();
    }
  });

  it('lets a reader save a search and run it again from “my saved searches”', async () => {
    const reader = await browser.newContext({ locale: 'en', viewport: { width: 1280, height: 900 } });
    reader.setDefaultTimeout(60_000);
    const p = await reader.newPage();
    try {
      await p.goto(`${portal.url}/sign-in?returnTo=${encodeURIComponent('/search?q=concerto&format=audio')}`);
      await p.getByLabel('E-mail address', { exact: true }).fill(portal.reader.email);
      await p.getByLabel('Password', { exact: true }).fill(portal.reader.password);
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.waitForURL(/\/search\?q=concerto/);
      await p.getByRole('button', { name: 'Save this search' }).click();
      const name = p.getByLabel('Name of the saved search');
      expect(await name.inputValue()).toBe('concerto');
      await name.fill('');
      await p.getByRole('button', { name: 'Save', exact: true }).click();
      await p.getByText('Give it a name.').waitFor();
      await name.fill('Concertos on record');
      await p.getByRole('button', { name: 'Save', exact: true }).click();
      await p.getByRole('status').filter({ hasText: 'Saved as “Concertos on record”.' }).waitFor();
      await screenshot(p, 'cat-09-search-saved');

      await p.locator('.site-nav').getByRole('link', { name: 'My saved searches' }).click();
      await p.getByRole('heading', { name: 'My saved searches', level: 1 }).waitFor();
      await p.getByRole('link', { name: 'Concertos on record', exact: true }).waitFor();
      await expectAccessible(p, 'my saved searches');
      await screenshot(p, 'cat-10-saved-searches');
      await p.getByRole('button', { name: 'Rename “Concertos on record”' }).click();
      await p.getByLabel('New name').fill('Bartók and others');
      await p.getByRole('button', { name: 'Save the name' }).click();
      await p.getByRole('link', { name: 'Run “Bartók and others”' }).click();
      await p.waitForURL(/\/search\?/);
      const url = new URL(p.url());
      expect(url.searchParams.get('q')).toBe('concerto');
      expect(url.searchParams.getAll('format')).toEqual(['audio']);
      await p.locator('#results-heading').waitFor();

      await p.goto(`${portal.url}/saved-searches`);
      await p.getByRole('button', { name: 'Delete “Bartók and others”' }).click();
      await p.getByText('You have no saved searches yet.').waitFor();
    } finally {
      await reader.close();
    }
  });

  it('needed nothing its content security policy refuses', () => {
    expect(refusedByPolicy).toEqual([]);
  });
});
