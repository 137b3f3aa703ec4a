/**
 * Follows the history of requests (ill_events) after each step and does what the steps leave to
 * the world outside the request: e-mail notices into the outbox (new request to the lender,
 * shipped, ready for pickup, overdue, copy delivered, cancelled), the reader's download link
 * when a copy is handed over, and handing over a copy as soon as its scan is here. Reading the
 * history rather than hooking every step catches every way a request moves (desk, reader, peer,
 * timer) and keeps the outbox transactional: a step that was rolled back has no event to follow.
 */
import type { Db, Queryable } from '../../../platform/db/index.js';
import { isAppError } from '../../../platform/errors/index.js';
import type { Locale } from '../../../platform/i18n.js';
import { copyrightStore } from '../copyright/copyright.store.js';
import { deliverToReader } from '../delivery/delivery.service.js';
import { deliveryStore } from '../delivery/delivery.store.js';
import { directoryAt, uncachedDirectory, type Directory } from '../directory.js';
import { illStore, type NoticeRequest, type RequestRow } from '../ill.store.js';
import { clock, clockNow, stepRequest, stepSupply } from '../steps.js';
import { noticesStore, type FollowedEvent } from './notices.store.js';
import { cancelReasons, type NoticeEvent, type NoticeFacts } from './templates.js';

const CURSOR = 'notices';
const BATCH = 100;

/** What the requester machine's `notify-reader` notices become in e-mail (the others are shown on the request page only). */
const readerNotices: Record<string, NoticeEvent> = {
  'ready-for-pickup': 'ready-for-pickup',
  overdue: 'overdue',
  recalled: 'recalled',
  'copy-delivered': 'copy-delivered',
  cancelled: 'cancelled',
  'request-unfilled': 'cancelled',
};

async function libraryName(dir: Directory, symbol: string | undefined, locale: Locale): Promise<string | null> {
  if (!symbol) return null;
  const lib = await dir.library(symbol);
  return lib ? (locale === 'zh-CN' ? lib.entry.name.zh : lib.entry.name.en) : symbol;
}

/** The lender a notice names: the rota's at `lenderIndex` (a light row read it alone). */
const rotaLender = (r: RequestRow | NoticeRequest): string | undefined => ('rotaLender' in r ? r.rotaLender ?? undefined : r.rota.ranked[r.lenderIndex]?.symbol);

async function factsOf(dir: Directory, r: RequestRow | NoticeRequest, locale: Locale, readerName: string | null): Promise<NoticeFacts> {
  const ctx = r.context as { readerDueDate?: string; dueDate?: string };
  return {
    requestId: r.id, title: r.citation.title, articleTitle: r.citation.articleTitle, author: r.citation.author, readerName: readerName || r.readerName || null,
    borrowingLibrary: await libraryName(dir, r.borrowingLibrary, locale), lendingLibrary: await libraryName(dir, rotaLender(r), locale),
    pickupLocation: r.pickupLocation, neededBy: r.neededBy, dueDate: (ctx.readerDueDate ?? ctx.dueDate)?.slice(0, 10) ?? null,
  };
}

/**
 * A notice to the request's reader, in their language; recorded as unsent when they have no
 * address. Answers whether it is new (a notice under the same key is recorded once).
 * `dir`: where the libraries' names come from (the follower's is the directory cache).
 */
export async function toReader(
  tx: Queryable, r: RequestRow | NoticeRequest, event: NoticeEvent, key: string, extra: Partial<NoticeFacts> & { copyId?: number } = {}, dir: Directory = uncachedDirectory(tx),
): Promise<boolean> {
  // A request a peer sent us has its reader at the peer, who tells them.
  if (r.readerId === null) return false;
  const reader = await noticesStore.person(tx, r.readerId);
  const locale: Locale = reader?.locale ?? 'zh-CN';
  const facts = { ...(await factsOf(dir, r, locale, reader?.name ?? null)), ...extra };
  const recipient = reader?.email ?? r.readerEmail ?? '';
  return noticesStore.enqueue(tx, { key, requestId: r.id, event, recipient, locale, params: facts, ...(recipient ? {} : { unsentBecause: 'the reader has no e-mail address' }) });
}

/** A library's interlibrary loan address from the directory (ill, else document delivery, else general). */
async function libraryAddress(dir: Directory, symbol: string): Promise<string | undefined> {
  const contacts = (await dir.library(symbol))?.entry.contacts ?? [];
  const pick = (role: string) => contacts.find((c) => c.role === role && c.email)?.email;
  return pick('ill') ?? pick('document-delivery') ?? pick('general');
}

