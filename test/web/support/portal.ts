import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fromRoot } from '../../../src/platform/paths.js';
import { startServer, tempDir, type AnylibServer } from '../../platform/support/anylib-process.js';

/** Debian's Chromium (`apt-get install chromium`, as .ci/run does); CHROMIUM_PATH points elsewhere. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const webDist = fromRoot('web', 'dist');
const viteBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');

function newestIn(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, e) => {
    const full = path.join(dir, e.name);
    return Math.max(newest, e.isDirectory() ? newestIn(full) : statSync(full).mtimeMs);
  }, 0);
}

/**
 * Builds the web application unless web/dist is newer than its sources (`npm ci` built it in CI;
 * here it is rebuilt after an edit). One build at a time: test files running in parallel wait
 * for the one that builds (a lock directory).
 */
export async function ensureWebBuilt(): Promise<void> {
  const sources = Math.max(newestIn(fromRoot('web', 'src')), statSync(fromRoot('web', 'index.html')).mtimeMs, statSync(fromRoot('web', 'vite.config.ts')).mtimeMs);
  const fresh = () => existsSync(path.join(webDist, 'index.html')) && statSync(path.join(webDist, 'index.html')).mtimeMs >= sources;
  if (fresh()) return;
  const lock = fromRoot('web', '.build-lock');
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 180_000) throw new Error(`${lock} held for 3 minutes: remove it if no build runs`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (fresh()) return;
    // NODE_ENV as `npm ci` has it: vitest sets it to `test`, which Vite would keep, building React's
    // development bundle (larger, slower, effects run twice) instead of what readers get.
    const run = spawnSync(process.execPath, [viteBin, 'build', 'web', '--logLevel', 'warn'], {
      cwd: fromRoot(),
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (run.status !== 0) throw new Error(`vite build failed:\n${run.stdout}\n${run.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

export interface Portal {
  server: AnylibServer;
  url: string;
  /** The demo reader's e-mail address and password (printed at first start). */
  reader: { email: string; password: string };
  /** Every demo account's password, by e-mail address. */
  passwords: Map<string, string>;
  stop(): Promise<void>;
}

/**
 * The real `anylib serve` on a fresh embedded data directory with the demo network and records,
 * once the search index holds them all.
 */
export async function startPortal(): Promise<Portal> {
  const cwd = tempDir('anylib-web-');
  const dataDir = path.join(cwd, 'data');
  // A port chosen beforehand, so BASE_URL (the links the server writes: downloads, sign-in) is right.
  const port = await freePort();
  const server = await startServer({ ANYLIB_DATA_DIR: dataDir, ANYLIB_DEMO: '1', PORT: String(port), BASE_URL: `http://127.0.0.1:${port}` }, cwd);
  try {
    for (let i = 0; ; i++) {
      const index = (await (await fetch(`${server.url}/api/v1/search/index`)).json()) as { documents: number; pendingChanges: number };
      if (index.documents > 0 && index.pendingChanges === 0) break;
      if (i > 600) throw new Error(`the search index is not ready: ${JSON.stringify(index)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const accounts = readFileSync(path.join(dataDir, 'demo-accounts.txt'), 'utf8');
    const passwords = new Map(
      accounts
        .split('\n')
        .map((l) => l.trim().split(/\s+/))
        .filter(([email, password]) => /^[^@\s]+@([\w-]+\.)*demo\.anylib\.org$/.test(email ?? '') && password)
        .map(([email, password]) => [email!, password!]),
    );
    const email = [...passwords.keys()].find((e) => e.startsWith('reader@'))!;
    const stop = async () => {
      await server.stop();
      rmSync(cwd, { recursive: true, force: true }); // the embedded database and its files
    };
    return { server, url: server.url, reader: { email, password: passwords.get(email)! }, passwords, stop };
  } catch (err) {
    server.child.kill('SIGKILL');
    throw err;
  }
}

/** Signs in over the API and answers a function that calls it with the session (cookie and CSRF token). */
export async function apiSession(portal: Portal, email: string): Promise<(path: string, body?: unknown) => Promise<Response>> {
  const login = await fetch(`${portal.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: portal.passwords.get(email) }),
  });
  if (!login.ok) throw new Error(`sign-in of ${email} failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return (path, body) =>
    fetch(`${portal.url}/api/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

export function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`No Chromium at ${chromiumPath}: apt-get install chromium (Debian), or set CHROMIUM_PATH`);
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it is; answers the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // evaluate, not a <script> tag: the page's content security policy allows no inline script.
  await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Keeps a screenshot of a step as a test artefact (test-results/, ignored by git). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = fromRoot('test-results', 'web');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
