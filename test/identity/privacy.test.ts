import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityModule, readerDataRetentionKind, recordAudit, registerReaderDataHolder } from '../../src/modules/identity/index.js';
import type { JobContext } from '../../src/platform/jobs/index.js';
import { anAdmin, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary, aPerson, signIn } from './support.js';

/**
 * A reader's own copy of their data, and the retention that anonymises it after their business
 * ends. The other module's part goes through the ReaderDataHolder contract: here a holder over a
 * table of ended requests made in the test database, as the ILL module would register one.
 */
let t: TestApp;
let admin: TestAccount;

beforeAll(async () => {
  t = await testApp();
  await aLibrary(t, 'CN-PRIV');
  admin = await anAdmin(t);
  await t.db.query(`CREATE TABLE test_requests (id serial PRIMARY KEY, reader_id bigint, reader_name text, reader_email text, barcode text, ended_at timestamptz)`);
  registerReaderDataHolder({
    area: 'testRequests',
    async exportFor(db, userId) {
      return (await db.query('SELECT id, reader_name AS "readerName", barcode FROM test_requests WHERE reader_id = $1 ORDER BY id', [userId])).rows;
    },
    async anonymiseEndedBefore(db, endedBefore) {
      const r = await db.query(
        `UPDATE test_requests SET reader_name = NULL, reader_email = NULL, barcode = NULL WHERE ended_at < $1 AND (reader_name IS NOT NULL OR reader_email IS NOT NULL OR barcode IS NOT NULL)`,
        [endedBefore],
      );
      return r.rowCount;
    },
  });
}, 60_000);
afterAll(() => t?.close());

async function aReader(name: string) {
  const p = await aPerson(t, { role: 'reader', library: 'CN-PRIV' });
  await t.db.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [p.userId, name]);
  await t.db.query(`INSERT INTO reader_profiles (user_id, library_id, category) SELECT $1, id, 'student' FROM libraries WHERE symbol = 'CN-PRIV'`, [p.userId]);
  return p;
}