/** Libraries of mainland China read Chinese; others English. */
const libraryLocale = (symbol: string): Locale => (symbol.startsWith('CN-') ? 'zh-CN' : 'en');

/** A notice to a library's staff; recorded as unsent when the directory has no address for it. Answers whether it is new. */
export async function toLibrary(
  tx: Queryable, r: RequestRow | NoticeRequest, symbol: string, event: NoticeEvent, key: string, extra: Partial<NoticeFacts> = {}, dir: Directory = uncachedDirectory(tx),
): Promise<boolean> {
  const email = await libraryAddress(dir, symbol);
  const locale = libraryLocale(symbol);
  const facts = { ...(await factsOf(dir, r, locale, null)), ...extra };
  return noticesStore.enqueue(tx, {
    key, requestId: r.id, event, recipient: email ?? '', locale, params: facts, ...(email ? {} : { unsentBecause: `the directory has no e-mail address for ${symbol}` }),
  });
}

/**
 * A copy this deployment's lender delivered into our own store and we handed to the reader: the
 * lender's part is done (the borrowing side sends no Received for it), so its side is closed.
 */
async function closeLocalLending(tx: Queryable, requestId: number, supplyId: number): Promise<void> {
  await illStore.request(tx, requestId, true); // the borrower's row first, as every step locks them
  const s = await illStore.supply(tx, supplyId);
  if (!s || s.remote || s.state !== 'copy-delivered') return;
  await systemStep(() => stepSupply({ tx, now: clock, user: null, locale: 'en' }, supplyId, { kind: 'action', action: 'close', actor: 'system' }));
}

/**
 * A step the follower takes for the system. The machine refuses before anything is written; a
 * refusal (someone acted first) is no reason to stop following the history, so it is let go.
 */
async function systemStep(step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (err) {
    if (!(isAppError(err) && err.code === 'ILL_ACTION_REFUSED')) throw err;
  }
}

/**
 * What following a step does, in order, judged from the step alone — the one place these
 * conditions live: most steps of a loan (picked, checked out, returned by the reader, …) send no
 * notice and hand over nothing, and their request is then not read at all (issue 5, session 11:
 * reading it for every step was most of the follower's statements).
 */
type Work =
  | { kind: 'lender-new-request'; supplyId: number }
  | { kind: 'shipped' }
  | { kind: 'deliver-copy' }
  | { kind: 'copyright-clearance' }
  | { kind: 'reader-notice'; event: NoticeEvent; notice: string }
  | { kind: 'hand-over-copy' };

export function workOf(e: FollowedEvent): Work[] {
  if (e.side === 'lending') return e.fromState === null && e.toState === 'new' && e.supplyId !== null ? [{ kind: 'lender-new-request', supplyId: e.supplyId }] : [];
  const work: Work[] = [];
  if (e.toState === 'shipped' && e.fromState !== 'shipped') work.push({ kind: 'shipped' });
  for (const effect of e.effects) {
    if (effect.type === 'deliver-copy') work.push({ kind: 'deliver-copy' });
    else if (effect.type === 'notify-staff' && effect.notice === 'copyright-clearance') work.push({ kind: 'copyright-clearance' });
    const event = effect.type === 'notify-reader' && effect.notice ? readerNotices[effect.notice] : undefined;
    // A copy's delivery notice is sent where the copy is handed over (deliver-copy), with its link.
    if (event && event !== 'copy-delivered') work.push({ kind: 'reader-notice', event, notice: effect.notice! });
  }
  if (e.toState === 'received' && e.event.includes('CopyCompleted')) work.push({ kind: 'hand-over-copy' });
  return work;
}

/** Whether following the step does anything (then its request is read). */
export const mayNeedFollowing = (e: FollowedEvent): boolean => workOf(e).length > 0;

