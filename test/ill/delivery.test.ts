/**
 * Document delivery and e-mail notices through the REST API, with a real SMTP server on loopback
 * (smtp-server): a copy request's scan uploaded by the lender, handed to the reader as a signed
 * link that expires and allows a number of downloads, the file deleted afterwards; the notices of
 * a loan and of a copy, in the reader's language, sent with retries.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { sweepCopies } from '../../src/modules/ill/delivery/delivery.service.js';
import { illStore } from '../../src/modules/ill/ill.store.js';
import { supplyingMessage } from '../../src/modules/ill/iso-messages.js';
import { clock, deliver } from '../../src/modules/ill/steps.js';
import { illBackground } from '../../src/modules/ill/notices/background.js';
import { followEvents, queueDueSoon } from '../../src/modules/ill/notices/follower.js';
import { mailTransport, sendDueNotices } from '../../src/modules/ill/notices/sender.js';
import { aBook, asInput } from '../catalog/records.js';
import { aLibrary, loadDirectory } from '../network/factories.js';
import { apiCalls, anAccount, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';
import { readMail, type ReadMail } from '../support/mime.js';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('interlibrary loan: document delivery and e-mail notices', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  let dataDir: string;
  const mails: { to: string[]; mail: ReadMail }[] = [];
  /** Addresses the mail server refuses for now (451: try again later). */
  const busy = new Set<string>();
  let cluster: number;
  let staff: Record<'borrow' | 'near' | 'other', TestAccount>;
  const logged: string[] = [];
  const log = { info: (_: object, m: string) => logged.push(m), warn: (_: object, m: string) => logged.push(m), error: (_: object, m: string) => logged.push(m) };

  const { call, ok } = apiCalls(() => t);
  const lend = (supplyId: number, action: string, body: object = {}) => ok('POST', `/ill/supplier/${supplyId}/actions/${action}`, staff.near, body);
  const borrow = (id: number, action: string, body: object = {}) => ok('POST', `/ill/requests/${id}/actions/${action}`, staff.borrow, body);
  const upload = (supplyId: number, content: Buffer, who = staff.near) => {
    const boundary = `----anylib${Math.random().toString(16).slice(2)}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({ method: 'POST', url: `/api/v1/ill/supplier/${supplyId}/copy`, headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  };
  const aReader = async (locale: 'zh-CN' | 'en', name: string) => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-BOR' });
    await t.db.query('UPDATE users SET locale = $2, display_name = $3 WHERE id = $1', [reader.userId, locale, name]);
    return reader;
  };
  /** The background's round, as the server runs it, without waiting for its timer. */
  const round = async (now?: () => Date) => {
    await followEvents(t.db, { lagMs: 0 });
    return sendDueNotices(t.db, t.config, mailTransport(t.config), log, now);
  };
  const mailsTo = (address: string) => mails.filter((m) => m.to.includes(address)).map((m) => m.mail);
  /** A copy request accepted, picked and with its scan uploaded, ready to deliver. */
  const copyRequest = async (reader: TestAccount, pages: string) => {
    const r = await ok('POST', '/ill/requests', reader, { clusterId: cluster, service: 'copy', articleTitle: '第三章 Chapter three', pages });
    await lend(r.lendingRequestId, 'will-supply');
    await lend(r.lendingRequestId, 'print-pull-slip');
    await lend(r.lendingRequestId, 'mark-picked');
    return r as { id: number; lendingRequestId: number };
  };

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      onRcptTo(address, _session, done) {
        if (busy.has(address.address)) return done(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }));
        done();
      },
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), mail: readMail(Buffer.concat(chunks).toString('latin1')) });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    dataDir = mkdtempSync(path.join(tmpdir(), 'anylib-delivery-'));
    t = await testApp({
      dataDir, mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Interlibrary loan <ill@anylib.test>' }, copies: { linkDays: 30, downloads: 2, maxBytes: 4096 },
    });
    const policy = { lendsReturnables: true, suppliesCopies: true, loanPeriodDays: 28, renewals: 1 };
    await loadDirectory(t, { libraries: [aLibrary({ symbol: 'CN-BOR', lendingPolicy: policy }), aLibrary({ symbol: 'CN-NEAR', lendingPolicy: policy }), aLibrary({ symbol: 'CN-OTHER' })] });
    await ingestRecords(t.db, { library: 'CN-NEAR', records: [asInput(aBook({ id: 'essays', title: 'Selected essays', isbn: '9787020002207', author: 'Lu Xun', holding: { library: 'CN-NEAR', barcode: 'N-9' } }))], via: 'test' });
    const [item] = (await t.app.inject({ method: 'GET', url: '/api/v1/libraries/CN-NEAR/items?barcode=N-9' })).json().items;
    cluster = item.clusterId;
    staff = {
      borrow: await anAccount(t, { role: 'library-staff', library: 'CN-BOR', permissions: ['borrowing'] }),
      near: await anAccount(t, { role: 'library-staff', library: 'CN-NEAR', permissions: ['lending'] }),
      other: await anAccount(t, { role: 'library-staff', library: 'CN-OTHER', permissions: ['lending'] }),
    };
    // What the directory and the demo set up before this test is not its business.
    await followEvents(t.db, { lagMs: 0 });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a copy: the lender uploads the PDF, the reader gets a signed link by e-mail in their language, downloads twice, then the file is gone', async () => {
    const reader = await aReader('zh-CN', '李华');
    const r = await copyRequest(reader, '45-60');
    const before = await call('POST', `/ill/supplier/${r.lendingRequestId}/actions/deliver-copy`, staff.near, {});
    expect(before.statusCode).toBe(409);
    expect(before.json().errors[0].code).toBe('ILL_COPY_NOT_UPLOADED');

    // Bad scans are refused and leave nothing behind.
    expect((await upload(r.lendingRequestId, Buffer.from('GIF89a not a pdf'))).json()).toMatchObject({ status: 415, code: 'ILL_COPY_NOT_PDF' });
    expect((await upload(r.lendingRequestId, Buffer.concat([pdf, Buffer.alloc(5000, 32)]))).json()).toMatchObject({ status: 413, code: 'ILL_COPY_TOO_LARGE' });
    expect((await upload(r.lendingRequestId, pdf, staff.other)).json()).toMatchObject({ status: 403, code: 'ILL_NOT_YOUR_LIBRARY' });
    expect(readdirSync(path.join(dataDir, 'ill-copies'))).toEqual([]);

    const uploaded = await upload(r.lendingRequestId, pdf);
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json()).toMatchObject({ size: pdf.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(readdirSync(path.join(dataDir, 'ill-copies'))).toHaveLength(1);
    expect((await lend(r.lendingRequestId, 'deliver-copy')).state).toBe('copy-delivered');
    expect((await ok('GET', `/ill/requests/${r.id}`, reader)).state).toBe('received');

    const sent = await round();
    expect(sent).toMatchObject({ sent: 2, failed: 0 });
    const done = await ok('GET', `/ill/requests/${r.id}`, staff.borrow);
    expect(done.state).toBe('completed');
    expect(done.timeline.filter((e: { side: string }) => e.side === 'borrowing').at(-1)).toMatchObject({ event: 'deliver-to-reader', actor: 'system' });
    // The lender's part is done too: the copy is in this deployment's store and with the reader.
    expect((await ok('GET', `/ill/supplier/${r.lendingRequestId}`, staff.near)).state).toBe('completed');

    // The lender heard of the request (in Chinese, to its ILL address); the reader of the copy, with the link.
    const [toLender] = mailsTo('ill@cnnear.example.org');
    expect(toLender!.headers.subject).toBe(`新的馆际互借请求 ILL-${r.id}（来自 CN-BOR 图书馆）`);
    const [notice] = mailsTo(reader.email);
    expect(notice!.headers.subject).toBe(`您的文献传递复制件可以下载了（ILL-${r.id}）`);
    expect(notice!.headers.from).toBe('Interlibrary loan <ill@anylib.test>');
    expect(notice!.text).toContain('李华，您好');
    const link = /下载链接：(\S+)/.exec(notice!.text)![1]!;
    expect(link).toMatch(new RegExp(`^http://anylib\\.test/api/v1/ill/copies/\\d+/download\\?token=[\\w-]{24}$`));
    expect(notice!.html).toContain(`<a href="${link.replace('&', '&#38;')}">`);

    const view = await ok('GET', `/ill/requests/${r.id}/copy`, reader);
    expect(view).toMatchObject({ downloadUrl: link, downloadsLeft: 2, maxDownloads: 2, deleted: false });
    expect(Date.parse(view.expiresAt) - Date.parse(view.deliveredAt)).toBe(30 * 86_400_000);

    const url = link.replace('http://anylib.test', '');
    // A forged or borrowed token opens nothing; nor does someone else's account.
    expect((await t.app.inject({ method: 'GET', url: url.replace(/token=.{4}/, 'token=AAAA') })).statusCode).toBe(404);
    expect((await call('GET', `/ill/copies/${view.copyId}/download`, await aReader('en', 'Someone else'))).statusCode).toBe(404);

    const first = await t.app.inject({ method: 'GET', url });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.rawPayload.equals(pdf)).toBe(true);
    // The reader signed in needs no link. That was the last download allowed: the file is deleted.
    const second = await call('GET', `/ill/copies/${view.copyId}/download`, reader);
    expect(second.statusCode).toBe(200);
    expect(second.rawPayload.equals(pdf)).toBe(true);
    expect(readdirSync(path.join(dataDir, 'ill-copies'))).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url })).json()).toMatchObject({ status: 410, code: 'ILL_COPY_GONE' });
    expect(await ok('GET', `/ill/requests/${r.id}/copy`, reader)).toMatchObject({ downloadUrl: null, downloadsLeft: 0, deleted: true });

    const { rows } = await t.db.query<{ actor: string; details: { via: string; download: number } }>(
      `SELECT actor, details FROM audit_log WHERE action = 'ill.copy.download' AND target = $1 ORDER BY id`, [`ill-copy:${view.copyId}`],
    );
    expect(rows.map((a) => [a.actor, a.details.via, a.details.download])).toEqual([['download link', 'link', 1], [reader.email, 'account', 2]]);
  });

  it('an expired link: the sweep deletes the file and the link answers 410', async () => {
    const reader = await aReader('en', 'Ann Reader');
    const r = await copyRequest(reader, '1-2');
    expect((await upload(r.lendingRequestId, pdf)).statusCode).toBe(201);
    await lend(r.lendingRequestId, 'deliver-copy');
    await round();
    const view = await ok('GET', `/ill/requests/${r.id}/copy`, reader);
    const [notice] = mailsTo(reader.email);
    expect(notice!.headers.subject).toBe(`Your copy is ready to download (ILL-${r.id})`);
    expect(notice!.text).toContain('for 2 downloads');
    await t.db.query(`UPDATE ill_copies SET expires_at = now() - interval '1 second' WHERE id = $1`, [view.copyId]);
    expect(await sweepCopies(t.db, dataDir)).toBe(1);
    expect(readdirSync(path.join(dataDir, 'ill-copies'))).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: view.downloadUrl.replace('http://anylib.test', '') })).json()).toMatchObject({ code: 'ILL_COPY_GONE' });
    expect((await t.db.query('SELECT deleted_why FROM ill_copies WHERE id = $1', [view.copyId])).rows[0]).toEqual({ deleted_why: 'expired' });
  });

  it('a scan whose request is cancelled before delivery is deleted by the sweep', async () => {
    const reader = await aReader('en', 'Changed Mind');
    const r = await copyRequest(reader, '70-80');
    expect((await upload(r.lendingRequestId, pdf)).statusCode).toBe(201);
    await ok('POST', `/ill/requests/${r.id}/actions/cancel`, reader, {});
    expect((await ok('GET', `/ill/supplier/${r.lendingRequestId}`, staff.near)).state).toBe('cancelled');
    expect(readdirSync(path.join(dataDir, 'ill-copies'))).toHaveLength(1);
    expect(await sweepCopies(t.db, dataDir)).toBe(1);
    expect(readdirSync(path.join(dataDir, 'ill-copies'))).toEqual([]);
    expect((await t.db.query('SELECT deleted_why FROM ill_copies WHERE request_id = $1', [r.id])).rows).toEqual([{ deleted_why: 'request-closed' }]);
    await round();
  });

  it('a loan’s notices in English: new request, shipped, ready for pickup, due soon, overdue, recalled; a cancelled request; each sent once', async () => {
    const reader = await aReader('en', 'Ann Reader');
    const r = await ok('POST', '/ill/requests', reader, { service: 'loan', clusterId: cluster, pickupLocation: 'East campus desk' });
    // A loan takes no scan.
    expect((await upload(r.lendingRequestId, Buffer.concat([pdf, Buffer.alloc(3000, 32)]))).json()).toMatchObject({ status: 409, code: 'ILL_COPY_NOT_EXPECTED' });
    await lend(r.lendingRequestId, 'will-supply');
    await lend(r.lendingRequestId, 'print-pull-slip');
    await lend(r.lendingRequestId, 'mark-picked');
    await lend(r.lendingRequestId, 'ship', { dueDate: '2099-03-01' });
    await borrow(r.id, 'receive');
    const today = new Date().toISOString().slice(0, 10);
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await borrow(r.id, 'check-out', { dueDate: soon });
    await round();
    expect(await queueDueSoon(t.db, today)).toBe(1);
    expect(await queueDueSoon(t.db, today)).toBe(0);
    // The lender says the loan is overdue (its StatusChange, as a peer's message).
    const supply = (await illStore.supply(t.db, r.lendingRequestId))!;
    const overdue = supplyingMessage(supply, { type: 'send-supplying-agency-message', reasonForMessage: 'StatusChange', status: 'Overdue' }, clock());
    await t.db.transaction((tx) => deliver({ tx, now: clock, user: null, locale: 'en' }, overdue, { requestId: r.id, supplyId: supply.id, to: 'borrower' }));
    const recalled = supplyingMessage(supply, { type: 'send-supplying-agency-message', reasonForMessage: 'StatusChange', status: 'Recalled' }, clock());
    await t.db.transaction((tx) => deliver({ tx, now: clock, user: null, locale: 'en' }, recalled, { requestId: r.id, supplyId: supply.id, to: 'borrower' }));

    const other = await ok('POST', '/ill/requests', reader, { service: 'copy', clusterId: cluster, articleTitle: 'Preface', pages: 'i-x' });
    await ok('POST', `/ill/requests/${other.id}/actions/cancel`, reader, {});
    await round();
    const subjects = mailsTo(reader.email).map((m) => m.headers.subject);
    expect(subjects).toEqual([
      `Your interlibrary loan ILL-${r.id} is on its way`,
      `Ready for pickup: Selected essays (ILL-${r.id})`,
      `Due soon: Selected essays (ILL-${r.id}), on ${soon}`,
      `Overdue: Selected essays (ILL-${r.id})`,
      `Recalled: Selected essays (ILL-${r.id})`,
      `Interlibrary loan ILL-${other.id} cancelled`,
    ]);
    expect(mailsTo(reader.email)[1]!.text).toContain('Pickup: East campus desk');
    expect(mailsTo(reader.email)[0]!.headers['content-language']).toBe('en');
    const notices = await ok('GET', `/ill/requests/${r.id}/notices`, staff.borrow);
    expect(notices.items.map((n: { event: string; status: string; recipient: string }) => [n.event, n.status, n.recipient])).toEqual([
      ['new-request', 'sent', 'ill@cnnear.example.org'],
      ...['shipped', 'ready-for-pickup', 'due-soon', 'overdue', 'recalled'].map((e) => [e, 'sent', reader.email]),
    ]);
    expect((await call('GET', `/ill/requests/${r.id}/notices`, reader)).statusCode).toBe(404);

    // Following the whole history again changes nothing: one notice per request and event.
    const count = mails.length;
    await t.db.query('UPDATE ill_event_cursor SET last_event_id = 0');
    expect(await round()).toMatchObject({ sent: 0 });
    expect(mails.length).toBe(count);
  });

  it('a mail server that refuses for a while: the notice is retried later, then sent', async () => {
    const reader = await aReader('en', 'Busy Reader');
    busy.add(reader.email);
    const r = await ok('POST', '/ill/requests', reader, { service: 'copy', clusterId: cluster, articleTitle: 'Index', pages: '300-310' });
    await ok('POST', `/ill/requests/${r.id}/actions/cancel`, reader, {});
    expect(await round()).toMatchObject({ retry: 1, sent: 1 }); // the lender's new-request went; the reader's waits
    const [row] = (await t.db.query<{ status: string; attempts: number; last_error: string }>(`SELECT status, attempts, last_error FROM ill_notices WHERE request_id = $1 AND event = 'cancelled'`, [r.id])).rows;
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringContaining('try again later') });
    // Not before its time.
    expect(await round()).toMatchObject({ sent: 0, retry: 0 });
    busy.delete(reader.email);
    expect(await round(() => new Date(Date.now() + 2 * 60_000))).toMatchObject({ sent: 1 });
    expect(mailsTo(reader.email).map((m) => m.headers.subject)).toEqual([`Interlibrary loan ILL-${r.id} cancelled`]);
  });

  it('without SMTP_URL the notices are recorded, not sent, and the log says so', async () => {
    const reader = await aReader('zh-CN', '王芳');
    const r = await ok('POST', '/ill/requests', reader, { service: 'copy', clusterId: cluster, articleTitle: 'Notes', pages: '311-320' });
    await ok('POST', `/ill/requests/${r.id}/actions/cancel`, reader, {});
    await followEvents(t.db, { lagMs: 0 });
    const before = mails.length;
    const tally = await sendDueNotices(t.db, { ...t.config, mail: { smtpUrl: undefined, from: undefined } }, undefined, log);
    expect(tally).toMatchObject({ unsent: 2, sent: 0 });
    expect(mails.length).toBe(before);
    expect(logged).toContain('e-mail notices recorded but not sent: SMTP_URL is not set');
    const rows = (await t.db.query<{ event: string; status: string; subject: string }>('SELECT event, status, subject FROM ill_notices WHERE request_id = $1 ORDER BY id', [r.id])).rows;
    expect(rows).toEqual([
      { event: 'new-request', status: 'unsent', subject: expect.stringContaining(`ILL-${r.id}`) },
      { event: 'cancelled', status: 'unsent', subject: `馆际互借 ILL-${r.id} 已取消` },
    ]);
    expect(existsSync(dataDir)).toBe(true);
  });

  it('the server’s background work says at start that notices will not be sent without SMTP, and stops when asked', async () => {
    const lines: string[] = [];
    const quiet = { info: (_: object, m: string) => lines.push(m), error: (_: object, m: string) => lines.push(m) };
    const running = illBackground({ db: t.db, config: { ...t.config, mail: { smtpUrl: undefined, from: undefined } }, log: quiet });
    await running.stop();
    expect(lines).toEqual(['SMTP_URL is not set: interlibrary loan e-mail notices will be recorded but not sent']);
  });
});
