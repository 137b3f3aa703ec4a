/**
 * Issue 5 figure: one ISO 18626 message through `POST /iso18626` (target ≤ 20 ms p95), over real
 * HTTP on loopback, one client. The deployment: CN-BOR borrows from CN-PEER, a library served by
 * another system; each of `requests` requests was sent to it (the Request waits in the outbox:
 * nobody delivers it here). Measured per message, from the POST to the confirmation read:
 *   - `notification`: a SupplyingAgencyMessage Notification (read, logged, request locked,
 *     machine step, history, confirmation written and logged) — the common case;
 *   - `status_change`: ExpectToSupply, WillSupply, Loaned on each request (the state moves);
 *   - `repeat`: a message sent again (answered from the log, not applied).
 * Uses PGlite, or the PostgreSQL server of DATABASE_URL (a new database, dropped afterwards).
 *   npx tsx bench/ill/iso18626.ts [messages] [requests]
 */
import { loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import { agencyIdOfSymbol, writeMessage, type iso18626 } from '../../src/modules/ill/domain/index.js';
import { holdBook } from '../../test/ill/peers-support.js';
import { aLibrary, loadDirectory } from '../../test/network/factories.js';
import { anAccount, anAdmin } from '../../test/support/accounts.js';
import { testApp } from '../../test/support/app.js';
import { figure, percentile } from '../support.js';

const messages = Number(process.argv[2] ?? 1000);
const requests = Number(process.argv[3] ?? 30);

const t = await testApp();
try {
  await loadDirectory(t, { libraries: [aLibrary({ symbol: 'CN-BOR' }), aLibrary({ symbol: 'CN-PEER', city: { zh: '苏州', en: 'Suzhou' } })] });
  const admin = await anAdmin(t);
  await t.app.inject({ method: 'PUT', url: '/api/v1/ill/peers/CN-PEER', headers: admin.headers, payload: { url: 'http://127.0.0.1:9/iso18626' } });
  // The peer authenticates as a real one does (one hash and one indexed look-up per message).
  const secret = (await t.app.inject({ method: 'PUT', url: '/api/v1/ill/peers/CN-PEER/secrets', headers: admin.headers, payload: { inbound: 'issue' } })).json().issuedSecret as string;
  const cluster = await holdBook(t, 'CN-PEER', { id: 'red', title: 'Dream of the red chamber', isbn: '9787020002207' }, 'P-1');
  const ids: number[] = [];
  for (let i = 0; i < requests; i++) {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-BOR' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/ill/requests', headers: reader.headers, payload: { service: 'loan', clusterId: cluster } });
    if (res.statusCode !== 201) throw new Error(`placing a request: ${res.statusCode} ${res.body}`);
    ids.push(res.json().id);
  }
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/iso18626`;

  let clock = Date.parse('2030-01-01T00:00:00Z');
  const sam = (id: number, reasonForMessage: 'Notification' | 'RequestResponse' | 'StatusChange', status: iso18626.SupplyingAgencyMessage['statusInfo']['status'], note?: string): string => {
    const timestamp = new Date((clock += 1000)).toISOString();
    return writeMessage({
      kind: 'supplyingAgencyMessage',
      header: { supplyingAgencyId: agencyIdOfSymbol('CN-PEER'), requestingAgencyId: agencyIdOfSymbol('CN-BOR'), timestamp, requestingAgencyRequestId: `ILL-${id}`, supplyingAgencyRequestId: `PEER-${id}` },
      messageInfo: { reasonForMessage, ...(note ? { note } : {}) },
      statusInfo: { status, lastChange: timestamp, ...(status === 'Loaned' ? { dueDate: '2099-02-01T23:59:59+08:00' } : {}) },
    }, '2021');
  };
  const timed = async (xml: string): Promise<number> => {
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${secret}` }, body: xml });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200 || !body.includes('<messageStatus>OK</messageStatus>')) throw new Error(`not confirmed OK: ${res.status} ${body.slice(0, 500)}`);
    return ms;
  };

  for (let i = 0; i < 50; i++) await timed(sam(ids[i % ids.length]!, 'Notification', 'RequestReceived', `warm-up ${i}`));
  const notification: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < messages; i++) notification.push(await timed(sam(ids[i % ids.length]!, 'Notification', 'RequestReceived', `note ${i}`)));
  const cpu = process.cpuUsage(cpu0);
  const change: number[] = [];
  for (const id of ids) {
    change.push(await timed(sam(id, 'RequestResponse', 'ExpectToSupply')));
    change.push(await timed(sam(id, 'StatusChange', 'WillSupply')));
    change.push(await timed(sam(id, 'StatusChange', 'Loaned')));
  }
  const again = sam(ids[0]!, 'Notification', 'Loaned', 'sent twice');
  await timed(again);
  const repeat: number[] = [];
  for (let i = 0; i < 200; i++) repeat.push(await timed(again));

  for (const [name, xs] of [['notification', notification], ['status_change', change], ['repeat', repeat]] as const) {
    figure(`iso18626_${name}_p50`, percentile(xs, 50), 'ms');
    figure(`iso18626_${name}_p95`, percentile(xs, 95), 'ms');
    figure(`iso18626_${name}_p99`, percentile(xs, 99), 'ms');
  }
  figure('iso18626_messages', notification.length + change.length + repeat.length, 'messages');
  // CPU of this process (server and client both) per notification: what a message costs whatever else runs.
  figure('iso18626_notification_cpu_mean', (cpu.user + cpu.system) / 1000 / messages, 'ms');
  figure('database', t.db.kind === 'pglite' ? 0 : 1, t.db.kind === 'pglite' ? 'pglite' : 'postgres');
  figure('load_average_1min', loadavg()[0]!, 'processes');
} finally {
  await t.close();
}
