/**
 * Federation over ISO 18626 between two Anylib servers on loopback, each with its own database:
 * a provincial deployment (CN-BOR borrows, CN-LOC is its only other holder) whose upper tier is a
 * regional deployment (its centre CALIS:100000; CN-LEND holds the book there). Both are real HTTP
 * servers; each delivers its messages to the other through its outbox.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutbox } from '../../src/modules/ill/index.js';
import { peerStore } from '../../src/modules/ill/peers/peer.store.js';
import { aLibrary, loadDirectory } from '../network/factories.js';
import { anAccount, anAdmin, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { holdBook, xsdErrors } from './peers-support.js';

interface Deployment {
  t: TestApp;
  url: string;
  outbox: { stop(): Promise<void> };
  staff: Record<string, TestAccount>;
}

/** Polls until `check` passes (messages cross between the servers in the background). */
async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`still not so after ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A TCP relay to a server that can be taken down and brought up again on the same port: a peer that is down, then up. */
function switchablePeer(target: () => number) {
  let server: net.Server | undefined;
  let port = 0;
  const sockets = new Set<net.Socket>();
  return {
    get port() {
      return port;
    },
    async up() {
      server = net.createServer((socket) => {
        const upstream = net.connect(target(), '127.0.0.1');
        for (const s of [socket, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
        }
        socket.pipe(upstream).pipe(socket);
        upstream.on('error', () => socket.destroy());
        socket.on('error', () => upstream.destroy());
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      port = (server.address() as net.AddressInfo).port;
    },
    async down() {
      // Down means down: kept-alive connections go too.
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    },
  };
}

describe('federation: the rota of the province runs out, the region supplies', () => {
  let province: Deployment;
  let region: Deployment;
  /** The secret the province issued the region (kept to set it again when the region forgets the province). */
  let forRegion: string;

  const api = async (d: Deployment, method: 'GET' | 'POST' | 'PUT', url: string, who: TestAccount, payload?: object) => {
    const res = await d.t.app.inject({ method, url: `/api/v1${url}`, headers: { ...who.headers, 'accept-language': 'en' }, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const peer = async (d: Deployment, symbol: string, url: string, upperTier = false) => api(d, 'PUT', `/ill/peers/${symbol}`, await anAdmin(d.t), { url, upperTier });
  /** The region issues the province (its peer CN-BOR) a secret, and the province sends it on its messages to the region. */
  const provinceTrustsRegion = async () => {
    const forProvince = (await api(region, 'PUT', '/ill/peers/CN-BOR/secrets', await anAdmin(region.t), { inbound: 'issue' })).issuedSecret as string;
    await api(province, 'PUT', '/ill/peers/CALIS:100000/secrets', await anAdmin(province.t), { outbound: forProvince });
  };
  const provinceRequest = (id: number) => api(province, 'GET', `/ill/requests/${id}`, province.staff.borrow!);
  /** The request the region keeps for the province's one. */
  const regionRequest = async (peerRequestId: string) => {
    const { rows } = await region.t.db.query<{ id: string }>('SELECT id FROM ill_requests WHERE peer_request_id = $1', [peerRequestId]);
    return rows[0] ? api(region, 'GET', `/ill/requests/${rows[0].id}`, await anAdmin(region.t)) : undefined;
  };
  /** Every message of the deployment's outbox answered. */
  const settled = (d: Deployment) => eventually('the outbox is empty', async () => (await peerStore.outbox(d.t.db)).every((o) => o.status !== 'pending'));
  const stateIs = (id: number, state: string) => eventually(`province request ${id} in ${state}`, async () => (await provinceRequest(id)).state === state);

  async function deployment(libraries: Parameters<typeof aLibrary>[0][]): Promise<Deployment> {
    const t = await testApp();
    await loadDirectory(t, { libraries: libraries.map(aLibrary) });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as net.AddressInfo;
    // Quick retries: a peer that is down is tried again after 0.2 s, 0.4 s, 0.8 s, …
    return { t, url: `http://127.0.0.1:${port}/iso18626`, outbox: startOutbox(t.db, { retryBaseMs: 200, pollMs: 100 }), staff: {} };
  }

  beforeAll(async () => {
    const red = { id: 'red', title: 'Dream of the red chamber', isbn: '9787020002207' };
    [province, region] = await Promise.all([
      deployment([{ symbol: 'CN-BOR' }, { symbol: 'CN-LOC' }, { symbol: 'CALIS:100000', province: 'CN-SH', city: { zh: '上海', en: 'Shanghai' } }]),
      deployment([{ symbol: 'CALIS:100000', province: 'CN-SH', city: { zh: '上海', en: 'Shanghai' } }, { symbol: 'CN-LEND', province: 'CN-ZJ', city: { zh: '杭州', en: 'Hangzhou' } }, { symbol: 'CN-BOR' }]),
    ]);
    await peer(province, 'CALIS:100000', region.url, true);
    await peer(region, 'CN-BOR', province.url);
    // Each side issues the other a secret, and sends the one the other issued it.
    const issued = async (d: Deployment, symbol: string) => (await api(d, 'PUT', `/ill/peers/${symbol}/secrets`, await anAdmin(d.t), { inbound: 'issue' })).issuedSecret as string;
    forRegion = await issued(province, 'CALIS:100000');
    await api(region, 'PUT', '/ill/peers/CN-BOR/secrets', await anAdmin(region.t), { outbound: forRegion });
    await provinceTrustsRegion();
    await holdBook(province.t, 'CN-LOC', red, 'L-1');
    await holdBook(region.t, 'CN-LEND', red, 'R-1');
    await holdBook(region.t, 'CN-LEND', { id: 'stone', title: 'Story of the stone', isbn: '9780140443714' }, 'R-2');
    province.staff = {
      borrow: await anAccount(province.t, { role: 'library-staff', library: 'CN-BOR', permissions: ['borrowing'] }),
      loc: await anAccount(province.t, { role: 'library-staff', library: 'CN-LOC', permissions: ['lending'] }),
    };
    region.staff = { lend: await anAccount(region.t, { role: 'library-staff', library: 'CN-LEND', permissions: ['lending'] }) };
  }, 240_000);

  afterAll(async () => {
    for (const d of [province, region]) {
      if (!d) continue;
      await d.outbox.stop();
      await d.t.close();
    }
  });

  it('a loan from request to completion across the two deployments', async () => {
    const reader = await anAccount(province.t, { role: 'reader', library: 'CN-BOR' });
    const { rows } = await province.t.db.query<{ cluster_id: string }>("SELECT cluster_id FROM cluster_keys WHERE key = 'isbn:9787020002207'");
    const placed = await api(province, 'POST', '/ill/requests', reader, { service: 'loan', clusterId: Number(rows[0]!.cluster_id) });
    expect(placed).toMatchObject({ state: 'sent', lender: 'CN-LOC' });

    // The province's only other holder cannot: the rota is exhausted and the request goes up.
    await api(province, 'POST', `/ill/supplier/${placed.lendingRequestId}/actions/cannot-supply`, province.staff.loc!, { reasonUnfilled: 'NotOnShelf' });
    const up = await provinceRequest(placed.id);
    expect(up).toMatchObject({ state: 'sent', lender: 'CALIS:100000' });
    expect(up.timeline.filter((e: { side: string }) => e.side === 'borrowing').map((e: { to: string; event: string }) => `${e.event}→${e.to}`).slice(-3)).toEqual([
      'SupplyingAgencyMessage/RequestResponse/Unfilled→unfilled', 'rota-exhausted→end-of-rota', 'escalate→sent',
    ]);

    // The region takes it for CN-BOR, finds it by ISBN and sends it to its own member CN-LEND.
    const there = await eventually('the region has the request', () => regionRequest(`ILL-${placed.id}`));
    expect(there).toMatchObject({ state: 'sent', borrowingLibrary: 'CN-BOR', lender: 'CN-LEND', reader: { id: null } });
    const [sentUp] = await peerStore.outbox(province.t.db, placed.id);
    await eventually('the Request confirmed', async () => (await peerStore.outbox(province.t.db, placed.id))[0]!.status === 'delivered');
    expect(sentUp!.xml).toContain('<requestingAgencyRequestId>ILL-');

    // The region's lender answers; the answers flow back to the province.
    const lend = (action: string, body: object = {}) => api(region, 'POST', `/ill/supplier/${there.lendingRequestId}/actions/${action}`, region.staff.lend!, body);
    await lend('will-supply');
    await stateIs(placed.id, 'will-supply');
    await lend('print-pull-slip');
    await lend('mark-picked');
    await lend('ship', { dueDate: '2099-02-01' });
    await stateIs(placed.id, 'shipped');
    expect((await provinceRequest(placed.id)).dueDate).toBe('2099-02-01');

    // The province's desk receives, lends to its reader, and ships back; the region's lender hears of each.
    const borrow = (action: string, body: object = {}) => api(province, 'POST', `/ill/requests/${placed.id}/actions/${action}`, province.staff.borrow!, body);
    await borrow('receive');
    await eventually('the lender knows it arrived', async () => (await api(region, 'GET', `/ill/supplier/${there.lendingRequestId}`, region.staff.lend!)).state === 'awaiting-return');
    await borrow('check-out', { dueDate: '2099-01-25' });
    // A renewal asked at the province's desk is decided by the region's lender.
    await borrow('renew');
    await eventually('the lender is asked to renew', async () => (await api(region, 'GET', `/ill/supplier/${there.lendingRequestId}`, region.staff.lend!)).state === 'renew-pending');
    await settled(province);
    await lend('approve-renew', { dueDate: '2099-03-01' });
    await stateIs(placed.id, 'checked-out');
    expect((await provinceRequest(placed.id)).timeline.at(-1)).toMatchObject({ event: 'SupplyingAgencyMessage/RenewResponse/Loaned/Y', actor: 'peer' });
    await borrow('return-from-reader');
    await borrow('ship-back');
    await eventually('the lender knows it is on its way back', async () => (await api(region, 'GET', `/ill/supplier/${there.lendingRequestId}`, region.staff.lend!)).state === 'returned');
    await settled(province);
    await lend('check-in');
    await stateIs(placed.id, 'completed');
    expect((await regionRequest(`ILL-${placed.id}`))!.state).toBe('completed');

    // Every message crossed once, confirmed OK, in both outboxes; the province's log holds them in full.
    for (const d of [province, region]) {
      const rows = await peerStore.outbox(d.t.db);
      expect(rows.every((r) => r.status === 'delivered' && r.outcome === 'OK')).toBe(true);
    }
    const { rows: log } = await province.t.db.query<{ kind: string; transport: string }>('SELECT kind, transport FROM ill_messages WHERE request_id = $1 AND transport <> $2 ORDER BY id', [placed.id, 'in-process']);
    // In: the region's WillSupply, Loaned, RenewResponse, LoanCompleted and the confirmations of ours; out: the Request, Received, Renew, ShippedReturn and our confirmations.
    const [sam, samOk, ram, ramOk] = ['supplyingAgencyMessage', 'supplyingAgencyMessageConfirmation', 'requestingAgencyMessage', 'requestingAgencyMessageConfirmation'];
    expect(log.filter((m) => m.transport === 'http-in').map((m) => m.kind)).toEqual(['requestConfirmation', sam, sam, ramOk, ramOk, sam, ramOk, sam]);
    expect(log.filter((m) => m.transport === 'http-out').map((m) => m.kind)).toEqual(['request', samOk, samOk, ram, ram, samOk, ram, samOk]);
  });

  /** A request typed by hand for the stone (no copy in the province): it goes up at once. */
  const stoneRequest = async () => {
    const reader = await anAccount(province.t, { role: 'reader', library: 'CN-BOR' });
    const placed = await api(province, 'POST', '/ill/requests', reader, { service: 'loan', citation: { title: 'Story of the stone', isbn: '9780140443714' } });
    expect(placed).toMatchObject({ state: 'sent', lender: 'CALIS:100000' });
    return { placed, reader };
  };

  it('the reader cancels while the region’s lender has not answered: the Cancel travels down, the CancelResponse back', async () => {
    const { placed, reader } = await stoneRequest();
    const there = await eventually('the region has it', () => regionRequest(`ILL-${placed.id}`));
    expect(there.state).toBe('sent');
    expect((await api(province, 'POST', `/ill/requests/${placed.id}/actions/cancel`, reader, {})).state).toBe('cancel-pending');
    await stateIs(placed.id, 'cancelled');
    expect((await api(region, 'GET', `/ill/supplier/${there.lendingRequestId}`, region.staff.lend!)).state).toBe('cancelled');
    expect((await regionRequest(`ILL-${placed.id}`))!.state).toBe('cancelled');
  });

  it('the region’s lender offers conditions (RetryPossible with retryInfo): the province’s desk sees them, accepts, and the Retry reaches the lender', async () => {
    const { placed } = await stoneRequest();
    const there = await eventually('the region has it', () => regionRequest(`ILL-${placed.id}`));
    const lend = (action: string, body: object = {}) => api(region, 'POST', `/ill/supplier/${there.lendingRequestId}/actions/${action}`, region.staff.lend!, body);
    // Without terms the lender's offer is refused and nothing changes on either side.
    await expect(lend('offer-conditions', { reasonRetry: 'CostExceedsMaxCost' })).rejects.toThrow(/409/);
    expect((await api(region, 'GET', `/ill/supplier/${there.lendingRequestId}`, region.staff.lend!)).state).toBe('new');
    await lend('offer-conditions', {
      reasonRetry: 'CostExceedsMaxCost', conditions: { loanConditions: ['LibraryUseOnly'], offeredCost: { amount: 45.5, currency: 'CNY' }, retryAfter: '2099-01-10' },
    });
    await stateIs(placed.id, 'conditional-answer');
    const offered = await provinceRequest(placed.id);
    expect(offered.offeredConditions).toEqual({
      reasonRetry: 'CostExceedsMaxCost', loanConditions: ['LibraryUseOnly'], offeredCost: { amount: 45.5, currency: 'CNY' }, retryAfter: '2099-01-10T23:59:59+08:00',
    });
    expect(offered.timeline.at(-1)).toMatchObject({ event: 'SupplyingAgencyMessage/RequestResponse/RetryPossible', actor: 'peer', to: 'conditional-answer' });
    expect(offered.actions.find((a: { action: string }) => a.action === 'accept-conditions')).toMatchObject({ allowed: true });
    // The region's broker request keeps them too, and the message that crossed carries them as retryInfo.
    expect((await regionRequest(`ILL-${placed.id}`))!.offeredConditions).toMatchObject({ reasonRetry: 'CostExceedsMaxCost', retryAfter: '2099-01-10T23:59:59+08:00' });
    const { rows } = await province.t.db.query<{ xml: string }>(
      "SELECT xml FROM ill_messages WHERE request_id = $1 AND kind = 'supplyingAgencyMessage' AND transport = 'http-in' ORDER BY id", [placed.id],
    );
    const xml = rows.at(-1)!.xml;
    for (const part of ['<reasonRetry>', 'CostExceedsMaxCost', '<retryInfo>', '<loanCondition>', 'LibraryUseOnly', '<monetaryValue>45.50</monetaryValue>', '<retryAfter>2099-01-10T23:59:59+08:00</retryAfter>']) {
      expect(xml).toContain(part);
    }
    expect(xsdErrors('2021', xml)).toEqual([]);

    // Accepted at the province: the Retry travels up, the broker accepts for it, the lender answers WillSupply.
    await settled(province);
    await api(province, 'POST', `/ill/requests/${placed.id}/actions/accept-conditions`, province.staff.borrow!, {});
    await eventually('the lender has the Retry', async () => (await api(region, 'GET', `/ill/supplier/${there.lendingRequestId}`, region.staff.lend!)).state === 'awaiting-pull-slip');
    await stateIs(placed.id, 'will-supply');
    expect((await provinceRequest(placed.id)).offeredConditions).toBeNull();
    await settled(province);
    await settled(region);
    expect((await peerStore.outbox(province.t.db, placed.id)).map((o) => o.outcome)).toEqual(['OK', 'OK']); // the Request New, the Request Retry
  });

  it('the province’s desk rejects the region’s conditions: the Cancel reaches the lender, the request ends its rota at home', async () => {
    const { placed } = await stoneRequest();
    const there = await eventually('the region has it', () => regionRequest(`ILL-${placed.id}`));
    await api(region, 'POST', `/ill/supplier/${there.lendingRequestId}/actions/offer-conditions`, region.staff.lend!, { reasonRetry: 'CostExceedsMaxCost', conditions: { offeredCost: { amount: 80, currency: 'CNY' } } });
    await stateIs(placed.id, 'conditional-answer');
    await settled(province);
    await api(province, 'POST', `/ill/requests/${placed.id}/actions/reject-conditions`, province.staff.borrow!, {});
    await stateIs(placed.id, 'end-of-rota');
    await eventually('the lender’s side is closed', async () => (await api(region, 'GET', `/ill/supplier/${there.lendingRequestId}`, region.staff.lend!)).state === 'cancelled');
    expect((await regionRequest(`ILL-${placed.id}`))!.state).toBe('cancelled');
    // The lender's CancelResponse comes back after the rota went on: answered OK, nothing changes here.
    const { rows } = await region.t.db.query<{ id: string }>('SELECT id FROM ill_requests WHERE peer_request_id = $1', [`ILL-${placed.id}`]);
    const relayed = await eventually('the CancelResponse confirmed', async () => {
      const row = (await peerStore.outbox(region.t.db, Number(rows[0]!.id))).at(-1);
      return row?.status === 'delivered' && row;
    });
    expect(relayed).toMatchObject({ outcome: 'OK' });
    expect(relayed.xml).toContain('<reasonForMessage>CancelResponse</reasonForMessage>');
    const after = await provinceRequest(placed.id);
    expect(after.state).toBe('end-of-rota');
    expect(after.timeline.filter((e: { side: string }) => e.side === 'borrowing').map((e: { event: string; to: string }) => `${e.event}→${e.to}`).slice(-3)).toEqual([
      'SupplyingAgencyMessage/RequestResponse/RetryPossible→conditional-answer', 'reject-conditions→unfilled', 'rota-exhausted→end-of-rota',
    ]);
  });

  it('the province’s desk ships the loan forward (ShippedForward): the region’s broker follows, its lender awaits the return from the next holder', async () => {
    const { placed } = await stoneRequest();
    const there = await eventually('the region has it', () => regionRequest(`ILL-${placed.id}`));
    const lend = (action: string, body: object = {}) => api(region, 'POST', `/ill/supplier/${there.lendingRequestId}/actions/${action}`, region.staff.lend!, body);
    const borrow = (action: string, body: object = {}) => api(province, 'POST', `/ill/requests/${placed.id}/actions/${action}`, province.staff.borrow!, body);
    const lenderState = async () => (await api(region, 'GET', `/ill/supplier/${there.lendingRequestId}`, region.staff.lend!)).state;
    await lend('will-supply');
    await lend('print-pull-slip');
    await lend('mark-picked');
    await lend('ship', { dueDate: '2099-02-01' });
    await stateIs(placed.id, 'shipped');
    await borrow('receive');
    await eventually('the lender knows it arrived', async () => (await lenderState()) === 'awaiting-return');
    await settled(province);
    // Without a holder to send it to, the desk's step is refused and nothing crosses.
    await expect(borrow('ship-forward', {})).rejects.toThrow(/409/);
    expect((await provinceRequest(placed.id)).state).toBe('received');

    await borrow('ship-forward', { forwardTo: 'CN-LOC', note: 'CN-LOC' });
    expect((await provinceRequest(placed.id)).state).toBe('completed');
    const broker = await eventually('the broker follows', async () => {
      const r = await regionRequest(`ILL-${placed.id}`);
      return r?.state === 'completed' && r;
    });
    expect(broker.timeline.filter((e: { side: string }) => e.side === 'borrowing').map((e: { event: string; to: string }) => `${e.event}→${e.to}`).slice(-2)).toEqual([
      'return-from-reader→returned-by-reader', 'ship-forward→completed',
    ]);
    const lending = await api(region, 'GET', `/ill/supplier/${there.lendingRequestId}`, region.staff.lend!);
    expect(lending.state).toBe('awaiting-return');
    expect(lending.timeline.at(-1)).toMatchObject({ event: 'RequestingAgencyMessage/ShippedForward', to: 'awaiting-return' });
    await settled(province);
    const out = await peerStore.outbox(province.t.db, placed.id);
    expect(out.at(-1)).toMatchObject({ status: 'delivered', outcome: 'OK', attempts: 1 });
    expect(out.at(-1)!.xml).toContain('<action>ShippedForward</action>');
    expect(xsdErrors('2021', out.at(-1)!.xml)).toEqual([]);
  });

  it('nobody in the region has it either: Unfilled comes back, the request ends its rota at home and does not go up again', async () => {
    const reader = await anAccount(province.t, { role: 'reader', library: 'CN-BOR' });
    const placed = await api(province, 'POST', '/ill/requests', reader, { service: 'loan', citation: { title: 'A book nobody has', isbn: '9780000000002' } });
    expect(placed).toMatchObject({ state: 'sent', lender: 'CALIS:100000' });
    await stateIs(placed.id, 'end-of-rota');
    expect((await regionRequest(`ILL-${placed.id}`))!.state).toBe('end-of-rota');
    const timeline = (await provinceRequest(placed.id)).timeline.filter((e: { side: string }) => e.side === 'borrowing');
    expect(timeline.map((e: { event: string; to: string }) => `${e.event}→${e.to}`).slice(-4)).toEqual([
      'rota-exhausted→end-of-rota', 'escalate→sent', 'SupplyingAgencyMessage/RequestResponse/Unfilled→unfilled', 'rota-exhausted→end-of-rota',
    ]);
    expect((await peerStore.outbox(province.t.db, placed.id)).map((o) => o.status)).toEqual(['delivered']);
  });

  it('a message the peer refuses (ERROR) is delivered once, not sent again, and the refusal is in the request’s history', async () => {
    const admin = await anAdmin(region.t);
    // The region no longer knows the province's library as a peer: it cannot answer it.
    await region.t.app.inject({ method: 'DELETE', url: '/api/v1/ill/peers/CN-BOR', headers: admin.headers });
    try {
      const { placed } = await stoneRequest();
      const row = await eventually('confirmed', async () => {
        const [r] = await peerStore.outbox(province.t.db, placed.id);
        return r?.status === 'delivered' && r;
      });
      expect(row).toMatchObject({ outcome: 'ERROR', attempts: 1 });
      await new Promise((r) => setTimeout(r, 500)); // three retry periods: nothing is sent again
      expect((await peerStore.outbox(province.t.db, placed.id))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
      const timeline = (await provinceRequest(placed.id)).timeline;
      expect(timeline.at(-1)).toMatchObject({ event: 'requestConfirmation/ERROR', actor: 'peer', from: 'sent', to: 'sent' });
      expect(await regionRequest(`ILL-${placed.id}`)).toBeUndefined();
    } finally {
      await peer(region, 'CN-BOR', province.url);
      await provinceTrustsRegion();
      await api(region, 'PUT', '/ill/peers/CN-BOR/secrets', await anAdmin(region.t), { outbound: forRegion });
    }
  });

  it('the region rotates the secret it issued the province: the province’s Request with the old one is refused (ERROR), nothing is made there', async () => {
    await api(region, 'PUT', '/ill/peers/CN-BOR/secrets', await anAdmin(region.t), { inbound: 'issue' }); // the province is not told
    try {
      const { placed } = await stoneRequest();
      const row = await eventually('confirmed', async () => {
        const [r] = await peerStore.outbox(province.t.db, placed.id);
        return r?.status === 'delivered' && r;
      });
      expect(row).toMatchObject({ outcome: 'ERROR', attempts: 1 });
      const last = (await provinceRequest(placed.id)).timeline.at(-1);
      expect(last).toMatchObject({ event: 'requestConfirmation/ERROR', actor: 'peer' });
      const { rows } = await province.t.db.query<{ xml: string }>("SELECT xml FROM ill_messages WHERE request_id = $1 AND kind = 'requestConfirmation'", [placed.id]);
      expect(rows[0]!.xml).toContain('CN-BOR (not authenticated');
      expect(await regionRequest(`ILL-${placed.id}`)).toBeUndefined();
    } finally {
      await provinceTrustsRegion();
    }
  });

  it('the upper tier is down when the request goes up: the outbox tries again with back-off, and it arrives once when it is up', async () => {
    const relay = switchablePeer(() => Number(new URL(region.url).port));
    await relay.up();
    await relay.down(); // the port is known and nobody answers on it
    await peer(province, 'CALIS:100000', `http://127.0.0.1:${relay.port}/iso18626`, true);
    try {
      const { placed } = await stoneRequest();
      const failing = await eventually('two attempts failed', async () => {
        const [row] = await peerStore.outbox(province.t.db, placed.id);
        return row && row.attempts >= 2 && row;
      });
      expect(failing).toMatchObject({ status: 'pending' });
      expect(failing.lastError).toMatch(/no answer/);
      expect(await regionRequest(`ILL-${placed.id}`)).toBeUndefined();

      await relay.up();
      const delivered = await eventually('delivered once the peer is up', async () => {
        const [row] = await peerStore.outbox(province.t.db, placed.id);
        return row?.status === 'delivered' && row;
      });
      expect(delivered.outcome).toBe('OK');
      const there = await eventually('the region has it', () => regionRequest(`ILL-${placed.id}`));
      expect(there).toMatchObject({ lender: 'CN-LEND', citation: { title: 'Story of the stone' } });
      const { rows } = await region.t.db.query('SELECT id FROM ill_requests WHERE peer_request_id = $1', [`ILL-${placed.id}`]);
      expect(rows).toHaveLength(1);
    } finally {
      await relay.down();
      await peer(province, 'CALIS:100000', region.url, true);
    }
  }, 60_000);
});
