/**
 * POST /iso18626 on one deployment: CN-BOR borrows from CN-PEER, a library served by another
 * system (its ISO 18626 address is a peer's). A reader's request goes to CN-PEER through the
 * outbox; the test then speaks for CN-PEER, posting its answers as XML of both versions, valid
 * and not, repeated and out of order, and reads the confirmations and the request's state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { illStore } from '../../src/modules/ill/ill.store.js';
import { deliverDue } from '../../src/modules/ill/index.js';
import { peerStore } from '../../src/modules/ill/peers/peer.store.js';
import { agencyIdOfSymbol, parseMessage, writeMessage, type iso18626 } from '../../src/modules/ill/domain/index.js';
import { aLibrary, loadDirectory } from '../network/factories.js';
import { anAccount, anAdmin, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { holdBook, post, readAnswer, sam, stamp, xsdErrors, type Poster } from './peers-support.js';

describe('POST /iso18626', () => {
  let t: TestApp;
  let staff: TestAccount;
  let cluster: number;
  /** The test speaking for CN-PEER, with the secret this deployment issued it. */
  let peer: Poster;

  const call = (method: 'GET' | 'POST', url: string, who: TestAccount, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { ...who.headers, 'accept-language': 'en' }, ...(payload ? { payload } : {}) });
  const state = async (id: number) => (await call('GET', `/ill/requests/${id}`, staff)).json().state as string;
  /** A request of a CN-BOR reader, sent to CN-PEER (through the outbox: nobody delivers it here). */
  const aRequest = async (): Promise<number> => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-BOR' });
    const res = await call('POST', '/ill/requests', reader, { service: 'loan', clusterId: cluster });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ state: 'sent', lender: 'CN-PEER' });
    return res.json().id;
  };

  beforeAll(async () => {
    t = await testApp();
    await loadDirectory(t, { libraries: [aLibrary({ symbol: 'CN-BOR' }), aLibrary({ symbol: 'CN-PEER', city: { zh: '苏州', en: 'Suzhou' } }), aLibrary({ symbol: 'CN-LOCAL' })] });
    const admin = await anAdmin(t);
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/ill/peers/CN-PEER', headers: admin.headers, payload: { url: 'http://127.0.0.1:9/iso18626', version: '2021' } });
    expect(put.statusCode).toBe(200);
    const secrets = await t.app.inject({ method: 'PUT', url: '/api/v1/ill/peers/CN-PEER/secrets', headers: admin.headers, payload: { inbound: 'issue' } });
    expect(secrets.statusCode).toBe(200);
    peer = { app: t.app, secret: secrets.json().issuedSecret };
    cluster = await holdBook(t, 'CN-PEER', { id: 'red', title: 'Dream of the red chamber', isbn: '9787020002207' }, 'P-1');
    await holdBook(t, 'CN-LOCAL', { id: 'stone', title: 'Story of the stone', isbn: '9780140443714' }, 'L-1');
    staff = await anAccount(t, { role: 'library-staff', library: 'CN-BOR', permissions: ['borrowing'] });
  }, 120_000);
  afterAll(() => t?.close());

  it('peers are set by the network administrator; one upper tier at a time', async () => {
    const admin = await anAdmin(t);
    const peers = (method: 'GET' | 'PUT' | 'DELETE', url: string, who: TestAccount, payload?: object) =>
      t.app.inject({ method, url: `/api/v1/ill/peers${url}`, headers: { ...who.headers, 'accept-language': 'en' }, ...(payload ? { payload } : {}) });
    expect((await peers('PUT', '/CN-BOR', staff, { url: 'http://127.0.0.1:9/x' })).statusCode).toBe(403);
    const unknown = await peers('PUT', '/CN-NOWHERE', admin, { url: 'http://127.0.0.1:9/x' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('ILL_PEER_LIBRARY_NOT_FOUND');
    expect((await peers('PUT', '/CN-PEER', admin, { url: 'ftp://example.org/iso18626' })).statusCode).toBe(400);
    await loadDirectory(t, { libraries: [aLibrary({ symbol: 'CN-UP1' }), aLibrary({ symbol: 'CN-UP2' })] });
    expect((await peers('PUT', '/CN-UP1', admin, { url: 'http://127.0.0.1:9/a', upperTier: true })).json()).toMatchObject({ library: 'CN-UP1', upperTier: true, version: '2021' });
    await peers('PUT', '/CN-UP2', admin, { url: 'http://127.0.0.1:9/b', version: '1.2', upperTier: true });
    const listed = (await peers('GET', '', admin)).json().items;
    expect(listed.filter((p: { upperTier: boolean }) => p.upperTier).map((p: { library: string }) => p.library)).toEqual(['CN-UP2']);
    for (const symbol of ['CN-UP1', 'CN-UP2']) expect((await peers('DELETE', `/${symbol}`, admin)).statusCode).toBe(204);
    expect((await peers('DELETE', '/CN-UP1', admin)).json().code).toBe('ILL_PEER_NOT_FOUND');
  });

  it('a peer’s secrets are set by the network administrator; the one it gave us is never shown', async () => {
    const admin = await anAdmin(t);
    const secrets = (who: TestAccount, symbol: string, payload: object) =>
      t.app.inject({ method: 'PUT', url: `/api/v1/ill/peers/${symbol}/secrets`, headers: { ...who.headers, 'accept-language': 'en' }, payload });
    expect((await secrets(staff, 'CN-PEER', { inbound: 'issue' })).statusCode).toBe(403);
    expect((await secrets(admin, 'CN-LOCAL', { inbound: 'issue' })).json().code).toBe('ILL_PEER_NOT_FOUND');
    expect((await secrets(admin, 'CN-PEER', { outbound: 'too short' })).statusCode).toBe(400);
    const theirs = 'their-secret-for-us-0123456789-abcdefghij';
    const set = await secrets(admin, 'CN-PEER', { outbound: theirs });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ library: 'CN-PEER', secrets: { issued: true, theirs: true } });
    expect(set.json().issuedSecret).toBeUndefined();
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/ill/peers', headers: admin.headers });
    expect(listed.body).not.toContain(theirs);
    expect(listed.body).not.toContain(peer.secret);
    expect(listed.json().items.find((p: { library: string }) => p.library === 'CN-PEER').secrets).toMatchObject({ issued: true, theirs: true });
    // Only the hash of the secret we issued is kept.
    const { rows } = await t.db.query<{ inbound_secret_hash: string }>("SELECT inbound_secret_hash FROM ill_peers p JOIN libraries l ON l.id = p.library_id WHERE l.symbol = 'CN-PEER'");
    expect(rows[0]!.inbound_secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.inbound_secret_hash).not.toContain(peer.secret);
  });

  it('a message without the secret we issued to its sender — none, a wrong one, another peer’s — is an ERROR, not applied and not logged', async () => {
    const admin = await anAdmin(t);
    await loadDirectory(t, { libraries: [aLibrary({ symbol: 'CN-OTHER' })] });
    await t.app.inject({ method: 'PUT', url: '/api/v1/ill/peers/CN-OTHER', headers: admin.headers, payload: { url: 'http://127.0.0.1:9/other' } });
    const other = (await t.app.inject({ method: 'PUT', url: '/api/v1/ill/peers/CN-OTHER/secrets', headers: admin.headers, payload: { inbound: 'issue' } })).json().issuedSecret as string;
    const id = await aRequest();
    const willSupply = sam('CN-PEER', 'CN-BOR', id, { reasonForMessage: 'RequestResponse', status: 'WillSupply' });
    for (const who of [{ app: t.app }, { app: t.app, secret: 'ap_not-the-secret-we-issued-to-anyone-at-all' }, { app: t.app, secret: other }]) {
      const answer = await post(who, willSupply);
      expect(answer).toMatchObject({ status: 200, kind: 'supplyingAgencyMessageConfirmation', messageStatus: 'ERROR', errorType: 'UnrecognisedDataValue' });
      expect(answer.errorValue).toMatch(/^header\/supplyingAgencyId: CN-PEER \(not authenticated/);
      expect(xsdErrors('2021', answer.body)).toEqual([]);
    }
    expect(await state(id)).toBe('sent');
    expect((await illStore.messages(t.db, id)).filter((m) => m.kind === 'supplyingAgencyMessage')).toEqual([]);
    // The same message with the peer's own secret is then taken (the strangers' copies did not take its key).
    expect(await post(peer, willSupply)).toMatchObject({ messageStatus: 'OK' });
    expect(await state(id)).toBe('will-supply');
    // A Request in the name of CN-PEER, with CN-OTHER's secret: no request is made.
    const request: iso18626.RequestMessage = {
      kind: 'request',
      header: { supplyingAgencyId: agencyIdOfSymbol('CN-BOR'), requestingAgencyId: agencyIdOfSymbol('CN-PEER'), timestamp: stamp(), requestingAgencyRequestId: 'FORGED-1' },
      bibliographicInfo: { title: 'Story of the stone', bibliographicItemId: [{ bibliographicItemIdentifier: '9780140443714', bibliographicItemIdentifierCode: { value: 'ISBN' } }] },
      serviceInfo: { requestType: 'New', serviceType: 'Loan' },
    };
    expect(await post({ app: t.app, secret: other }, request)).toMatchObject({ kind: 'requestConfirmation', messageStatus: 'ERROR', errorType: 'UnrecognisedDataValue' });
    expect((await t.db.query("SELECT 1 FROM ill_requests WHERE peer_request_id = 'FORGED-1'")).rows).toEqual([]);
  });

  it('a message we cannot read, from nobody we know, is HTTP 401 problem details and is not kept', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/iso18626', headers: { 'content-type': 'application/xml', 'accept-language': 'en' }, payload: 'not xml, and from a stranger' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="iso18626"');
    expect(res.json()).toMatchObject({ status: 401, code: 'ILL_PEER_UNAUTHENTICATED' });
    expect((await t.db.query("SELECT 1 FROM ill_messages WHERE xml = 'not xml, and from a stranger'")).rows).toEqual([]);
  });

  it('a rotated secret: the old one is refused at once, the new one taken', async () => {
    const admin = await anAdmin(t);
    const rotated = (await t.app.inject({ method: 'PUT', url: '/api/v1/ill/peers/CN-PEER/secrets', headers: admin.headers, payload: { inbound: 'issue' } })).json();
    expect(rotated.issuedSecret).not.toBe(peer.secret);
    const id = await aRequest();
    const message = sam('CN-PEER', 'CN-BOR', id, { reasonForMessage: 'RequestResponse', status: 'WillSupply' });
    expect(await post(peer, message)).toMatchObject({ messageStatus: 'ERROR' });
    peer = { app: t.app, secret: rotated.issuedSecret };
    expect(await post(peer, message)).toMatchObject({ messageStatus: 'OK' });
    expect(await state(id)).toBe('will-supply');
  });

  it('a request to a library served elsewhere leaves as XML through the outbox, valid against the XSD', async () => {
    const id = await aRequest();
    const [out] = await peerStore.outbox(t.db, id);
    expect(out).toMatchObject({ url: 'http://127.0.0.1:9/iso18626', status: 'pending' });
    expect(out!.xml).toContain('<request>');
    expect(xsdErrors('2021', out!.xml)).toEqual([]);
    // The network administrator sees it waiting, with why.
    const admin = await anAdmin(t);
    const pending = (await call('GET', '/ill/outbox?status=pending', admin)).json().items;
    expect(pending.find((o: { requestId: number }) => o.requestId === id)).toMatchObject({ kind: 'request', url: 'http://127.0.0.1:9/iso18626', status: 'pending', attempts: 0, lastError: null });
    expect((await call('GET', '/ill/outbox', staff)).statusCode).toBe(403);
    // Not on any lending desk here: the lender's side runs at the peer.
    const desk = await anAccount(t, { role: 'library-staff', library: 'CN-PEER', permissions: ['lending'] });
    expect((await call('GET', '/ill/lending', desk)).json().items).toEqual([]);
  });

  it('answers valid messages of both versions with an OK confirmation in the version received, and moves the request', async () => {
    const id = await aRequest();
    const first = await post(peer, sam('CN-PEER', 'CN-BOR', id, { reasonForMessage: 'RequestResponse', status: 'ExpectToSupply' }), '2021', 'text/xml');
    expect(first).toMatchObject({ status: 200, kind: 'supplyingAgencyMessageConfirmation', messageStatus: 'OK', version: '2021' });
    expect(xsdErrors('2021', first.body)).toEqual([]);
    expect(await state(id)).toBe('expects-to-supply');

    const second = await post(peer, sam('CN-PEER', 'CN-BOR', id, { reasonForMessage: 'StatusChange', status: 'WillSupply' }), '1.2', 'application/xml');
    expect(second).toMatchObject({ status: 200, messageStatus: 'OK', version: '1.2' });
    expect(second.body).toContain('version="1.2"');
    expect(xsdErrors('1.2', second.body)).toEqual([]);
    expect(await state(id)).toBe('will-supply');

    // Both logged in full, in and out, linked to the request; the timeline names the peer.
    const log = await illStore.messages(t.db, id);
    expect(log.filter((m) => m.kind === 'supplyingAgencyMessage').map((m) => m.direction)).toEqual(['to-borrower', 'to-borrower']);
    expect(log.filter((m) => m.kind === 'supplyingAgencyMessageConfirmation').map((m) => m.outcome)).toEqual(['OK', 'OK']);
    expect(log.find((m) => m.kind === 'supplyingAgencyMessage' && m.xml.includes('version="1.2"'))).toBeDefined();
    const timeline = (await call('GET', `/ill/requests/${id}`, staff)).json().timeline;
    expect(timeline.at(-1)).toMatchObject({ to: 'will-supply', actor: 'peer', event: 'SupplyingAgencyMessage/StatusChange/WillSupply' });
  });

  it('a message in GB18030 is read, applied and logged as the text it says', async () => {
    const id = await aRequest();
    const xml = writeMessage(sam('CN-PEER', 'CN-BOR', id, { reasonForMessage: 'Notification', status: 'RequestReceived', note: 'NOTE' }), '2021')
      .replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="GB18030"?>');
    const [before, after] = xml.split('NOTE');
    // 请尽快 in GB18030 (Node has no GB18030 encoder, so the bytes are spelt out).
    const body = Buffer.concat([Buffer.from(before!), Buffer.from([0xc7, 0xeb, 0xbe, 0xa1, 0xbf, 0xec]), Buffer.from(after!)]);
    const res = await t.app.inject({ method: 'POST', url: '/iso18626', headers: { 'content-type': 'text/xml; charset=GB18030', authorization: `Bearer ${peer.secret}` }, payload: body });
    expect(readAnswer(res.statusCode, res.body)).toMatchObject({ messageStatus: 'OK' });
    const [logged] = (await illStore.messages(t.db, id)).filter((m) => m.kind === 'supplyingAgencyMessage');
    expect(logged!.xml).toContain('<note>请尽快</note>');
    expect(logged!.xml).toContain('encoding="GB18030"');
  });

  it('a message sent twice is answered the same and applied once', async () => {
    const id = await aRequest();
    const loaned = writeMessage(sam('CN-PEER', 'CN-BOR', id, { reasonForMessage: 'RequestResponse', status: 'Loaned', dueDate: '2099-03-01T23:59:59+08:00' }), '2021');
    const a = await post(peer, loaned);
    const b = await post(peer, loaned);
    expect(a).toMatchObject({ messageStatus: 'OK' });
    expect(b.body).toBe(a.body);
    // The same message written differently (the other version, a +0000 offset) is still the same message.
    const c = await post(peer, loaned.replace(/<timestamp>([^<]*)Z<\/timestamp>/, '<timestamp>$1+0000</timestamp>'));
    expect(c.body).toBe(a.body);
    expect(await state(id)).toBe('shipped');
    const timeline = (await call('GET', `/ill/requests/${id}`, staff)).json().timeline;
    expect(timeline.filter((e: { to: string }) => e.to === 'shipped')).toHaveLength(1);
    expect((await illStore.messages(t.db, id)).filter((m) => m.kind === 'supplyingAgencyMessage')).toHaveLength(1);

    // Two copies at once (on PostgreSQL really at once, on two connections): one applied, both answered alike.
    const received = writeMessage(sam('CN-PEER', 'CN-BOR', id, { reasonForMessage: 'Notification', status: 'Loaned', note: 'twice at once' }), '2021');
    const [x, y] = await Promise.all([post(peer, received), post(peer, received)]);
    expect(x).toMatchObject({ messageStatus: 'OK' });
    expect(y.body).toBe(x.body);
    const notes = (await call('GET', `/ill/requests/${id}`, staff)).json().timeline.filter((e: { event: string }) => e.event === 'SupplyingAgencyMessage/Notification/Loaned');
    expect(notes).toHaveLength(1);
  });

  it('a message the state does not allow is refused with the right errorType; the state stays and the refusal is in the history', async () => {
    const id = await aRequest();
    // A renewal answer nobody asked for.
    const renew = await post(peer, sam('CN-PEER', 'CN-BOR', id, { reasonForMessage: 'RenewResponse', status: 'Overdue', answerYesNo: 'N' }));
    expect(renew).toMatchObject({ status: 200, messageStatus: 'ERROR', errorType: 'UnsupportedReasonForMessageType' });
    expect(renew.errorValue).toMatch(/^RenewResponse: /);
    expect(xsdErrors('2021', renew.body)).toEqual([]);
    expect(await state(id)).toBe('sent');
    const timeline = (await call('GET', `/ill/requests/${id}`, staff)).json().timeline;
    expect(timeline.at(-1)).toMatchObject({ from: 'sent', to: 'sent', actor: 'peer', event: 'SupplyingAgencyMessage/RenewResponse/Overdue/N' });
    const log = await illStore.messages(t.db, id);
    expect(log.map((m) => [m.kind, m.outcome])).toContainEqual(['supplyingAgencyMessageConfirmation', 'ERROR']);
  });

  it('out of order: the loan completed before it was lent is refused, the state unchanged', async () => {
    const id = await aRequest();
    await post(peer, sam('CN-PEER', 'CN-BOR', id, { reasonForMessage: 'RequestResponse', status: 'WillSupply' }));
    const early = await post(peer, sam('CN-PEER', 'CN-BOR', id, { reasonForMessage: 'StatusChange', status: 'LoanCompleted' }));
    expect(early).toMatchObject({ messageStatus: 'ERROR', errorType: 'UnrecognisedDataValue' });
    expect(early.errorValue).toContain('LoanCompleted');
    expect(await state(id)).toBe('will-supply');
    // Then the messages in their order are taken.
    expect(await post(peer, sam('CN-PEER', 'CN-BOR', id, { reasonForMessage: 'StatusChange', status: 'Loaned', dueDate: '2099-03-01T23:59:59+08:00' }))).toMatchObject({ messageStatus: 'OK' });
    expect(await state(id)).toBe('shipped');
  });

  it('an unknown request id, or a sender that is not the lender, is an ERROR naming the field', async () => {
    const unknown = await post(peer, sam('CN-PEER', 'CN-BOR', 'ILL-999999', { reasonForMessage: 'RequestResponse', status: 'WillSupply' }));
    expect(unknown).toMatchObject({ messageStatus: 'ERROR', errorType: 'UnrecognisedDataValue', errorValue: 'header/requestingAgencyRequestId: ILL-999999' });
    const foreign = await post(peer, sam('CN-PEER', 'CN-BOR', 'THEIR-1', { reasonForMessage: 'RequestResponse', status: 'WillSupply' }));
    expect(foreign.errorValue).toBe('header/requestingAgencyRequestId: THEIR-1');
    const id = await aRequest();
    const stranger = await post(peer, sam('CN-BOR', 'CN-BOR', id, { reasonForMessage: 'RequestResponse', status: 'WillSupply' }));
    expect(stranger).toMatchObject({ messageStatus: 'ERROR', errorValue: 'header/supplyingAgencyId: CN-BOR' });
    expect(await state(id)).toBe('sent');
    const ram: iso18626.RequestingAgencyMessage = {
      kind: 'requestingAgencyMessage', action: 'Received',
      header: { supplyingAgencyId: agencyIdOfSymbol('CN-BOR'), requestingAgencyId: agencyIdOfSymbol('CN-PEER'), timestamp: stamp(), requestingAgencyRequestId: 'NOPE-1' },
    };
    expect(await post(peer, ram)).toMatchObject({ kind: 'requestingAgencyMessageConfirmation', messageStatus: 'ERROR', errorType: 'UnrecognisedDataValue' });
  });

  it('XML that is not well-formed is a BadlyFormedMessage, logged as it came', async () => {
    const broken = '<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" version="2021"><supplyingAgencyMessage><header>';
    const answer = await post(peer, broken);
    expect(answer).toMatchObject({ status: 200, kind: 'requestConfirmation', messageStatus: 'ERROR', errorType: 'BadlyFormedMessage' });
    expect(xsdErrors('2021', answer.body)).toEqual([]);
    expect(await post(peer, 'not xml at all')).toMatchObject({ messageStatus: 'ERROR', errorType: 'BadlyFormedMessage' });
    const { rows } = await t.db.query<{ xml: string }>("SELECT xml FROM ill_messages WHERE transport = 'http-in' AND request_id IS NULL AND xml = $1", [broken]);
    expect(rows).toHaveLength(1);
  });

  it('a message the official XSD refuses is refused too, with the errorType of what is wrong', async () => {
    const id = await aRequest();
    const valid = writeMessage(sam('CN-PEER', 'CN-BOR', id, { reasonForMessage: 'StatusChange', status: 'WillSupply' }), '2021');
    const cases: { xml: string; errorType: string }[] = [
      { xml: valid.replace('<status>WillSupply</status>', '<status>Shipped</status>'), errorType: 'UnrecognisedDataValue' },
      { xml: valid.replace('<statusInfo>', '<colour>red</colour><statusInfo>'), errorType: 'UnrecognisedDataElement' },
      { xml: valid.replace(/<timestamp>[^<]*<\/timestamp>/, ''), errorType: 'BadlyFormedMessage' },
      { xml: valid.replace('<reasonForMessage>StatusChange</reasonForMessage>', '<reasonForMessage>Gossip</reasonForMessage>'), errorType: 'UnsupportedReasonForMessageType' },
    ];
    for (const c of cases) {
      expect(xsdErrors('2021', c.xml)).not.toEqual([]);
      const answer = await post(peer, c.xml);
      expect(answer).toMatchObject({ kind: 'supplyingAgencyMessageConfirmation', messageStatus: 'ERROR', errorType: c.errorType });
      expect(xsdErrors('2021', answer.body)).toEqual([]);
    }
    expect(await state(id)).toBe('sent');
  });

  it('a Request from a peer library for a work nobody here holds is taken, sourced, and answered Unfilled through the outbox', async () => {
    const request: iso18626.RequestMessage = {
      kind: 'request',
      header: { supplyingAgencyId: agencyIdOfSymbol('CN-BOR'), requestingAgencyId: agencyIdOfSymbol('CN-PEER'), timestamp: stamp(), requestingAgencyRequestId: 'PEER-REQ-1' },
      bibliographicInfo: { title: 'A book nobody has', bibliographicItemId: [{ bibliographicItemIdentifier: '9780000000002', bibliographicItemIdentifierCode: { value: 'ISBN' } }] },
      serviceInfo: { requestType: 'New', serviceType: 'Loan' },
    };
    const answer = await post(peer, request, '1.2');
    expect(answer).toMatchObject({ kind: 'requestConfirmation', messageStatus: 'OK', version: '1.2' });
    expect(xsdErrors('1.2', answer.body)).toEqual([]);
    const again = await post(peer, { ...request, header: { ...request.header, timestamp: stamp() } }, '1.2');
    expect(again).toMatchObject({ messageStatus: 'OK' });
    const { rows } = await t.db.query<{ id: string; state: string; reader_id: string | null }>("SELECT id, state, reader_id FROM ill_requests WHERE peer_request_id = 'PEER-REQ-1'");
    expect(rows).toEqual([{ id: expect.anything(), state: 'end-of-rota', reader_id: null }]);
    const [unfilled] = await peerStore.outbox(t.db, Number(rows[0]!.id));
    expect(unfilled!.xml).toContain('<status>Unfilled</status>');
    expect(unfilled!.xml).toContain('<requestingAgencyRequestId>PEER-REQ-1</requestingAgencyRequestId>');
    expect(xsdErrors('1.2', unfilled!.xml)).toEqual([]);

    // The peer asks where it stands: answered OK, and a StatusRequestResponse follows through the outbox.
    const ask: iso18626.RequestingAgencyMessage = {
      kind: 'requestingAgencyMessage', action: 'StatusRequest',
      header: { supplyingAgencyId: agencyIdOfSymbol('CN-BOR'), requestingAgencyId: agencyIdOfSymbol('CN-PEER'), timestamp: stamp(), requestingAgencyRequestId: 'PEER-REQ-1' },
    };
    expect(await post(peer, ask, '1.2')).toMatchObject({ kind: 'requestingAgencyMessageConfirmation', messageStatus: 'OK' });
    const [, status] = await peerStore.outbox(t.db, Number(rows[0]!.id));
    expect(status!.xml).toContain('<reasonForMessage>StatusRequestResponse</reasonForMessage>');
    expect(status!.xml).toContain('<status>Unfilled</status>');
    // Received for a loan never lent is refused by the machine: UnsupportedActionType, nothing changes.
    const early = await post(peer, { ...ask, action: 'Received', header: { ...ask.header, timestamp: stamp() } }, '1.2');
    expect(early).toMatchObject({ messageStatus: 'ERROR', errorType: 'UnsupportedActionType' });
    expect(early.errorValue).toMatch(/^Received: /);
  });

  it('a peer on ISO 18626 1.2 borrows from a library here; what 1.2 cannot say is not sent, and the history says so', async () => {
    const h = { supplyingAgencyId: agencyIdOfSymbol('CN-BOR'), requestingAgencyId: agencyIdOfSymbol('CN-PEER'), requestingAgencyRequestId: 'PEER-REQ-2' };
    const request: iso18626.RequestMessage = {
      kind: 'request', header: { ...h, timestamp: stamp() },
      bibliographicInfo: { title: 'Story of the stone', bibliographicItemId: [{ bibliographicItemIdentifier: '9780140443714', bibliographicItemIdentifierCode: { value: 'ISBN' } }] },
      serviceInfo: { requestType: 'New', serviceType: 'Loan' },
    };
    expect(await post(peer, request, '1.2')).toMatchObject({ messageStatus: 'OK' });
    const { rows } = await t.db.query<{ id: string }>("SELECT id FROM ill_requests WHERE peer_request_id = 'PEER-REQ-2'");
    const id = Number(rows[0]!.id);
    const admin = await anAdmin(t);
    // The desk of the library the peer addressed brokers it: on its queue, with the rota.
    const here = (await call('GET', `/ill/requests/${id}`, staff)).json();
    expect(here).toMatchObject({ state: 'sent', lender: 'CN-LOCAL', borrowingLibrary: 'CN-PEER', reader: { id: null } });
    expect(here.rota.ranked.map((l: { symbol: string }) => l.symbol)).toEqual(['CN-LOCAL']);
    expect((await call('GET', '/ill/borrowing?state=sent', staff)).json().items.map((r: { id: number }) => r.id)).toContain(id);

    const desk = await anAccount(t, { role: 'library-staff', library: 'CN-LOCAL', permissions: ['lending'] });
    const lend = async (action: string, body: object = {}) => {
      const res = await call('POST', `/ill/supplier/${here.lendingRequestId}/actions/${action}`, desk, body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    await lend('will-supply');
    await lend('mark-picked');
    await lend('ship', { dueDate: '2099-02-01' });
    const told = (await peerStore.outbox(t.db, id)).map((o) => o.xml);
    expect(told.map((x) => /<status>(\w+)<\/status>/.exec(x)?.[1])).toEqual(['WillSupply', 'Loaned']);
    for (const x of told) expect(xsdErrors('1.2', x)).toEqual([]);

    const received: iso18626.RequestingAgencyMessage = { kind: 'requestingAgencyMessage', action: 'Received', header: { ...h, timestamp: stamp() } };
    expect(await post(peer, received, '1.2')).toMatchObject({ messageStatus: 'OK' });
    expect((await call('GET', `/ill/supplier/${here.lendingRequestId}`, desk)).json().state).toBe('awaiting-return');
    // The lender holds the return (2021 only): done here, not sent to the 1.2 peer, written in the history.
    await lend('hold-return');
    expect((await peerStore.outbox(t.db, id))).toHaveLength(2);
    const timeline = (await call('GET', `/ill/requests/${id}`, admin)).json().timeline;
    expect(timeline.at(-1)).toMatchObject({ event: 'supplyingAgencyMessage/not-sent', actor: 'system' });
  });

  it('a request a peer sent us that nobody here has goes on to our upper tier under our name; its answers come back here and on to the peer', async () => {
    const admin = await anAdmin(t);
    await loadDirectory(t, { libraries: [aLibrary({ symbol: 'CN-UPPER', province: 'CN-BJ', city: { zh: '北京', en: 'Beijing' } })] });
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/ill/peers/CN-UPPER', headers: admin.headers, payload: { url: 'http://127.0.0.1:9/upper', upperTier: true } });
    expect(put.statusCode).toBe(200);
    const secrets = await t.app.inject({ method: 'PUT', url: '/api/v1/ill/peers/CN-UPPER/secrets', headers: admin.headers, payload: { inbound: 'issue' } });
    const upper: Poster = { app: t.app, secret: secrets.json().issuedSecret };
    try {
      const request: iso18626.RequestMessage = {
        kind: 'request',
        header: { supplyingAgencyId: agencyIdOfSymbol('CN-BOR'), requestingAgencyId: agencyIdOfSymbol('CN-PEER'), timestamp: stamp(), requestingAgencyRequestId: 'PEER-REQ-3' },
        bibliographicInfo: { title: 'Another book nobody here has', bibliographicItemId: [{ bibliographicItemIdentifier: '9787111111110', bibliographicItemIdentifierCode: { value: 'ISBN' } }] },
        serviceInfo: { requestType: 'New', serviceType: 'Loan' },
      };
      expect(await post(peer, request)).toMatchObject({ messageStatus: 'OK' });
      const { rows } = await t.db.query<{ id: string }>("SELECT id FROM ill_requests WHERE peer_request_id = 'PEER-REQ-3'");
      const id = Number(rows[0]!.id);
      expect((await call('GET', `/ill/requests/${id}`, staff)).json()).toMatchObject({ state: 'sent', lender: 'CN-UPPER' });
      const [up] = await peerStore.outbox(t.db, id);
      const read = parseMessage(up!.xml);
      expect(read.ok && read.message.kind === 'request' && read.message.header).toMatchObject({
        requestingAgencyId: agencyIdOfSymbol('CN-BOR'), supplyingAgencyId: agencyIdOfSymbol('CN-UPPER'), requestingAgencyRequestId: `ILL-${id}`,
      });
      expect(up!.url).toBe('http://127.0.0.1:9/upper');

      expect(await post(upper, sam('CN-UPPER', 'CN-BOR', id, { reasonForMessage: 'RequestResponse', status: 'WillSupply' }))).toMatchObject({ messageStatus: 'OK' });
      expect((await call('GET', `/ill/requests/${id}`, staff)).json().state).toBe('will-supply');
      const relayed = (await peerStore.outbox(t.db, id)).map((o) => o.xml);
      expect(relayed).toHaveLength(2);
      expect(relayed[1]).toContain('<requestingAgencyRequestId>PEER-REQ-3</requestingAgencyRequestId>');
      expect(relayed[1]).toContain('<status>WillSupply</status>');
    } finally {
      await t.app.inject({ method: 'DELETE', url: '/api/v1/ill/peers/CN-UPPER', headers: admin.headers });
    }
  });

  it('a peer that never answers: the outbox gives up after its attempts, and the request’s history says so', async () => {
    const id = await aRequest();
    // Nobody listens on port 9: with one attempt allowed, the first failure is the last.
    await deliverDue(t.db, { maxAttempts: 1, timeoutMs: 2000 });
    expect((await peerStore.outbox(t.db, id))[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/^no answer/) });
    const timeline = (await call('GET', `/ill/requests/${id}`, staff)).json().timeline;
    expect(timeline.at(-1)).toMatchObject({ event: 'iso18626/not-delivered', actor: 'system', from: 'sent', to: 'sent' });
    const admin = await anAdmin(t);
    expect((await call('GET', '/ill/outbox?status=failed', admin)).json().items.map((o: { requestId: number }) => o.requestId)).toContain(id);
  });
});