async function follow(tx: Queryable, e: FollowedEvent, dir: Directory): Promise<void> {
  const work = workOf(e);
  if (!work.length) return;
  // Without its rota: a notice names one lender of it (requestForNotice).
  const r = await illStore.requestForNotice(tx, e.requestId);
  if (!r) return;
  for (const w of work) {
    if (w.kind === 'lender-new-request') {
      const s = await illStore.supply(tx, w.supplyId);
      // A lender at a peer deployment runs its own side and tells its own staff.
      if (s && !s.remote) await toLibrary(tx, r, s.lendingLibrary, 'new-request', `${r.id}:new-request:${w.supplyId}`, {}, dir);
    } else if (w.kind === 'shipped') {
      await toReader(tx, r, 'shipped', `${r.id}:shipped`, {}, dir);
    } else if (w.kind === 'deliver-copy') {
      const copy = await deliverToReader(tx, r.id, e.at);
      if (copy) {
        await toReader(tx, r, 'copy-delivered', `${r.id}:copy-delivered:${copy.id}`, { copyId: copy.id }, dir);
        await closeLocalLending(tx, r.id, copy.supplyId);
      }
    } else if (w.kind === 'copyright-clearance') {
      const hold = await copyrightStore.hold(tx, r.id);
      const over = (hold?.findings ?? []).filter((f) => f.over).map((f) => `${f.name} (${f.used}/${f.limit})`).join('; ');
      await toLibrary(tx, r, r.borrowingLibrary, 'copyright-clearance', `${r.id}:copyright-clearance`, { readerName: r.readerName || null, reason: over || null }, dir);
    } else if (w.kind === 'reader-notice') {
      await readerNotice(tx, r, e, w.event, w.notice, dir);
    } else if (r.state === 'received' && (await deliveryStore.liveCopy(tx, r.id))) {
      // A copy whose scan is in our delivery store goes to the reader at once (the system's deliver-to-reader).
      await systemStep(() => stepRequest({ tx, now: clock, user: null, locale: 'en' }, r.id, { kind: 'action', action: 'deliver-to-reader', actor: 'system' }));
    }
  }
}

/** A `notify-reader` effect's e-mail (`notice`: the machine's notice, `event`: its e-mail). */
async function readerNotice(tx: Queryable, r: NoticeRequest, e: FollowedEvent, event: NoticeEvent, notice: string, dir: Directory): Promise<void> {
  if (event === 'cancelled') {
    const why = notice === 'request-unfilled' ? 'unfilled' : e.event === 'refuse-copyright' ? 'copyright' : undefined;
    const reader = r.readerId === null ? undefined : await noticesStore.person(tx, r.readerId);
    await toReader(tx, r, 'cancelled', `${r.id}:cancelled`, why ? { reason: cancelReasons[why]![reader?.locale ?? 'zh-CN'] } : {}, dir);
    return;
  }
  const due = (r.context as { readerDueDate?: string; dueDate?: string }).readerDueDate ?? (r.context as { dueDate?: string }).dueDate;
  // A recall brings the lender's date forward: that date is the one to keep.
  const lenderDue = (r.context as { dueDate?: string }).dueDate?.slice(0, 10);
  if (event === 'recalled') await toReader(tx, r, event, `${r.id}:recalled:${lenderDue ?? ''}`, lenderDue ? { dueDate: lenderDue } : {}, dir);
  else await toReader(tx, r, event, event === 'overdue' ? `${r.id}:overdue:${due?.slice(0, 10) ?? ''}` : `${r.id}:${event}`, {}, dir);
}

/**
 * Follows the history from where it stopped, in batches, each in one transaction with the
 * cursor (one follower at a time across nodes). Steps newer than `lagMs` wait for the next round:
 * their transaction may not have committed yet, and the cursor must not pass them.
 */
export async function followEvents(db: Db, opts: { lagMs?: number; now?: () => number } = {}): Promise<number> {
  const lag = opts.lagMs ?? 5000;
  let followed = 0;
  for (;;) {
    // Computed per batch: steps the follower itself takes (a copy handed over) are followed in the next one.
    const before = new Date((opts.now ?? clockNow)() - lag).toISOString();
    const n = await db.transaction(async (tx) => {
      const after = await noticesStore.lockCursor(tx, CURSOR);
      const { events, directory } = await noticesStore.eventsAfter(tx, after, before, BATCH);
      // The libraries' names and addresses from the directory cache, at the version read with the steps.
      const dir = directoryAt(tx, directory);
      for (const e of events) await follow(tx, e, dir);
      if (events.length) await noticesStore.moveCursor(tx, CURSOR, events.at(-1)!.id);
      return events.length;
    });
    followed += n;
    if (n === 0) return followed;
  }
}

/** Due-soon notices for loans checked out to readers and due within `days` days (once per due date). */
export async function queueDueSoon(db: Db, today: string, days = 3): Promise<number> {
  let queued = 0;
  for (const d of await noticesStore.dueSoon(db, today, days, 500)) {
    await db.transaction(async (tx) => {
      const r = await illStore.request(tx, d.requestId);
      if (r) await toReader(tx, r, 'due-soon', `${r.id}:due-soon:${d.dueDate}`, { dueDate: d.dueDate });
    });
    queued++;
  }
  return queued;
}
