import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention } from '../../src/modules/identity/index.js';
import { SAVED_SEARCH_LIMIT } from '../../src/modules/search/saved/index.js';
import { anAccount, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary, aPerson, signIn } from '../identity/support.js';

/** A signed-in reader's saved searches: owner-only, idempotent, limited, in the data download, gone with the account. */
let t: TestApp;
let reader: TestAccount;
let other: TestAccount;

beforeAll(async () => {
  t = await testApp();
  await aLibrary(t, 'CN-SAVE');
  reader = await anAccount(t, { role: 'reader', library: 'CN-SAVE' });
  other = await anAccount(t, { role: 'reader', library: 'CN-SAVE' });
});
afterAll(() => t?.close());

const call = (who: TestAccount | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, payload, headers: { ...(who?.headers ?? {}), 'accept-language': 'en' } });

describe('saved searches', () => {
  it('saves a search once however often and in whatever order it is saved, and lists it', async () => {
    const first = await call(reader, 'POST', '/search/saved', { name: '红楼梦 books', query: 'q=红楼梦&format=book&page=2' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ name: '红楼梦 books', query: 'format=book&q=%E7%BA%A2%E6%A5%BC%E6%A2%A6' });
    const again = await call(reader, 'POST', '/search/saved', { name: 'again', query: '?format=book&q=红楼梦' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const list = await call(reader, 'GET', '/search/saved');
    expect(list.json()).toEqual({ items: [expect.objectContaining({ id: first.json().id, name: '红楼梦 books' })], limit: SAVED_SEARCH_LIMIT });
  });

  it('renames and deletes only the owner’s own; another reader gets 404, nobody signed in 401', async () => {
    const { id } = (await call(reader, 'POST', '/search/saved', { name: 'maps', query: 'q=maps' })).json();
    expect((await call(other, 'PATCH', `/search/saved/${id}`, { name: 'mine now' })).statusCode).toBe(404);
    expect((await call(other, 'DELETE', `/search/saved/${id}`)).statusCode).toBe(404);
    expect((await call(other, 'GET', '/search/saved')).json().items).toEqual([]);
    expect((await call(null, 'GET', '/search/saved')).statusCode).toBe(401);
    const renamed = await call(reader, 'PATCH', `/search/saved/${id}`, { name: 'Old maps' });
    expect(renamed.json()).toMatchObject({ id, name: 'Old maps', query: 'q=maps' });
    expect((await call(reader, 'DELETE', `/search/saved/${id}`)).statusCode).toBe(204);
    const gone = await call(reader, 'DELETE', `/search/saved/${id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'SAVED_SEARCH_NOT_FOUND' });
  });

  it('refuses a search with nothing in it (422) and an empty name (400 naming the field)', async () => {
    const empty = await call(reader, 'POST', '/search/saved', { name: 'nothing', query: 'page=3&q=' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toMatchObject({ code: 'SAVED_SEARCH_EMPTY', errors: [expect.objectContaining({ field: 'query' })] });
    const noName = await call(reader, 'POST', '/search/saved', { name: '  ', query: 'q=x' });
    expect(noName.statusCode).toBe(400);
    expect(JSON.stringify(noName.json().errors)).toContain('name');
  });

  it('refuses the search beyond the limit with 409 and says so in the reader’s language', async () => {
    const full = await anAccount(t, { role: 'reader', library: 'CN-SAVE' });
    await t.db.query(`INSERT INTO saved_searches (user_id, name, query) SELECT $1, 'n' || i, 'q=' || i FROM generate_series(1, $2::int) i`, [full.userId, SAVED_SEARCH_LIMIT]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/search/saved', payload: { name: 'one more', query: 'q=more' }, headers: { ...full.headers, 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'SAVED_SEARCH_LIMIT' });
    expect(res.json().detail).toContain('100');
    expect(res.json().detail).toMatch(/检索/);
    // The same search as one already saved is still answered: nothing new is made.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/search/saved', payload: { name: 'again', query: 'q=7' }, headers: full.headers })).statusCode).toBe(200);
  });

  it('is in the reader’s data download and goes when the account is anonymised or deleted', async () => {
    const p = await aPerson(t, { role: 'reader', library: 'CN-SAVE' });
    const s = await signIn(t, p.email, p.password);
    const save = await t.app.inject({ method: 'POST', url: '/api/v1/search/saved', payload: { name: 'poetry', query: 'q=唐诗' }, headers: s.writeHeaders });
    expect(save.statusCode).toBe(201);
    const data = (await t.app.inject({ url: '/api/v1/me/data', headers: { cookie: s.cookie } })).json();
    expect(data.savedSearches).toEqual({ searches: [expect.objectContaining({ name: 'poetry', query: 'q=%E5%94%90%E8%AF%97' })] });

    await t.db.query(`UPDATE users SET disabled_at = now() - interval '100 days' WHERE id = $1`, [p.userId]);
    const run = await applyRetention(t.db, 90);
    expect(run.changed.savedSearches).toBe(1);
    expect((await t.db.query('SELECT 1 FROM saved_searches WHERE user_id = $1', [p.userId])).rows).toEqual([]);

    const gone = await anAccount(t, { role: 'reader', library: 'CN-SAVE' });
    await call(gone, 'POST', '/search/saved', { name: 'x', query: 'q=x' });
    await t.db.query('DELETE FROM api_tokens WHERE user_id = $1', [gone.userId]);
    await t.db.query('DELETE FROM role_grants WHERE user_id = $1', [gone.userId]);
    await t.db.query('DELETE FROM users WHERE id = $1', [gone.userId]);
    expect((await t.db.query('SELECT 1 FROM saved_searches WHERE user_id = $1', [gone.userId])).rows).toEqual([]);
  });
});
