/**
 * Interlibrary loan inside one deployment, through the REST API: a directory of four libraries
 * with places and lending policies, records with copies ingested through the catalogue (so the
 * rota reads real availability), readers and desk staff with their roles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { HeldSave } from '../../src/modules/ill/held-save.js';
import { illStore, type NewEvent } from '../../src/modules/ill/ill.store.js';
import { supplyingMessage } from '../../src/modules/ill/iso-messages.js';
import { clock, deliver } from '../../src/modules/ill/steps.js';
import { aBook, asInput } from '../catalog/records.js';
import { aLibrary, loadDirectory } from '../network/factories.js';
import { apiCalls, anAccount, anAdmin, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';

describe('interlibrary loan: a request’s life inside one deployment', () => {
  let t: TestApp;
  const cluster: Record<string, number> = {};
  let staff: Record<'borrow' | 'near' | 'mid', TestAccount>;

  const { call, ok } = apiCalls(() => t);
  const aReader = () => anAccount(t, { role: 'reader', library: 'CN-BOR' });
  const place = (reader: TestAccount, body: object) => call('POST', '/ill/requests', reader, { service: 'loan', ...body });
  const lend = (supplyId: number, action: string, body: object = {}, who = staff.near) => ok('POST', `/ill/supplier/${supplyId}/actions/${action}`, who, body);
  const borrow = (id: number, action: string, body: object = {}) => ok('POST', `/ill/requests/${id}/actions/${action}`, staff.borrow, body);

  beforeAll(async () => {
    t = await testApp();
    const policy = { lendsReturnables: true, suppliesCopies: true, loanPeriodDays: 28, renewals: 1 };
    await loadDirectory(t, {
      libraries: [
        aLibrary({ symbol: 'CN-BOR', province: 'CN-JS', city: { zh: '南京', en: 'Nanjing' }, coordinates: { lat: 32.06, lon: 118.78 }, lendingPolicy: policy }),
        aLibrary({ symbol: 'CN-NEAR', province: 'CN-JS', city: { zh: '南京', en: 'Nanjing' }, coordinates: { lat: 32.05, lon: 118.79 }, lendingPolicy: policy }),
        aLibrary({ symbol: 'CN-MID', province: 'CN-JS', city: { zh: '苏州', en: 'Suzhou' }, coordinates: { lat: 31.3, lon: 120.58 }, lendingPolicy: policy }),
        aLibrary({
          symbol: 'CN-FAR', province: 'CN-BJ', city: { zh: '北京', en: 'Beijing' }, coordinates: { lat: 39.99, lon: 116.31 },
          lendingPolicy: { lendsReturnables: false, suppliesCopies: true },
          closedDays: [{ from: '2000-01-01', to: '2099-12-31', reason: { zh: '闭馆装修', en: 'closed for building work' } }],
        }),
      ],
      agreements: [
        {
          code: 'NJ-SZ', name: { zh: '宁苏互借协议', en: 'Nanjing–Suzhou reciprocal lending' }, parties: [{ library: 'CN-BOR' }, { library: 'CN-MID' }],
          feesWaived: true, turnaroundDays: 2, validFrom: '2020-01-01',
        },
      ],
    });
    const hold = async (library: string, book: { id: string; title: string; isbn: string }, barcode: string) => {
      await ingestRecords(t.db, { library, records: [asInput(aBook({ ...book, author: 'Cao Xueqin', holding: { library, barcode } }))], via: 'test' });
      const [item] = (await t.app.inject({ method: 'GET', url: `/api/v1/libraries/${library}/items?barcode=${barcode}` })).json().items;
      return item.clusterId as number;
    };
    const red = { id: 'red', title: 'Dream of the red chamber', isbn: '9787020002207' };
    const stone = { id: 'stone', title: 'Story of the stone', isbn: '9780140443714' };
    const rare = { id: 'rare', title: 'A rare book of Nanjing', isbn: '9787532512345' };
    cluster.red = await hold('CN-NEAR', red, 'N-1');
    await hold('CN-MID', red, 'M-1');
    await hold('CN-FAR', red, 'F-1');
    cluster.stone = await hold('CN-BOR', stone, 'B-1');
    await hold('CN-NEAR', stone, 'N-2');
    cluster.rare = await hold('CN-NEAR', rare, 'N-3');
    staff = {
      borrow: await anAccount(t, { role: 'library-staff', library: 'CN-BOR', permissions: ['borrowing'] }),
      near: await anAccount(t, { role: 'library-staff', library: 'CN-NEAR', permissions: ['lending'] }),
      mid: await anAccount(t, { role: 'library-staff', library: 'CN-MID', permissions: ['lending'] }),
    };
  }, 120_000);
  afterAll(() => t?.close());

  it('one cluster, three holders: the rota ranks the nearest first and says why the others are left out', async () => {
    const holders = (await t.app.inject({ method: 'GET', url: `/api/v1/clusters/${cluster.red}/availability` })).json().libraries;
    expect(holders.map((l: { symbol: string }) => l.symbol)).toEqual(['CN-FAR', 'CN-MID', 'CN-NEAR']);
    const reader = await aReader();
    const placed = await place(reader, { clusterId: cluster.red });
    expect(placed.statusCode).toBe(201);
    const r = await ok('GET', `/ill/requests/${placed.json().id}`, staff.borrow);
    expect(r.rota.ranked.map((l: { symbol: string }) => l.symbol)).toEqual(['CN-NEAR', 'CN-MID']);
    expect(r.rota.ranked[0]).toMatchObject({ tier: 'same-city', agreement: null });
    // The directory's agreement between the two libraries is the rota's: fees waived.
    expect(r.rota.ranked[1]).toMatchObject({ tier: 'same-province', agreement: 'NJ-SZ' });
    expect(r.rota.ranked[1].reasons.map((x: { code: string }) => x.code)).toContain('ILL_ROTA_FEES_WAIVED');
    // Left out with every reason, the library's own first.
    expect(r.rota.excluded).toEqual([
      { symbol: 'CN-FAR', reasons: [expect.objectContaining({ code: 'ILL_ROTA_CLOSED_UNTIL', message: 'Closed until 2099-12-31.' }), expect.objectContaining({ code: 'ILL_ROTA_NO_LOANS' })] },
    ]);
    await borrow(r.id, 'cancel');
  });

  it('the whole loan: request → lend → ship → receive → check out → return → ship back → check in, completed on both sides', async () => {
    const reader = await aReader();
    const placed = await place(reader, { clusterId: cluster.red, neededBy: '2099-01-01', pickupLocation: 'Main desk', note: 'for my thesis' });
    expect(placed.statusCode).toBe(201);
    const request = placed.json();
    expect(request).toMatchObject({ state: 'sent', lender: 'CN-NEAR', citation: { title: 'Dream of the red chamber', clusterId: cluster.red }, reader: { id: reader.userId } });
    const supplyId = request.lendingRequestId as number;

    const queue = await ok('GET', '/ill/lending?state=new', staff.near);
    expect(queue.items.map((s: { id: number }) => s.id)).toContain(supplyId);

    await lend(supplyId, 'will-supply');
    expect((await ok('GET', `/ill/requests/${request.id}`, reader)).state).toBe('will-supply');
    await lend(supplyId, 'print-pull-slip');
    await lend(supplyId, 'mark-picked');
    const shipped = await lend(supplyId, 'ship', { dueDate: '2099-02-01' });
    expect(shipped).toMatchObject({ state: 'shipped', dueDate: '2099-02-01' });
    expect(await ok('GET', `/ill/requests/${request.id}`, reader)).toMatchObject({ state: 'shipped', dueDate: '2099-02-01' });

    await borrow(request.id, 'receive');
    expect((await ok('GET', `/ill/supplier/${supplyId}`, staff.near)).state).toBe('awaiting-return');
    const out = await borrow(request.id, 'check-out', { dueDate: '2099-01-25' });
    expect(out).toMatchObject({ state: 'checked-out', dueDate: '2099-01-25' });
    await borrow(request.id, 'return-from-reader');
    await borrow(request.id, 'ship-back');
    expect((await ok('GET', `/ill/supplier/${supplyId}`, staff.near)).state).toBe('returned');
    const checkedIn = await lend(supplyId, 'check-in');
    expect(checkedIn.state).toBe('completed');

    const done = await ok('GET', `/ill/requests/${request.id}`, staff.borrow);
    expect(done.state).toBe('completed');
    expect(done.timeline.filter((e: { side: string }) => e.side === 'borrowing').map((e: { to: string }) => e.to)).toEqual([
      'new', 'validated', 'sourcing', 'sent', 'will-supply', 'shipped', 'received', 'checked-out', 'returned-by-reader', 'shipped-back', 'completed',
    ]);
    expect(done.timeline.filter((e: { side: string }) => e.side === 'lending').map((e: { to: string }) => e.to)).toEqual([
      'new', 'awaiting-pull-slip', 'awaiting-picking', 'awaiting-shipping', 'shipped', 'awaiting-return', 'returned', 'completed',
    ]);
    // Who did what: the lender's messages move the borrower's side as the peer.
    expect(done.timeline.find((e: { to: string; side: string }) => e.side === 'borrowing' && e.to === 'shipped')).toMatchObject({ actor: 'peer', event: 'SupplyingAgencyMessage/StatusChange/Loaned' });
    expect(done.timeline.find((e: { to: string; side: string }) => e.side === 'borrowing' && e.to === 'received')).toMatchObject({ actor: 'staff', library: 'CN-BOR' });

    // The reader sees their own library's steps and nothing more to do.
    const mine = await ok('GET', `/ill/requests/${request.id}`, reader);
    expect(mine.rota).toBeUndefined();
    expect(mine.timeline.every((e: { side: string }) => e.side === 'borrowing')).toBe(true);
    expect((await ok('GET', '/ill/requests', reader)).items.map((r: { id: number }) => r.id)).toEqual([request.id]);

    // Every message passed in full as ISO 18626 XML, each with its confirmation.
    const { rows } = await t.db.query<{ kind: string; xml: string; outcome: string | null }>('SELECT kind, xml, outcome FROM ill_messages WHERE request_id = $1 ORDER BY id', [request.id]);
    const sent = rows.filter((m) => !m.kind.endsWith('Confirmation'));
    expect(sent.map((m) => m.kind)).toEqual(['request', 'supplyingAgencyMessage', 'supplyingAgencyMessage', 'requestingAgencyMessage', 'requestingAgencyMessage', 'supplyingAgencyMessage']);
    expect(rows.filter((m) => m.kind.endsWith('Confirmation')).map((m) => m.outcome)).toEqual(Array(6).fill('OK'));
    expect(sent[0]!.xml).toContain('<title>Dream of the red chamber</title>');
    expect(sent[2]!.xml).toContain('<status>Loaned</status>');
  });

  it('what each call of the life cycle answers is what reading the request or lending row afterwards shows', async () => {
    // The answers are gathered during the action (steps.ts, Answer), not read after the commit: they must not differ.
    const reader = await aReader();
    const placed = await place(reader, { clusterId: cluster.red, neededBy: '2099-01-01' });
    expect(placed.statusCode).toBe(201);
    const request = placed.json();
    expect(await ok('GET', `/ill/requests/${request.id}`, reader)).toEqual(request);
    const supplyId = request.lendingRequestId as number;
    const lent = async (action: string, body: object = {}) => {
      const answer = await lend(supplyId, action, body);
      expect(await ok('GET', `/ill/supplier/${supplyId}`, staff.near)).toEqual(answer);
    };
    const borrowed = async (action: string, body: object = {}) => {
      const answer = await borrow(request.id, action, body);
      expect(await ok('GET', `/ill/requests/${request.id}`, staff.borrow)).toEqual(answer);
    };
    // A lender that cannot supply: the request goes on to the next one in the same transaction.
    await lent('cannot-supply', { reasonUnfilled: 'NotOnShelf' });
    const next = await ok('GET', `/ill/requests/${request.id}`, staff.borrow);
    expect(next.lendingRequestId).not.toBe(supplyId);
    const lender = next.lender === 'CN-MID' ? staff.mid : staff.near;
    const again = async (action: string, body: object = {}) => {
      const answer = await lend(next.lendingRequestId, action, body, lender);
      expect(await ok('GET', `/ill/supplier/${next.lendingRequestId}`, lender)).toEqual(answer);
    };
    await again('will-supply');
    await again('print-pull-slip');
    await again('mark-picked');
    await again('ship', { dueDate: '2099-02-01' });
    await borrowed('receive');
    await borrowed('check-out', { dueDate: '2099-01-25' });
    await borrowed('return-from-reader');
    await borrowed('ship-back');
    await again('check-in');
    const done = await ok('GET', `/ill/requests/${request.id}`, staff.borrow);
    expect(done.state).toBe('completed');
    expect(done.timeline.map((e: { library: string; to: string }) => `${e.library} ${e.to}`)).toContain(`${next.lender} completed`);
  });

  it('a lender that cannot supply passes the request to the next one in the rota; the last one ends it', async () => {
    const reader = await aReader();
    const request = (await place(reader, { clusterId: cluster.red })).json();
    expect(request.lender).toBe('CN-NEAR');
    await lend(request.lendingRequestId, 'cannot-supply', { reasonUnfilled: 'NotOnShelf' });
    const moved = await ok('GET', `/ill/requests/${request.id}`, reader);
    expect(moved).toMatchObject({ state: 'sent', lender: 'CN-MID' });
    expect(moved.lendingRequestId).not.toBe(request.lendingRequestId);
    expect(moved.timeline.map((e: { to: string }) => e.to)).toEqual(['new', 'validated', 'sourcing', 'sent', 'unfilled', 'sent']);
    expect((await ok('GET', `/ill/supplier/${request.lendingRequestId}`, staff.near)).state).toBe('unfilled');
    expect((await ok('GET', '/ill/lending?state=new', staff.mid)).items.map((s: { requestId: number }) => s.requestId)).toContain(request.id);

    await lend(moved.lendingRequestId, 'cannot-supply', { reasonUnfilled: 'PolicyProblem' }, staff.mid);
    const ended = await ok('GET', `/ill/requests/${request.id}`, staff.borrow);
    expect(ended.state).toBe('end-of-rota');
    expect((await ok('GET', '/ill/borrowing?state=end-of-rota', staff.borrow)).items.map((r: { id: number }) => r.id)).toContain(request.id);
  });

  it('a request with a single holder that cannot supply ends the rota at once', async () => {
    const reader = await aReader();
    const request = (await place(reader, { clusterId: cluster.rare })).json();
    expect(request.state).toBe('sent');
    await lend(request.lendingRequestId, 'cannot-supply', { reasonUnfilled: 'NotHeld' });
    expect((await ok('GET', `/ill/requests/${request.id}`, reader)).state).toBe('end-of-rota');
  });

  it('a typed citation that is not in the catalogue has no lender: end of rota, waiting for staff', async () => {
    const reader = await aReader();
    const res = await place(reader, { citation: { title: 'Unheld pamphlet', year: 1931 } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ state: 'end-of-rota', lender: null, citation: { clusterId: null, title: 'Unheld pamphlet' } });
  });

  it('refuses with every reason at once, and asks first when the reader’s own library has a copy', async () => {
    const reader = await aReader();
    expect((await place(reader, { clusterId: cluster.red })).statusCode).toBe(201);
    const again = await place(reader, { clusterId: cluster.red, neededBy: '2001-01-01' });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ code: 'ILL_NOT_ELIGIBLE' });
    expect(again.json().errors.map((e: { code: string }) => e.code).sort()).toEqual(['ILL_ELIG_DUPLICATE', 'ILL_ELIG_NEEDED_BY_PAST']);
    expect(again.json().errors.every((e: { message: string }) => e.message.length > 10)).toBe(true);

    const own = await place(reader, { clusterId: cluster.stone });
    expect(own.statusCode).toBe(409);
    expect(own.json()).toMatchObject({ code: 'ILL_CONFIRMATION_NEEDED', errors: [{ code: 'ILL_ELIG_OWN_COPY_AVAILABLE' }] });
    const confirmed = await place(reader, { clusterId: cluster.stone, confirm: true });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json()).toMatchObject({ state: 'sent', lender: 'CN-NEAR' });

    expect((await place(reader, { clusterId: 999_999 })).json()).toMatchObject({ code: 'ILL_CLUSTER_NOT_FOUND' });
    expect((await place(reader, {})).json()).toMatchObject({ code: 'ILL_CITATION_MISSING' });
    expect((await place(staff.near, { clusterId: cluster.red })).statusCode).toBe(403);
    // Staff place requests for readers of their own library only, and for accounts that exist.
    const forReader = await place(staff.borrow, { clusterId: cluster.rare, readerId: (await aReader()).userId });
    expect(forReader.statusCode).toBe(201);
    expect(forReader.json().timeline[0]).toMatchObject({ to: 'new', actor: 'staff' });
    expect((await place(staff.borrow, { clusterId: cluster.rare, readerId: 987_654 })).json()).toMatchObject({ status: 404, code: 'ILL_READER_NOT_FOUND' });
    expect((await place(staff.near, { clusterId: cluster.rare, readerId: reader.userId })).json()).toMatchObject({ status: 403, code: 'ILL_NOT_YOUR_LIBRARY' });
  });

  it('an action the state does not allow is refused with the machine’s reason, and nothing changes', async () => {
    const reader = await aReader();
    const request = (await place(reader, { clusterId: cluster.red })).json();
    const early = await call('POST', `/ill/supplier/${request.lendingRequestId}/actions/ship`, staff.near, { dueDate: '2099-01-01' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'ILL_ACTION_REFUSED', errors: [{ code: 'ILL_ACTION_NOT_ALLOWED' }] });
    const receive = await call('POST', `/ill/requests/${request.id}/actions/receive`, staff.borrow, {});
    expect(receive.statusCode).toBe(409);
    expect((await call('POST', `/ill/supplier/${request.lendingRequestId}/actions/cannot-supply`, staff.near, {})).json().errors[0].code).toBe('ILL_REASON_REQUIRED');
    expect((await call('POST', `/ill/requests/${request.id}/actions/fly-away`, staff.borrow, {})).json().errors[0].code).toBe('ILL_UNKNOWN_ACTION');
    const after = await ok('GET', `/ill/requests/${request.id}`, staff.borrow);
    expect(after.state).toBe('sent');
    expect(after.timeline).toHaveLength(5); // new, validated, sourcing, sent (borrowing) and the lender's new
    expect((await ok('GET', `/ill/supplier/${request.lendingRequestId}`, staff.near)).state).toBe('new');
  });

  it('two actions at once on one request: one wins, the other is refused', async () => {
    const reader = await aReader();
    const request = (await place(reader, { clusterId: cluster.red })).json();
    const s = request.lendingRequestId;
    const both = await Promise.all([
      call('POST', `/ill/supplier/${s}/actions/will-supply`, staff.near, {}),
      call('POST', `/ill/supplier/${s}/actions/will-supply`, staff.near, {}),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().errors[0].code).toBe('ILL_ACTION_NOT_ALLOWED');
    const supply = await ok('GET', `/ill/supplier/${s}`, staff.near);
    expect(supply.timeline.map((e: { to: string }) => e.to)).toEqual(['new', 'awaiting-pull-slip']);
    // The borrower heard WillSupply once.
    const { rows } = await t.db.query('SELECT 1 FROM ill_messages WHERE supply_id = $1 AND kind = $2', [s, 'supplyingAgencyMessage']);
    expect(rows).toHaveLength(1);

    // The reader's cancel and the desk's at once: one cancels, the other finds it cancelling already.
    const other = (await place(await aReader(), { clusterId: cluster.rare })).json();
    const cancels = await Promise.all([call('POST', `/ill/requests/${other.id}/actions/cancel`, staff.borrow, {}), call('POST', `/ill/requests/${other.id}/actions/cancel`, staff.borrow, {})]);
    expect(cancels.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('a reader cancels before the item is shipped; the lender grants it and both sides close', async () => {
    const reader = await aReader();
    const request = (await place(reader, { clusterId: cluster.red })).json();
    await lend(request.lendingRequestId, 'will-supply');
    const res = await call('POST', `/ill/requests/${request.id}/actions/cancel`, reader, {});
    expect(res.statusCode).toBe(200);
    expect(res.json().state).toBe('cancelled');
    expect((await ok('GET', `/ill/supplier/${request.lendingRequestId}`, staff.near)).state).toBe('cancelled');
    // Once the item has left the lender, the reader can no longer cancel.
    const shippedOne = (await place(await aReader(), { clusterId: cluster.red })).json();
    for (const step of ['will-supply', 'mark-picked']) await lend(shippedOne.lendingRequestId, step);
    await lend(shippedOne.lendingRequestId, 'ship', { dueDate: '2099-03-01' });
    const late = await call('POST', `/ill/requests/${shippedOne.id}/actions/cancel`, staff.borrow, {});
    expect(late.statusCode).toBe(409);
    expect((await ok('GET', `/ill/requests/${shippedOne.id}`, staff.borrow)).state).toBe('shipped');
    // Readers have no desk actions.
    const other = (await place(reader, { clusterId: cluster.rare })).json();
    expect((await call('POST', `/ill/requests/${other.id}/actions/receive`, reader, {})).statusCode).toBe(403);
  });

  it('a desk’s last save, sent with the COMMIT, commits nothing of the action when the version no longer matches', async () => {
    const request = (await place(await aReader(), { clusterId: cluster.rare })).json();
    const s = (await illStore.supply(t.db, request.lendingRequestId))!;
    const history = async () => (await t.db.query<{ event: string }>('SELECT event FROM ill_events WHERE request_id = $1 ORDER BY id', [request.id])).rows.map((r) => r.event);
    const before = await history();
    const entry: NewEvent = {
      requestId: request.id, supplyId: s.id, side: 'lending', fromState: s.state, toState: 'awaiting-pull-slip', event: 'will-supply', actor: 'staff', actorUser: null, at: clock(), details: {},
    };
    // As a lending desk action: lock, something written before the last save, then the save held to the end.
    const act = (version: number) => t.db.transaction(async (tx) => {
      await illStore.lockSupplyAndRequest(tx, s.id);
      await illStore.insertEvent(tx, { ...entry, event: 'written-before' });
      const held = new HeldSave(tx);
      let saved = false;
      held.hold({ side: 'supply', row: { ...s, version, state: 'awaiting-pull-slip' }, entry, saved: () => void (saved = true) });
      await held.flushLast();
      return saved;
    });
    await expect(act(s.version + 1)).rejects.toMatchObject({ code: 'ILL_CHANGED_MEANWHILE' });
    expect(await history()).toEqual(before);
    expect((await illStore.supply(t.db, s.id))!).toMatchObject({ state: 'new', version: s.version });
    // With the version that matches, the action commits, the entry written before it with it.
    expect(await act(s.version)).toBe(true);
    expect(await history()).toEqual([...before, 'written-before', 'will-supply']);
    expect((await illStore.supply(t.db, s.id))!).toMatchObject({ state: 'awaiting-pull-slip', version: s.version + 1 });
  });

  it('a desk’s save with its message’s step, sent with the COMMIT, commits nothing when either version no longer matches', async () => {
    const request = (await place(await aReader(), { clusterId: cluster.rare })).json();
    const s = (await illStore.supply(t.db, request.lendingRequestId))!;
    const r = (await illStore.request(t.db, request.id))!;
    const history = async () => (await t.db.query<{ event: string }>('SELECT event FROM ill_events WHERE request_id = $1 ORDER BY id', [request.id])).rows.map((x) => x.event);
    const before = await history();
    const at = clock();
    const own: NewEvent = { requestId: r.id, supplyId: s.id, side: 'lending', fromState: 'new', toState: 'awaiting-pull-slip', event: 'will-supply', actor: 'staff', actorUser: null, at, details: {} };
    const other: NewEvent = { requestId: r.id, supplyId: null, side: 'borrowing', fromState: r.state, toState: 'will-supply', event: 'message', actor: 'peer', actorUser: null, at, details: {} };
    // The lending desk's will-supply as its action sends it when nothing follows: its save, the message, the request's step.
    const act = (supplyVersion: number, requestVersion: number, key: string) => t.db.transaction(async (tx) => {
      await illStore.lockSupplyAndRequest(tx, s.id);
      const held = new HeldSave(tx);
      held.hold({ side: 'supply', row: { ...s, version: supplyVersion, state: 'awaiting-pull-slip' }, entry: own, saved: () => undefined, last: true });
      const log = {
        message: { requestId: r.id, supplyId: s.id, direction: 'to-borrower' as const, kind: 'supplyingAgencyMessage', key, version: '2021', xml: '<message/>', at },
        confirmation: { direction: 'to-lender' as const, kind: 'supplyingAgencyMessageConfirmation', key: `${key}-ok`, xml: '<confirmation/>', outcome: 'OK', at },
      };
      return held.requestWithMessage({ ...r, version: requestVersion, state: 'will-supply' }, other, log, true);
    });
    const key = `test-${Date.now()}`;
    await expect(act(s.version + 1, r.version, key)).rejects.toMatchObject({ code: 'ILL_CHANGED_MEANWHILE', params: { id: s.id } });
    await expect(act(s.version, r.version + 1, key)).rejects.toMatchObject({ code: 'ILL_CHANGED_MEANWHILE', params: { id: r.id } });
    expect(await history()).toEqual(before);
    expect((await t.db.query('SELECT 1 FROM ill_messages WHERE message_key LIKE $1', [`${key}%`])).rows).toEqual([]);
    expect(await act(s.version, r.version, key)).toMatchObject({ eventId: expect.any(Number) });
    expect(await history()).toEqual([...before, 'will-supply', 'message']);
    expect((await illStore.request(t.db, r.id))!).toMatchObject({ state: 'will-supply', version: r.version + 1 });
  });

  it('a message passed twice (same key) is logged and applied once', async () => {
    const request = (await place(await aReader(), { clusterId: cluster.rare })).json();
    const supply = (await illStore.supply(t.db, request.lendingRequestId))!;
    const note = supplyingMessage(supply, { type: 'send-supplying-agency-message', reasonForMessage: 'Notification', status: 'RequestReceived', note: 'on the shelf, fetching it' }, '2026-12-06T10:00:00Z');
    await t.db.transaction(async (tx) => {
      const c = { tx, now: clock, user: null, locale: 'en' as const };
      await deliver(c, note, { requestId: request.id, supplyId: supply.id, to: 'borrower' });
      await deliver(c, structuredClone(note), { requestId: request.id, supplyId: supply.id, to: 'borrower' });
    });
    const { rows } = await t.db.query<{ kind: string }>('SELECT kind FROM ill_messages WHERE request_id = $1 AND kind LIKE $2', [request.id, 'supplyingAgencyMessage%']);
    expect(rows.map((r) => r.kind)).toEqual(['supplyingAgencyMessage', 'supplyingAgencyMessageConfirmation']);
    const notes = (await ok('GET', `/ill/requests/${request.id}`, staff.borrow)).timeline.filter((e: { event: string }) => e.event === 'SupplyingAgencyMessage/Notification/RequestReceived');
    expect(notes).toHaveLength(1);
  });

  it('readers see only their own requests; staff act only for their own library', async () => {
    const alice = await aReader();
    const bob = await aReader();
    const request = (await place(alice, { clusterId: cluster.red })).json();
    expect((await call('GET', `/ill/requests/${request.id}`, bob)).statusCode).toBe(404);
    expect((await call('POST', `/ill/requests/${request.id}/actions/cancel`, bob, {})).statusCode).toBe(404);
    expect((await ok('GET', '/ill/requests', bob)).items).toEqual([]);

    const wrongDesk = await call('POST', `/ill/supplier/${request.lendingRequestId}/actions/will-supply`, staff.mid, {});
    expect(wrongDesk.statusCode).toBe(403);
    expect(wrongDesk.json().code).toBe('ILL_NOT_YOUR_LIBRARY');
    expect((await call('GET', `/ill/supplier/${request.lendingRequestId}`, staff.mid)).statusCode).toBe(403);
    expect((await call('POST', `/ill/requests/${request.id}/actions/receive`, staff.near, {})).statusCode).toBe(404);
    expect((await call('GET', '/ill/lending?library=CN-NEAR', staff.mid)).statusCode).toBe(403);
    expect((await call('GET', '/ill/borrowing', staff.near)).statusCode).toBe(403);
    // A network administrator works for every library, so names the desk's.
    const admin = await anAdmin(t);
    expect((await call('GET', '/ill/lending', admin)).json()).toMatchObject({ status: 400, code: 'ILL_LIBRARY_REQUIRED' });
    expect((await ok('GET', '/ill/lending?library=CN-NEAR&state=new', admin)).items.map((s: { id: number }) => s.id)).toContain(request.lendingRequestId);
    expect((await ok('GET', `/ill/supplier/${request.lendingRequestId}`, staff.near)).state).toBe('new');
  });
});
