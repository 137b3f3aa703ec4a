/**
 * Issue 6 figures: the sign-in round trip through an OpenID provider on loopback ≤ 150 ms p95,
 * and 200 concurrent sessions. A real oidc-provider runs in a worker thread; Anylib runs in this
 * process, listening on loopback (embedded PGlite, or PostgreSQL with DATABASE_URL), and so does
 * the "browser" that follows the redirects — its own work is inside the figure.
 *   npx tsx bench/oidc-login.ts [readers=200] [repeat=100]
 * One round trip: Anylib's login start → the provider's authorization endpoint → its login
 * interaction → back to Anylib's callback (code exchange, ID token validation, UserInfo, the
 * account made or updated, a session) → the 302 to returnTo.
 */
import { loadavg } from 'node:os';
import { Browser, addProvider, anylibOnLoopback, startProvider, toCallback } from '../test/identity/oidc-support.js';
import { figure, percentile } from './support.js';

const readers = Number(process.argv[2] ?? 200);
const repeat = Number(process.argv[3] ?? 100);

const anylib = await anylibOnLoopback('CN-BENCH');
const accounts: Record<string, Record<string, unknown>> = {};
for (let i = 0; i < readers; i++) accounts[`r${i}`] = { email: `r${i}@bench.example`, name: `Reader ${i}`, eduPersonAffiliation: i % 5 ? 'student' : 'faculty' };
const idp = await startProvider({
  clients: [{ client_id: 'anylib', client_secret: 'bench-secret', redirect_uris: [`${anylib.base}/api/v1/auth/oidc/1/callback`] }],
  accounts,
});
try {
  const provider = await addProvider(anylib.t, anylib.admin, 'CN-BENCH', {
    issuer: idp.issuer,
    clientId: 'anylib',
    clientSecret: 'bench-secret',
    scopes: ['openid', 'email', 'profile', 'affiliation'],
    claims: { category: { claim: 'eduPersonAffiliation', values: { student: 'student', faculty: 'teacher' } } },
  });

  // Each sign-in from its own address, as readers come from many (login starts are throttled per address).
  const browserFor = (i: number) => new Browser({ 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });
  async function roundTrip(browser: Browser, user: string): Promise<number> {
    const t0 = performance.now();
    const { callback } = await toCallback(browser, `${provider.loginUrl}?returnTo=%2F`, user);
    const res = await browser.get(callback!);
    await res.arrayBuffer();
    if (res.status !== 302) throw new Error(`sign-in of ${user} failed: ${res.status}`);
    return performance.now() - t0;
  }

  // Warm-up: discovery, JWKS, JIT compilation, connections.
  for (let i = 0; i < 10; i++) await roundTrip(browserFor(100_000 + i), `r${i % readers}`);

  const browsers: Browser[] = [];
  const first: number[] = [];
  for (let i = 0; i < readers; i++) {
    const b = browserFor(i);
    first.push(await roundTrip(b, `r${i}`));
    browsers.push(b);
  }
  const again: number[] = [];
  for (let i = 0; i < repeat; i++) again.push(await roundTrip(browserFor(200_000 + i), `r${i % readers}`));
  const all = [...first, ...again];

  // Every session at once against a signed-in endpoint.
  const t0 = performance.now();
  const answers = await Promise.all(
    browsers.map(async (b, i) => {
      const s0 = performance.now();
      const res = await b.get(`${anylib.base}/api/v1/auth/session`);
      const body = (await res.json()) as { account?: { email: string } };
      return { ok: res.status === 200 && body.account?.email === `r${i}@bench.example`, ms: performance.now() - s0 };
    }),
  );
  const wall = performance.now() - t0;
  const ok = answers.filter((a) => a.ok).length;

  console.log(`# ${readers} first sign-ins (account made just in time), ${repeat} repeat sign-ins; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  figure('oidc_login_round_trip_p50', percentile(all, 50), 'ms');
  figure('oidc_login_round_trip_p95', percentile(all, 95), 'ms');
  figure('oidc_login_first_sign_in_p95', percentile(first, 95), 'ms');
  figure('oidc_login_repeat_sign_in_p95', percentile(again, 95), 'ms');
  figure('concurrent_sessions_ok', ok, `of ${browsers.length}`);
  figure('concurrent_sessions_wall', wall, 'ms');
  figure('concurrent_sessions_p95', percentile(answers.map((a) => a.ms), 95), 'ms');
  if (ok !== browsers.length) process.exitCode = 1;
} finally {
  await idp.stop();
  await anylib.close();
}
