/**
 * A small CAS server built to the Apereo CAS Protocol 3.0 specification, for the tests: `/login`
 * signs the user named in `x-test-user` in and sends the browser back to the service with a
 * service ticket `ST-…` (§2.1, §3.1); `/serviceValidate` (2.0) and `/p3/serviceValidate` (3.0,
 * with `cas:attributes`) answer `cas:serviceResponse` XML (§2.5, §2.6); a ticket validates once,
 * only for the service it was issued for, and within its lifetime (§3.1.1); `/logout` (§2.3).
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';

export interface TestCas {
  url: string;
  setUser(name: string, attributes: Record<string, string | string[]>): void;
  /** Validation requests received (service, ticket), newest last. */
  validations: { service: string; ticket: string }[];
  logouts: number;
  stop(): Promise<void>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const ns = 'xmlns:cas="http://www.yale.edu/tp/cas"';
const failure = (code: string, message: string) => `<cas:serviceResponse ${ns}><cas:authenticationFailure code="${code}">${esc(message)}</cas:authenticationFailure></cas:serviceResponse>`;

export async function startCas(users: Record<string, Record<string, string | string[]>>): Promise<TestCas> {
  const people = new Map(Object.entries(users));
  const tickets = new Map<string, { service: string; user: string; issued: number; used: boolean }>();
  const validations: { service: string; ticket: string }[] = [];
  const state = { logouts: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://cas.invalid');
    const q = url.searchParams;
    if (url.pathname === '/cas/login') {
      const service = q.get('service');
      const who = String(req.headers['x-test-user'] ?? '');
      if (!service || !people.has(who)) return void res.writeHead(401).end('login form');
      const ticket = `ST-${randomBytes(16).toString('hex')}`;
      tickets.set(ticket, { service, user: who, issued: Date.now(), used: false });
      return void res.writeHead(302, { location: `${service}${service.includes('?') ? '&' : '?'}ticket=${ticket}` }).end();
    }
    if (url.pathname === '/cas/serviceValidate' || url.pathname === '/cas/p3/serviceValidate') {
      const service = q.get('service') ?? '';
      const ticket = q.get('ticket') ?? '';
      validations.push({ service, ticket });
      res.setHeader('content-type', 'application/xml; charset=utf-8');
      if (!service || !ticket) return void res.end(failure('INVALID_REQUEST', 'service and ticket are required'));
      const t = tickets.get(ticket);
      if (!t || t.used || Date.now() - t.issued > 10_000) return void res.end(failure('INVALID_TICKET', `Ticket ${ticket} not recognized`));
      t.used = true; // single use, whatever the outcome (§3.1.1)
      if (t.service !== service) return void res.end(failure('INVALID_SERVICE', `Ticket ${ticket} does not match supplied service`));
      const attrs = url.pathname.startsWith('/cas/p3/')
        ? `<cas:attributes>${Object.entries(people.get(t.user)!)
            .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `<cas:${k}>${esc(x)}</cas:${k}>`))
            .join('')}</cas:attributes>`
        : '';
      return void res.end(`<cas:serviceResponse ${ns}><cas:authenticationSuccess><cas:user>${esc(t.user)}</cas:user>${attrs}</cas:authenticationSuccess></cas:serviceResponse>`);
    }
    if (url.pathname === '/cas/logout') {
      state.logouts++;
      return void res.writeHead(200).end('logged out');
    }
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/cas`,
    setUser: (n, a) => people.set(n, a),
    validations,
    get logouts() {
      return state.logouts;
    },
    stop: async () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
