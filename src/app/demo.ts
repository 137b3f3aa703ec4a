import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../platform/config.js';
import type { Db } from '../platform/db/index.js';
import { fromRoot } from '../platform/paths.js';
import { isAppError } from '../platform/errors/index.js';
import { importNetwork } from '../modules/network/index.js';
import { createAccount } from '../modules/identity/index.js';
import { loadDemoRecords } from '../modules/catalog/index.js';
import { demoAccounts } from './demo-accounts.js';

/**
 * The demo alliance: loaded on first start into an empty embedded database, or into any empty
 * database when ANYLIB_DEMO=1 (ANYLIB_DEMO=0 never).
 */
export async function loadDemoIfWanted({ config, db, log }: { config: Config; db: Db; log: Logger }): Promise<void> {
  const wanted = config.demo ?? db.kind === 'pglite';
  if (!wanted || !(await isEmpty(db))) return;
  await loadDemo({ db, log, dataDir: config.dataDir });
}

async function isEmpty(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM libraries');
  return rows[0]!.n === 0;
}

export interface DemoCredentials {
  email: string;
  password: string;
  role: string;
}

/**
 * Loads the demo network (demo/network.json: the alliances and libraries of the source papers)
 * and one account per role with a random password, printed once and kept in
 * `<data dir>/demo-accounts.txt` (readable by the owner only).
 */
export async function loadDemo({ db, log, dataDir }: { db: Db; log: Logger; dataDir?: string }): Promise<DemoCredentials[]> {
  const started = Date.now();
  const document: unknown = JSON.parse(readFileSync(fromRoot('demo', 'network.json'), 'utf8'));
  const report = await importNetwork(db, document, { name: 'demo' });
  const records = await loadDemoRecords(db);
  const credentials: DemoCredentials[] = [];
  for (const a of demoAccounts) {
    const password = `demo-${randomBytes(9).toString('base64url')}`;
    try {
      await createAccount(db, { email: a.email, displayName: a.displayName, password, grants: a.grants });
    } catch (err) {
      // Loading the demo again keeps the accounts (and passwords) made the first time.
      if (isAppError(err) && err.code === 'EMAIL_TAKEN') continue;
      throw err;
    }
    credentials.push({ email: a.email, password, role: `${a.role['zh-CN']} / ${a.role.en}` });
  }
  log.info({ libraries: report.libraries, alliances: report.alliances, agreements: report.agreements, records: records.created, accounts: credentials.length, ms: Date.now() - started }, 'demo network loaded');
  if (!credentials.length) return credentials;
  const text = describe(credentials);
  process.stdout.write(text);
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'demo-accounts.txt'), text, { mode: 0o600 });
  }
  return credentials;
}

function describe(credentials: DemoCredentials[]): string {
  const lines = [
    '',
    '演示账户 Demo accounts (printed once; also in <data dir>/demo-accounts.txt)',
    '登录 Sign in: POST /api/v1/auth/login {"email", "password"}',
    '',
    ...credentials.map((c) => `  ${c.email.padEnd(32)} ${c.password}   ${c.role}`),
    '',
  ];
  return lines.join('\n') + '\n';
}
