/**
 * A real OpenID provider (the `oidc-provider` package) for the federated sign-in tests and the
 * benchmark, in a worker thread of its own: so that its clock can be set apart from Anylib's
 * (an expired ID token is one signed by a provider whose clock is behind), and so that stopping
 * it is a provider going down. No consent screen (every requested scope is granted); the login
 * "form" signs in the account named by the `x-test-user` header (or the default one); the name
 * `refuse` cancels instead.
 *
 * workerData: { port?, issuer?: string with {port}, clients, accounts: { sub: claims }, jwk,
 *   clockOffsetSeconds?, defaultUser?, publishedJwk? } — publishedJwk: a public key published at /jwks in
 *   place of the provider's own, so that its ID tokens carry a signature nobody can verify (a forgery). Messages in: { setAccount: { sub, claims } }.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import Provider from 'oidc-provider';

const { port = 0, issuer: issuerTemplate = 'http://127.0.0.1:{port}', clients, accounts, jwk, clockOffsetSeconds = 0, defaultUser, publishedJwk } = workerData;

if (clockOffsetSeconds) {
  const realNow = Date.now;
  Date.now = () => realNow() + clockOffsetSeconds * 1000;
}

let handler = (_req, res) => {
  res.statusCode = 503;
  res.end();
};
const server = http.createServer((req, res) => handler(req, res));
server.keepAliveTimeout = 1000;
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const actualPort = server.address().port;
const issuer = issuerTemplate.replace('{port}', String(actualPort));

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [jwk] },
  cookies: { keys: ['anylib-test-cookie-key-anylib-test-cookie-key'] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    affiliation: ['eduPersonAffiliation'],
    groups: ['groups'],
    employee: ['employeeNumber'],
  },
  features: { devInteractions: { enabled: false } },
  ttl: { Interaction: 600, Grant: 3600, Session: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 3600 },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const claims = accounts[sub];
    if (!claims) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...accounts[sub] }) };
  },
  // Every scope the client asks for is granted: the tests are about Anylib, not about consent.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.params.scope);
    await grant.save();
    return grant;
  },
});
provider.on('server_error', (_ctx, err) => parentPort.postMessage({ serverError: String(err?.stack ?? err) }));

const callback = provider.callback();
handler = async (req, res) => {
  if (publishedJwk && req.url === '/jwks') {
    res.setHeader('content-type', 'application/jwk-set+json');
    res.end(JSON.stringify({ keys: [publishedJwk] }));
    return;
  }
  if (req.url.startsWith('/interaction/')) {
    try {
      const details = await provider.interactionDetails(req, res);
      const user = req.headers['x-test-user'] ?? defaultUser;
      if (user === 'refuse') {
        // The reader cancels at their library's login page.
        await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
      } else if (details.prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId: user } }, { mergeWithLastSubmission: false });
      } else {
        await provider.interactionFinished(req, res, { consent: {} }, { mergeWithLastSubmission: true });
      }
    } catch (err) {
      res.statusCode = 500;
      res.end(String(err));
    }
    return;
  }
  callback(req, res);
};

parentPort.on('message', (m) => {
  if (m.setAccount) accounts[m.setAccount.sub] = m.setAccount.claims;
});
parentPort.postMessage({ ready: true, port: actualPort, issuer });
