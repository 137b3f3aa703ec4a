/**
 * The interlibrary loan timers on the real app and database, with the clock moved forward: a
 * silent lender is passed over after its working days (weekends and its closed days left out),
 * loans past their due date become overdue on both sides, and the notices follow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../src/modules/catalog/index.js';
import { followEvents, queueDueSoon } from '../../src/modules/ill/notices/follower.js';
import { addWorkingDays } from '../../src/modules/ill/domain/working-days.js';
import { clock } from '../../src/modules/ill/steps.js';
import { runTimers } from '../../src/modules/ill/timers/timers.service.js';
import { aBook, asInput } from '../catalog/records.js';
import { aLibrary, loadDirectory } from '../network/factories.js';
import { apiCalls, anAccount, type TestAccount } from '../support/accounts.js';
import { testApp, type TestApp } from '../support/app.js';

const DAY = 86_400_000;
/** A date `days` days from now in the deployment's calendar (China Standard Time), as the timers count. */
const dateIn = (days: number) => new Date(Date.now() + days * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
/** The clock `days` days ahead, still strictly increasing (message keys carry the time). */
const ahead = (days: number) => () => new Date(Date.parse(clock()) + days * DAY).toISOString();
/** The day (from today) a lender asked today with `n` working days and no closed days is passed over. */
const staleDay = (n: number) => Math.round((Date.parse(addWorkingDays(dateIn(0), n)) - Date.parse(dateIn(0))) / DAY) + 1;

describe('interlibrary loan timers', () => {
  let t: TestApp;
  let cluster: number;
  let staff: Record<'borrow' | 'near', TestAccount>;

  const { ok } = apiCalls(() => t);
  const timers = (days: number) => runTimers(t.db, { staleWorkingDays: 3, now: ahead(days) });
  const notices = async (requestId: number) =>
    (await t.db.query<{ event: string; notice_key: string }>('SELECT event, notice_key FROM ill_notices WHERE request_id = $1 ORDER BY id', [requestId])).rows;

  beforeAll(async () => {
    t = await testApp();
    await loadDirectory(t, {
      libraries: [
        aLibrary({ symbol: 'CN-BOR', coordinates: { lat: 32.06, lon: 118.78 } }),
        aLibrary({ symbol: 'CN-NEAR', coordinates: { lat: 32.05, lon: 118.79 } }),
        // The second lender closes from day 10 to day 40 (a vacation): those days do not count.
        aLibrary({ symbol: 'CN-MID', city: { zh: '苏州', en: 'Suzhou' }, coordinates: { lat: 31.3, lon: 120.58 }, closedDays: [{ from: dateIn(10), to: dateIn(40) }] }),
      ],
    });
    for (const [library, barcode] of [['CN-NEAR', 'N-1'], ['CN-MID', 'M-1']] as const) {
      await ingestRecords(t.db, { library, records: [asInput(aBook({ id: 'odes', title: 'Book of odes', isbn: '9787020002207', author: 'Anon', holding: { library, barcode } }))], via: 'test' });
    }
    const [item] = (await t.app.inject({ method: 'GET', url: '/api/v1/libraries/CN-NEAR/items?barcode=N-1' })).json().items;
    cluster = item.clusterId;
    staff = {
      borrow: await anAccount(t, { role: 'library-staff', library: 'CN-BOR', permissions: ['borrowing'] }),
      near: await anAccount(t, { role: 'library-staff', library: 'CN-NEAR', permissions: ['lending'] }),
    };
  }, 120_000);
  afterAll(() => t?.close());

  it('a lender silent for three working days is passed over; the next one’s closed days do not count; then the rota ends', async () => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-BOR' });
    const placed = await ok('POST', '/ill/requests', reader, { service: 'loan', clusterId: cluster });
    expect(placed).toMatchObject({ state: 'sent', lender: 'CN-NEAR' });

    // Two days on: not even two full working days have passed.
    expect(await timers(2)).toMatchObject({ stale: 0 });
    expect((await ok('GET', `/ill/requests/${placed.id}`, staff.borrow)).state).toBe('sent');

    // Seven days on: at least three working days whatever the weekday today. The lender is told (Cancel), the next one asked.
    // Two nodes running the timers at once: the request moves once.
    const [a, b] = await Promise.all([timers(7), timers(7)]);
    expect(a.stale + b.stale).toBe(1);
    const moved = await ok('GET', `/ill/requests/${placed.id}`, staff.borrow);
    expect(moved).toMatchObject({ state: 'sent', lender: 'CN-MID' });
    expect(moved.timeline.filter((e: { side: string }) => e.side === 'borrowing').map((e: { to: string }) => e.to)).toEqual([
      // The second `unfilled` is the former lender's CancelResponse, taken while the request waits for its next lender.
      'new', 'validated', 'sourcing', 'sent', 'unfilled', 'unfilled', 'sent',
    ]);
    expect(moved.timeline.find((e: { event: string }) => e.event === 'stale')).toMatchObject({ actor: 'system' });
    expect((await ok('GET', `/ill/supplier/${placed.lendingRequestId}`, staff.near)).state).toBe('cancelled');

    // Running again changes nothing: the new lender has just been asked.
    expect(await timers(7)).toMatchObject({ stale: 0 });
    // CN-MID is closed from day 10 to day 40: on day 30 it has had at most two working days (days 8 and 9 and a weekend).
    expect(await timers(30)).toMatchObject({ stale: 0 });
    expect((await ok('GET', `/ill/requests/${placed.id}`, staff.borrow)).state).toBe('sent');
    // Open again from day 41: by day 47 it has had its three days; nobody is left in the rota.
    expect(await timers(47)).toMatchObject({ stale: 1 });
    expect((await ok('GET', `/ill/requests/${placed.id}`, staff.borrow)).state).toBe('end-of-rota');
    expect(await timers(60)).toMatchObject({ stale: 0 });
  });

  it('a lender that answered “will supply” is not passed over', async () => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-BOR' });
    const placed = await ok('POST', '/ill/requests', reader, { service: 'loan', clusterId: cluster });
    await ok('POST', `/ill/supplier/${placed.lendingRequestId}/actions/will-supply`, staff.near, {});
    expect(await timers(20)).toMatchObject({ stale: 0 });
    expect((await ok('GET', `/ill/requests/${placed.id}`, staff.borrow)).state).toBe('will-supply');
    await ok('POST', `/ill/requests/${placed.id}/actions/cancel`, reader, {});
  });

  it('a loan: due soon, then overdue for the reader (notice once), then overdue at the lender; running again changes nothing', async () => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-BOR' });
    const placed = await ok('POST', '/ill/requests', reader, { service: 'loan', clusterId: cluster });
    const supplyId = placed.lendingRequestId as number;
    for (const action of ['will-supply', 'print-pull-slip', 'mark-picked']) await ok('POST', `/ill/supplier/${supplyId}/actions/${action}`, staff.near, {});
    await ok('POST', `/ill/supplier/${supplyId}/actions/ship`, staff.near, { dueDate: dateIn(20) });
    await ok('POST', `/ill/requests/${placed.id}/actions/receive`, staff.borrow, {});
    await ok('POST', `/ill/requests/${placed.id}/actions/check-out`, staff.borrow, { dueDate: dateIn(5) });

    // On the due date itself nothing is overdue yet; the reader is reminded.
    expect(await timers(5)).toMatchObject({ overdueBorrowing: 0, overdueLending: 0 });
    expect(await queueDueSoon(t.db, dateIn(3))).toBeGreaterThanOrEqual(1);
    expect((await notices(placed.id)).map((n) => n.event)).toContain('due-soon');

    // The day after the reader's due date: overdue at the borrowing desk only (the lender's date is later).
    expect(await timers(6.5)).toMatchObject({ overdueBorrowing: 1, overdueLending: 0 });
    const overdue = await ok('GET', `/ill/requests/${placed.id}`, staff.borrow);
    expect(overdue.state).toBe('overdue');
    expect(overdue.timeline.find((e: { event: string }) => e.event === 'mark-overdue')).toMatchObject({ actor: 'system' });
    expect((await ok('GET', `/ill/supplier/${supplyId}`, staff.near)).state).toBe('awaiting-return');
    await followEvents(t.db, { lagMs: 0, now: () => Date.now() + 7 * DAY });
    expect((await notices(placed.id)).filter((n) => n.event === 'overdue').map((n) => n.notice_key)).toEqual([`${placed.id}:overdue:${dateIn(5)}`]);
    expect(await timers(6.5)).toMatchObject({ overdueBorrowing: 0, overdueLending: 0 });

    // Past the lender's due date: its side becomes overdue and tells the borrower, who is overdue already.
    expect(await timers(21.5)).toMatchObject({ overdueBorrowing: 0, overdueLending: 1 });
    expect((await ok('GET', `/ill/supplier/${supplyId}`, staff.near)).state).toBe('overdue');
    expect((await ok('GET', `/ill/requests/${placed.id}`, staff.borrow)).state).toBe('overdue');
    await followEvents(t.db, { lagMs: 0, now: () => Date.now() + 22 * DAY });
    expect((await notices(placed.id)).filter((n) => n.event === 'overdue')).toHaveLength(1);
    expect(await timers(21.5)).toMatchObject({ stale: 0, overdueBorrowing: 0, overdueLending: 0 });

    // The reader brings it back late: the desk goes on as usual, from where the timers left the
    // request since the desk's last action (its answer shows their steps too).
    const back = await ok('POST', `/ill/requests/${placed.id}/actions/return-from-reader`, staff.borrow, {});
    expect(back.timeline.at(-1)).toMatchObject({ from: 'overdue', event: 'return-from-reader' });
    expect(back.timeline.filter((e: { event: string }) => e.event === 'mark-overdue')).toHaveLength(2);
    await ok('POST', `/ill/requests/${placed.id}/actions/ship-back`, staff.borrow, {});
    expect((await ok('GET', `/ill/supplier/${supplyId}`, staff.near)).state).toBe('returned');
  });

  it('a loan received but not yet checked out becomes overdue by the lender’s date, at both desks', async () => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-BOR' });
    const placed = await ok('POST', '/ill/requests', reader, { service: 'loan', clusterId: cluster });
    const supplyId = placed.lendingRequestId as number;
    for (const action of ['will-supply', 'print-pull-slip', 'mark-picked']) await ok('POST', `/ill/supplier/${supplyId}/actions/${action}`, staff.near, {});
    await ok('POST', `/ill/supplier/${supplyId}/actions/ship`, staff.near, { dueDate: dateIn(3) });
    await ok('POST', `/ill/requests/${placed.id}/actions/receive`, staff.borrow, {});
    expect(await timers(4.5)).toMatchObject({ overdueLending: 1, overdueBorrowing: 0 });
    expect((await ok('GET', `/ill/requests/${placed.id}`, staff.borrow)).state).toBe('overdue');
    expect((await ok('GET', `/ill/supplier/${supplyId}`, staff.near)).state).toBe('overdue');
  });

  it('a reader whose loan stays overdue is reminded every 7 days, once per reminder, until it comes back', async () => {
    const reader = await anAccount(t, { role: 'reader', library: 'CN-BOR' });
    const placed = await ok('POST', '/ill/requests', reader, { service: 'loan', clusterId: cluster });
    const supplyId = placed.lendingRequestId as number;
    for (const action of ['will-supply', 'print-pull-slip', 'mark-picked']) await ok('POST', `/ill/supplier/${supplyId}/actions/${action}`, staff.near, {});
    await ok('POST', `/ill/supplier/${supplyId}/actions/ship`, staff.near, { dueDate: dateIn(60) });
    await ok('POST', `/ill/requests/${placed.id}/actions/receive`, staff.borrow, {});
    await ok('POST', `/ill/requests/${placed.id}/actions/check-out`, staff.borrow, { dueDate: dateIn(2) });
    const reminders = async () => (await notices(placed.id)).filter((n) => n.event === 'overdue-reminder').map((n) => n.notice_key);

    // Overdue on day 3 (the overdue notice); no reminder before a week has gone by since.
    await timers(3);
    expect((await ok('GET', `/ill/requests/${placed.id}`, staff.borrow)).state).toBe('overdue');
    await timers(9);
    expect(await reminders()).toEqual([]);
    // Day 10: the first reminder; two rounds the same day send one.
    await Promise.all([timers(10), timers(10)]);
    await timers(10);
    expect(await reminders()).toEqual([`${placed.id}:overdue-reminder:${dateIn(2)}:1`]);
    await timers(16);
    expect(await reminders()).toHaveLength(1);
    // Day 17: the second.
    await timers(17);
    expect(await reminders()).toEqual([`${placed.id}:overdue-reminder:${dateIn(2)}:1`, `${placed.id}:overdue-reminder:${dateIn(2)}:2`]);

    // Back at the desk: no more reminders.
    await ok('POST', `/ill/requests/${placed.id}/actions/return-from-reader`, staff.borrow, {});
    await timers(24);
    expect(await reminders()).toHaveLength(2);
  });

  // Last: the agreement stays in the directory for the rest of the file.
  it('a lender whose agreement with the borrower commits to 5 working days has them instead of the deployment’s 3, and is reminded on the last', async () => {
    await loadDirectory(t, {
      agreements: [{ code: 'NJ-FIVE', name: { zh: '南京五日协议', en: 'Nanjing five days' }, parties: [{ library: 'CN-BOR' }, { library: 'CN-NEAR' }], turnaroundDays: 5, validFrom: '2020-01-01' }],
    });
    const reader = await anAccount(t, { role: 'reader', library: 'CN-BOR' });
    const placed = await ok('POST', '/ill/requests', reader, { service: 'loan', clusterId: cluster });
    expect(placed).toMatchObject({ state: 'sent', lender: 'CN-NEAR' });

    const answerDue = async () => (await notices(placed.id)).filter((n) => n.event === 'answer-due').map((n) => n.notice_key);

    // The day the deployment's 3 days would pass it over: the agreement's 5 have not run out, and it is not its last day yet.
    await timers(staleDay(3));
    expect((await ok('GET', `/ill/requests/${placed.id}`, staff.borrow))).toMatchObject({ state: 'sent', lender: 'CN-NEAR' });
    expect(await answerDue()).toEqual([]);
    // Its last working day: the lending library is reminded, once however many rounds run.
    await Promise.all([timers(staleDay(4)), timers(staleDay(4))]);
    await timers(staleDay(5) - 1);
    expect(await answerDue()).toEqual([expect.stringMatching(new RegExp(`^${placed.id}:answer-due:${placed.lendingRequestId}:`))]);
    expect((await ok('GET', `/ill/requests/${placed.id}`, staff.borrow))).toMatchObject({ state: 'sent', lender: 'CN-NEAR' });
    // The day after: passed over; the next lender has just been asked and is not reminded.
    await timers(staleDay(5));
    const moved = await ok('GET', `/ill/requests/${placed.id}`, staff.borrow);
    expect(moved).toMatchObject({ state: 'sent', lender: 'CN-MID' });
    expect(moved.timeline.find((e: { event: string }) => e.event === 'stale')).toMatchObject({ actor: 'system' });
    expect(await answerDue()).toHaveLength(1);
  });
});