describe('a reader’s own data', () => {
  it('downloads as JSON with every part, no secrets, and the download is in the audit log', async () => {
    const r = await aReader('Zhang San');
    await t.db.query(`INSERT INTO test_requests (reader_id, reader_name, barcode, ended_at) VALUES ($1, 'Zhang San', 'B-1', now())`, [r.userId]);
    const s = await signIn(t, r.email, r.password, '198.51.100.40');
    const res = await t.app.inject({ url: '/api/v1/me/data', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="anylib-my-data-\d{4}-\d{2}-\d{2}\.json"/);
    const data = res.json();
    expect(data.identity.account).toMatchObject({ id: r.userId, email: r.email, displayName: 'Zhang San', hasPassword: true });
    expect(data.identity.readerProfiles).toEqual([expect.objectContaining({ library: 'CN-PRIV', category: 'student', blocked: false })]);
    expect(data.identity.sessions).toHaveLength(1);
    expect(data.identity.signInAttempts[0]).toMatchObject({ succeeded: true, ip: '198.51.100.40' });
    expect(data.testRequests).toEqual([{ id: expect.any(Number), readerName: 'Zhang San', barcode: 'B-1' }]);
    expect(res.body).not.toMatch(/argon2|id_hash|token_hash|csrf/i);
    const audit = await t.app.inject({ url: `/api/v1/audit?action=reader.data-export&target=user:${r.userId}`, headers: admin.headers });
    // Every registered holder has its part (interlibrary loan's too, when its module is loaded).
    expect(audit.json().items[0]).toMatchObject({ actor: r.email });
    expect(audit.json().items[0].details.areas).toEqual(expect.arrayContaining(['identity', 'testRequests']));
  });

  it('is read by staff only with a trace: reading or listing another person’s account is in the audit log', async () => {
    const r = await aReader('Zhao Liu');
    expect((await t.app.inject({ url: `/api/v1/users/${r.userId}`, headers: admin.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/libraries/CN-PRIV/users', headers: admin.headers })).statusCode).toBe(200);
    const read = await t.app.inject({ url: `/api/v1/audit?action=user.read&target=user:${r.userId}`, headers: admin.headers });
    expect(read.json().items).toHaveLength(1);
    const list = await t.app.inject({ url: '/api/v1/audit?action=user.list&library=CN-PRIV', headers: admin.headers });
    expect(list.json().items[0].details.shown).toContain(r.userId);
  });

  it('is for the signed-in person only', async () => {
    expect((await t.app.inject({ url: '/api/v1/me/data' })).statusCode).toBe(401);
  });
});

describe('retention of readers’ data', () => {
  it('anonymises, after the configured days, readers who left and the requests that ended; keeps the rest and the statistics', async () => {
    const left = await aReader('Li Si');
    const recent = await aReader('Wang Wu');
    const staff = await aPerson(t, { role: 'library-staff', library: 'CN-PRIV', permissions: ['lending'] });
    await t.db.query(`UPDATE users SET disabled_at = now() - interval '100 days' WHERE id = ANY($1)`, [[left.userId, staff.userId]]);
    await t.db.query(`UPDATE users SET disabled_at = now() - interval '10 days' WHERE id = $1`, [recent.userId]);
    await t.db.query(
      `INSERT INTO test_requests (reader_id, reader_name, reader_email, barcode, ended_at) VALUES ($1, 'Li Si', 'li@x.example', 'B-2', now() - interval '91 days'), ($2, 'Wang Wu', 'w@x.example', 'B-3', now() - interval '89 days'), ($2, 'Wang Wu', NULL, 'B-4', NULL)`,
      [left.userId, recent.userId],
    );
    const handler = identityModule.jobs![readerDataRetentionKind]!;
    const changed = await handler({ retentionDays: 90 } as never, { db: t.db } as unknown as JobContext);
    expect(changed).toMatchObject({ identity: 1, testRequests: 1 });

    const { rows: users } = await t.db.query<{ id: number; email: string; display_name: string }>('SELECT id, email, display_name FROM users WHERE id = ANY($1) ORDER BY id', [[left.userId, recent.userId, staff.userId]]);
    expect(users).toEqual([
      { id: left.userId, email: `anonymised-${left.userId}@readers.invalid`, display_name: '' },
      { id: recent.userId, email: recent.email, display_name: 'Wang Wu' },
      { id: staff.userId, email: staff.email, display_name: expect.any(String) },
    ]);
    // The statistics keep the reader's library and category.
    expect((await t.db.query('SELECT category FROM reader_profiles WHERE user_id = $1', [left.userId])).rows).toEqual([{ category: 'student' }]);
    const { rows: requests } = await t.db.query('SELECT barcode FROM test_requests WHERE reader_id = ANY($1) ORDER BY id', [[left.userId, recent.userId]]);
    expect(requests).toEqual([{ barcode: null }, { barcode: 'B-3' }, { barcode: 'B-4' }]);

    // Again: nothing more to do (idempotent); the run is recorded and tomorrow's queued once.
    expect(await handler({ retentionDays: 90 } as never, { db: t.db } as unknown as JobContext)).toMatchObject({ identity: 0, testRequests: 0 });
    const audit = await t.app.inject({ url: '/api/v1/audit?action=privacy.retention', headers: admin.headers });
    expect(audit.json().items[1]).toMatchObject({ actor: 'system', details: { retentionDays: 90, changed: { identity: 1, testRequests: 1 } } });
    expect(await t.jobs.list({ kind: readerDataRetentionKind })).toHaveLength(1);
  });
});

describe('retention of the audit log’s entries about readers', () => {
  it('lists who read a reader’s data in their own copy, then, after the retention, anonymises the reader in those entries and keeps the staff actor, action, time and counts', async () => {
    const reader = await aReader('Sun Qi');
    const staff = await aPerson(t, { role: 'library-staff', library: 'CN-PRIV', permissions: ['lending'] });
    // Staff read the reader's profile and account, and an interlibrary-loan request of theirs; the reader signs in, once mistyping.
    expect((await t.app.inject({ url: `/api/v1/libraries/CN-PRIV/readers/${reader.userId}`, headers: admin.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/users/${reader.userId}`, headers: admin.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/libraries/CN-PRIV/users', headers: admin.headers })).statusCode).toBe(200);
    await recordAudit(t.db, { actor: { via: 'session', userId: staff.userId, email: staff.email } as never, action: 'ill.request.read', target: 'ill-request:7', library: 'CN-PRIV', details: { reader: reader.userId } });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: reader.email, password: 'wrong password entirely' } });
    const s = await signIn(t, reader.email, reader.password, '198.51.100.77');

    const mine = (await t.app.inject({ url: '/api/v1/me/data', headers: { cookie: s.cookie } })).json();
    const reads = mine.identity.readsOfYourData as { by: string; library: string | null; action: string }[];
    expect(reads.map((r) => r.action)).toEqual(expect.arrayContaining(['reader.read', 'user.read', 'user.list', 'ill.request.read']));
    expect(reads.find((r) => r.action === 'ill.request.read')).toMatchObject({ by: staff.email, library: 'CN-PRIV' });
    expect(reads.find((r) => r.action === 'reader.read')).toMatchObject({ by: admin.email });

    // A hundred days later (the entries are moved back in time) the retention runs.
    const { rows: ids } = await t.db.query<{ id: string }>(`SELECT id FROM audit_log WHERE at > now() - interval '1 minute'`);
    await t.db.query(`UPDATE audit_log SET at = at - interval '100 days' WHERE id = ANY($1)`, [ids.map((r) => r.id)]);
    const handler = identityModule.jobs![readerDataRetentionKind]!;
    const changed = (await handler({ retentionDays: 90 } as never, { db: t.db } as unknown as JobContext)) as Record<string, number>;
    expect(changed.auditLog).toBeGreaterThanOrEqual(6);

    const { rows } = await t.db.query<{ action: string; actor: string; actor_id: number | null; target: string | null; details: Record<string, unknown>; ip: string | null }>(
      `SELECT action, actor, actor_id::int, target, details, ip FROM audit_log WHERE id = ANY($1) ORDER BY id`,
      [ids.map((r) => r.id)],
    );
    const text = JSON.stringify(rows);
    expect(text).not.toContain(reader.email);
    expect(text).not.toContain(`user:${reader.userId}"`);
    expect(text).not.toContain('198.51.100.77');
    expect(rows.find((r) => r.action === 'reader.read')).toMatchObject({ actor: admin.email, target: 'user:anonymised' });
    expect(rows.find((r) => r.action === 'ill.request.read')).toMatchObject({ actor: staff.email, target: 'ill-request:7', details: { reader: 'anonymised' } });
    expect(rows.find((r) => r.action === 'user.list')!.details).toMatchObject({ shownCount: expect.any(Number) });
    expect(rows.find((r) => r.action === 'user.list')!.details.shown).toBeUndefined();
    expect(rows.find((r) => r.action === 'login')).toMatchObject({ actor: 'anonymised reader', actor_id: null, ip: null });
    expect(rows.find((r) => r.action === 'login.failed')).toMatchObject({ actor: 'anonymised reader', ip: null });

    // Nothing more the second time; the reader's copy no longer names the old reads.
    expect(((await handler({ retentionDays: 90 } as never, { db: t.db } as unknown as JobContext)) as Record<string, number>).auditLog).toBe(0);
    const later = (await t.app.inject({ url: '/api/v1/me/data', headers: { cookie: s.cookie } })).json();
    expect(later.identity.readsOfYourData.filter((r: { action: string }) => r.action !== 'user.list')).toEqual([]);
  });
});
