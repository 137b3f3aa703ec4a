import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, describeAdded } from '../../src/cli/commands/user.js';
import type { ServerClient, Target } from '../../src/cli/context.js';
import { ProblemError } from '../../src/cli/context.js';
import { identityModule, purgeExpiredKind } from '../../src/modules/identity/index.js';
import type { JobContext } from '../../src/platform/jobs/index.js';
import { testApp, type TestApp } from '../support/app.js';
import { aLibrary, signIn } from './support.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('anylib user add', () => {
  let onDb: Target;
  let onServer: Target;
  beforeAll(async () => {
    await aLibrary(t, 'CN-A');
    onDb = { kind: 'db', db: t.db, close: async () => undefined };
    // The server a CLI finds on the data directory, reached with the local token it advertises.
    const server: ServerClient = {
      url: 'http://anylib.test',
      async request<T>(method: string, path: string, body?: unknown): Promise<T> {
        const res = await t.app.inject({ method: method as 'POST', url: path, payload: body as object, headers: { authorization: 'Bearer local-test-token-local-test-token' } });
        if (res.statusCode >= 400) throw new ProblemError(res.statusCode, res.json());
        return res.json() as T;
      },
    };
    onServer = { kind: 'server', server, close: async () => undefined };
  });

  it('creates an account on the database and prints a one-time password that signs in', async () => {
    const added = await addUser(onDb, { email: 'cli.staff@example.org', role: 'library-staff', library: 'CN-A', permissions: 'catalogue,lending' }, 'en');
    expect(added.account.grants).toEqual([{ role: 'library-staff', library: 'CN-A', permissions: ['catalogue', 'lending'] }]);
    const printed = describeAdded(added, 'en');
    expect(printed).toContain('cli.staff@example.org');
    expect(printed).toContain(added.oneTimePassword!);
    const session = await signIn(t, 'cli.staff@example.org', added.oneTimePassword!);
    expect(session.csrfToken).toBeTruthy();
    const { rows } = await t.db.query<{ actor: string }>(`SELECT actor FROM audit_log WHERE action = 'user.create' AND target = $1`, [`user:${added.account.id}`]);
    expect(rows).toEqual([{ actor: 'local-cli' }]);
  });

  it('creates an account through a running server, with an API token for a system', async () => {
    const added = await addUser(onServer, { email: 'ils@example.org', role: 'library-staff', library: 'CN-A', token: true }, 'zh-CN');
    expect(added.oneTimePassword).toBeUndefined();
    expect(added.apiToken!.token).toMatch(/^al_/);
    expect(describeAdded(added, 'zh-CN')).toContain('API 令牌');
    const res = await t.app.inject({ url: '/api/v1/auth/session', headers: { authorization: `Bearer ${added.apiToken!.token}` } });
    expect(res.json().account.email).toBe('ils@example.org');
  });

  it('says which option is wrong', async () => {
    await expect(addUser(onDb, { email: 'x@example.org', role: 'librarian' }, 'en')).rejects.toThrow(/--role/);
    await expect(addUser(onDb, { email: 'x@example.org', role: 'reader' }, 'en')).rejects.toThrow(/--library/);
    await expect(addUser(onDb, { email: 'x@example.org', role: 'reader', library: 'CN-NOWHERE' }, 'en')).rejects.toThrow(/SCOPE_NOT_FOUND/);
    await expect(addUser(onServer, { email: 'cli.staff@example.org', role: 'reader', library: 'CN-A' }, 'en')).rejects.toThrow(/EMAIL_TAKEN/);
  });
});

describe('the identity.purge-expired job', () => {
  it('deletes expired sessions and sign-in attempts older than 30 days, keeps the rest, and queues the next run', async () => {
    const { rows } = await t.db.query<{ id: number }>(`INSERT INTO users (email) VALUES ('p@example.org') RETURNING id`);
    const userId = rows[0]!.id;
    await t.db.query(
      `INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) VALUES
         ('gone', $1, 'c', now() - interval '1 minute'), ('live', $1, 'c', now() + interval '1 hour')`,
      [userId],
    );
    await t.db.query(
      `INSERT INTO login_attempts (email, succeeded, at) VALUES ('p@example.org', false, now() - interval '31 days'), ('p@example.org', false, now() - interval '29 days')`,
    );
    const handler = identityModule.jobs![purgeExpiredKind]!;
    const result = await handler({} as never, { db: t.db } as unknown as JobContext);
    expect(result).toEqual({ sessions: 1, loginAttempts: 1, loginTransactions: 0 });
    expect((await t.db.query(`SELECT id_hash FROM sessions WHERE id_hash IN ('gone', 'live')`)).rows).toEqual([{ id_hash: 'live' }]);
    const next = await t.jobs.list({ kind: purgeExpiredKind });
    expect(next).toHaveLength(1);
    expect(next[0]!.runAt.getTime()).toBeGreaterThan(Date.now());
    // Every node queues the same daily run: still one.
    await handler({} as never, { db: t.db } as unknown as JobContext);
    expect(await t.jobs.list({ kind: purgeExpiredKind })).toHaveLength(1);
  });
});
