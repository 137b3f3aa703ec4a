/**
 * The borrowing side of interlibrary loan inside one deployment: a reader's request placed,
 * checked, sourced from the rota and sent; the borrowing desk's and the reader's actions on it.
 */
import { isSqlState, SqlState, type Db } from '../../platform/db/index.js';
import type { Principal } from '../../platform/http/access.js';
import { hasPermission, librariesWith } from '../../platform/http/authorize.js';
import type { Locale } from '../../platform/i18n.js';
import { getLibrary } from '../network/index.js';
import { checkEligibility, illMessage, requesterMachine, type ActionParams, type ReaderCategoryRules } from './domain/index.js';
import { checkCopyOnPlacement } from './copyright/copyright.service.js';
import { CopyrightErrors } from './copyright/errors.js';
import { IllErrors } from './errors.js';
import { DeferredRequestSaves } from './deferred-saves.js';
import { HeldSave } from './held-save.js';
import { actOnRemembered, recentRows, rememberAfter } from './recent-rows.js';
import { directoryAt } from './directory.js';
import { illStore, type Citation, type ClusterForSourcing, type EventRow, type RequestRow } from './ill.store.js';
import { sourceFrom } from './sourcing.js';
import { answeredRequest, clock, knownRows, recorded, requestIn, stepRequest, type StepContext } from './steps.js';

/**
 * What a reader may ask for until reader categories come from the directory (a later slice):
 * loans and copies, at most 20 requests open at once.
 */
export const defaultReaderRules: ReaderCategoryRules = { mayRequest: true, services: ['loan', 'copy'], maxOpenRequests: 20 };

export interface NewRequestInput {
  clusterId?: number;
  citation?: { title: string; author?: string; isbn?: string; issn?: string; year?: number; materialType?: string };
  service: 'loan' | 'copy' | 'either';
  edition: 'this' | 'any';
  articleTitle?: string;
  pages?: string;
  volume?: string;
  issue?: string;
  neededBy?: string;
  pickupLocation?: string;
  note?: string;
  /** The borrowing library: needed only when the account belongs to several. */
  library?: string;
  /** Staff placing the request for a reader. */
  readerId?: number;
  confirm?: boolean;
}

/** Catalogue formats as the directory's material types (lending policies exclude these). */
const materialOf = (format: string): string => (format === 'e-book' ? 'electronic' : format);
/** Pages of a copy for the per-page fee: "12-30" is 19 pages; anything else counts as the rota's default. */
function pageCount(pages: string | null): { pages?: number } {
  const m = pages ? /^\s*(\d+)\s*[-–]\s*(\d+)\s*$/.exec(pages) : null;
  return m && Number(m[2]) >= Number(m[1]) ? { pages: Number(m[2]) - Number(m[1]) + 1 } : {};
}
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, '');

/** The request's citation: from the union catalogue's cluster (read with its copies, `found`), or as typed. */
function citationOf(input: NewRequestInput, found: ClusterForSourcing | undefined): Citation {
  const part = {
    service: input.service, edition: input.edition, articleTitle: input.articleTitle ?? null, pages: input.pages ?? null,
    volume: input.volume ?? null, issue: input.issue ?? null,
  };
  if (input.clusterId !== undefined) {
    if (!found?.cluster) throw IllErrors.ILL_CLUSTER_NOT_FOUND({ clusterId: input.clusterId });
    const s = found.cluster.summary;
    return {
      clusterId: input.clusterId, title: s.title, author: s.author, isbn: s.isbns[0] ?? input.citation?.isbn ?? null, issn: input.citation?.issn ?? found.cluster.issns[0] ?? null,
      year: s.year, materialType: input.citation?.materialType ?? materialOf(s.format), ...part,
    };
  }
  const c = input.citation;
  if (!c?.title.trim()) throw IllErrors.ILL_CITATION_MISSING();
  return {
    clusterId: null, title: c.title.trim(), author: c.author ?? null, isbn: c.isbn ?? null, issn: c.issn ?? null, year: c.year ?? null,
    materialType: c.materialType ?? 'book', ...part,
  };
}

/** Who the request is for and which library borrows: the reader themself, or staff with `borrowing` for a reader. */
function partiesOf(principal: Principal, input: NewRequestInput): { library: string; readerId: number; readerName: string; readerEmail: string | null; placedBy: number | null } {
  if (input.readerId !== undefined && input.readerId !== principal.userId) {
    const mine = librariesWith(principal, 'borrowing');
    const library = input.library ?? (mine === 'all' ? undefined : mine[0]);
    if (!library || !hasPermission(principal, 'borrowing', { library })) throw IllErrors.ILL_NOT_YOUR_LIBRARY({ library: library ?? '–', permission: 'borrowing' });
    return { library, readerId: input.readerId, readerName: '', readerEmail: null, placedBy: principal.userId };
  }
  const mine = librariesWith(principal, 'reader');
  const library = input.library ?? (mine === 'all' ? undefined : mine[0]);
  if (!library || !hasPermission(principal, 'reader', { library })) {
    if (hasPermission(principal, 'borrowing', library ? { library } : {}) || librariesWith(principal, 'borrowing').length) throw IllErrors.ILL_READER_REQUIRED();
    throw IllErrors.ILL_NO_LIBRARY({ library: library ?? '–' });
  }
  return { library, readerId: principal.userId, readerName: principal.displayName, readerEmail: principal.email, placedBy: null };
}

/**
 * Places a request: eligibility (every reason at once; "your own library has a copy" waits for
 * `confirm`), the rota, then validate → start-sourcing → send-to-lender (or end of rota), the
 * Request passed in-process to the first lender. All in one transaction.
 */
export async function placeRequest(db: Db, principal: Principal, input: NewRequestInput, locale: Locale): Promise<number> {
  return (await placeRequestWithAnswer(db, principal, input, locale)).id;
}

/**
 * {@link placeRequest}, with the request as placing it left it (with its history) when the
 * transaction followed everything it wrote (steps.ts, Answer); else only the id, and the caller reads it.
 */
export async function placeRequestWithAnswer(db: Db, principal: Principal, input: NewRequestInput, locale: Locale): Promise<{ id: number; answer?: RequestRow & { events: EventRow[] } }> {
  const who = partiesOf(principal, input);
  // The cluster, its copies and the directory's version, with the reader's requests and standing, in one statement; the
  // directory itself from the cache of that version.
  const found = input.clusterId !== undefined ? await illStore.clusterAndReader(db, input.clusterId, who.readerId, who.library) : undefined;
  const citation = citationOf(input, found);
  // Two articles of one journal are two requests: a copy's key names the part too.
  const part = citation.service === 'loan' ? '' : `#${fold(citation.articleTitle ?? '')}|${citation.volume ?? ''}|${citation.issue ?? ''}|${citation.pages ?? ''}`;
  const citationKey = (citation.clusterId !== null ? `cluster:${citation.clusterId}` : `typed:${fold(citation.title)}|${citation.isbn ?? citation.issn ?? ''}`) + part;
  const now = clock();
  // The borrowing library comes from the directory with the holders (one statement when the directory cache is warm).
  const directory = directoryAt(db, found?.directory);
  const sourcing = await sourceFrom(directory, who.library, found?.libraries ?? [], { clusterId: citation.clusterId, service: citation.service, materialType: citation.materialType, edition: citation.edition, neededBy: input.neededBy ?? null, ...pageCount(citation.pages) }, now);
  const borrower = sourcing.borrower;
  if (!borrower) throw IllErrors.ILL_NO_LIBRARY({ library: who.library });
  // The reader's requests, their category and block in their library (identity, from their
  // provider's attributes) and the limits the library set for that category: read with the cluster.
  const { history, standing } = found?.reader ?? (await illStore.readerForPlacing(db, who.readerId, who.library));
  const eligibility = checkEligibility({
    request: { service: citation.service, materialType: citation.materialType, edition: citation.edition, citationKey, ...(input.neededBy ? { neededBy: input.neededBy } : {}) },
    reader: { id: String(who.readerId), category: standing?.category ?? 'default', library: who.library, blocked: standing?.blocked ?? false },
    rules: standing?.illLimits ?? defaultReaderRules,
    openRequests: history.filter((h) => !h.closed).length,
    recentRequests: history.map((h) => ({ id: String(h.id), citationKey: h.citationKey, createdAt: h.createdAt, closed: h.closed })),
    ownItems: sourcing.ownItems,
    now,
    ...(input.confirm ? { confirmed: ['ILL_ELIG_OWN_COPY_AVAILABLE'] } : {}),
  });
  const refusals = eligibility.reasons.filter((r) => r.severity === 'refuse');
  const problems = (rs: typeof refusals) => rs.map((r) => ({ field: 'request', code: r.code, message: illMessage(r, locale) }));
  if (refusals.length) throw IllErrors.ILL_NOT_ELIGIBLE({ count: refusals.length }, problems(refusals));
  const confirm = eligibility.reasons.find((r) => r.severity === 'confirm');
  if (confirm) throw IllErrors.ILL_CONFIRMATION_NEEDED({ reason: illMessage(confirm, locale) }, problems([confirm]));

  return db.transaction(async (tx) => {
    // The row and its first history entry in one statement; the row as it is now is kept for the steps.
    const place = {
      supplyId: null, side: 'borrowing', fromState: null, toState: 'new', event: 'place', actor: who.placedBy ? 'staff' : 'reader',
      actorUser: principal.userId, at: now, details: { eligibility: eligibility.reasons },
    } as const;
    const placed = await illStore
      .insertRequestWithEvent(tx, {
        borrowingLibraryId: borrower.id, ...who, citation, neededBy: input.neededBy ?? null, pickupLocation: input.pickupLocation ?? null, note: input.note ?? null,
        citationKey, state: requesterMachine.initial, context: { service: citation.service, peerVersion: '2021', eligible: true }, rota: sourcing.rota,
      }, borrower.entry.symbol, place)
      .catch((err: unknown) => {
        // The only reference the caller chooses is the reader's account (staff placing it for them).
        if (isSqlState(err, SqlState.foreignKeyViolation)) throw IllErrors.ILL_READER_NOT_FOUND({ readerId: who.readerId }, [], err);
        throw err;
      });
    const id = placed.request.id;
    // The new row is this transaction's: the steps read it once and its own steps are saved
    // together; the lender's policy comes from the directory as sourced.
    const c: StepContext = { tx, now: clock, user: principal.userId, locale, known: knownRows({ request: id }), directory };
    c.deferred = new DeferredRequestSaves(tx, id, placed.request.version, (e, eventId, savedAt) => recorded(c, e, eventId, savedAt));
    c.tx = c.deferred;
    c.known!.requests.set(id, placed.request);
    c.known!.answer!.before = [];
    recorded(c, { ...place, requestId: id, details: { ...place.details } }, placed.eventId, placed.request.updatedAt);
    const system = (action: string) => stepRequest(c, id, { kind: 'action', action, actor: 'system' });
    await system('validate');
    // A copy over the borrowing library's copyright limit waits for staff before any lender sees it.
    if ((await checkCopyOnPlacement(c, id)) !== 'held') {
      await system('start-sourcing');
      // Nothing follows: its Request's log may go with the COMMIT.
      c.lastStep = true;
      await system(sourcing.rota.ranked.length ? 'send-to-lender' : 'rota-exhausted');
    }
    await c.deferred.flush();
    const answer = answeredRequest(c, id);
    return answer ? { id, answer, c } : { id, c };
  }).then(({ c, ...placed }) => {
    // The first desk action on it takes the rows as placing it left them (recent-rows.ts).
    rememberAfter(db, c, placed.id, placed.answer && { after: placed.answer.events });
    return placed;
  });
}

/**
 * Staff of the borrowing desk for this request: `borrowing` in its borrowing library, or — for a
 * request a peer sent us — in the library the peer addressed (the desk that brokers it).
 */
export function isBorrowingStaff(principal: Principal, r: RequestRow): boolean {
  return hasPermission(principal, 'borrowing', { library: r.borrowingLibrary }) || (r.peerAgency !== null && hasPermission(principal, 'borrowing', { library: r.peerAgency }));
}

/** Whether the principal may see the request: its reader, or the borrowing library's staff. */
export function seesRequest(principal: Principal, r: RequestRow): boolean {
  return r.readerId === principal.userId || isBorrowingStaff(principal, r);
}

export async function findRequest(db: Db, principal: Principal, id: number): Promise<RequestRow> {
  const r = await illStore.request(db, id);
  if (!r || !seesRequest(principal, r)) throw IllErrors.ILL_REQUEST_NOT_FOUND({ id });
  return r;
}

/** Readers may cancel their own request; everything else at the borrowing desk needs `borrowing` in its library. */
const readerActions = new Set(['cancel']);
/** Steps with their own route, which keeps what the machine does not (the copyright ledger and the decision's reason). */
const ownRoutes = new Set(['clear-copyright', 'refuse-copyright']);

/** Who takes `action` on the request: its borrowing desk's staff, or its reader where readers may; else why not. */
function actorOn(principal: Principal, r: RequestRow | undefined, id: number, action: string): 'staff' | 'reader' {
  if (!r || !seesRequest(principal, r)) throw IllErrors.ILL_REQUEST_NOT_FOUND({ id });
  const staff = isBorrowingStaff(principal, r);
  if (!staff && !readerActions.has(action)) throw IllErrors.ILL_NOT_YOUR_LIBRARY({ library: r.borrowingLibrary, permission: 'borrowing' });
  if (ownRoutes.has(action)) throw CopyrightErrors.ILL_COPYRIGHT_USE_CLEARANCE({ id });
  return staff ? 'staff' : 'reader';
}

/**
 * An action on a request (borrowing desk, or the reader's cancel). The row is locked for the
 * transaction and saved under its version, so of two actions at once only one can win; the other
 * sees the new state and is refused by the machine (409), or by the version check.
 */
export async function actOnRequest(db: Db, principal: Principal, id: number, action: string, params: ActionParams, locale: Locale): Promise<RequestRow & { events: EventRow[] }> {
  // The rows as this process's last action on them left them, in one statement; else locked and read (recent-rows.ts).
  const kept = recentRows(db).ofRequest(id);
  const done = kept && (await actOnRemembered(db, kept, { request: id }, { user: principal.userId, locale }, async (c) => {
    const actor = actorOn(principal, await requestIn(c, id, true), id, action);
    await stepRequest(c, id, { kind: 'action', action, actor, params }, params);
    await c.held.flushLast();
  }));
  if (done) {
    const answer = answeredRequest(done, id);
    rememberAfter(db, done, id, answer && { after: answer.events });
    return answer ?? (await illStore.requestWithEvents(db, id))!;
  }
  let c: StepContext | undefined;
  const answer = await db.transaction(async (tx) => {
    const held = new HeldSave(tx);
    c = { tx: held, now: clock, user: principal.userId, locale, known: knownRows({ request: id }), held };
    // The request and its current lending row locked and kept in one statement: a step that answers the lender needs no read of its own.
    const locked = await illStore.lockRequestAndSupply(tx, id);
    if (locked) c.known!.requests.set(id, locked.request);
    if (locked?.supply) c.known!.supplies.set(locked.supply.id, locked.supply);
    const actor = actorOn(principal, await requestIn(c, id, true), id, action);
    await stepRequest(c, id, { kind: 'action', action, actor, params }, params);
    await held.flushLast();
    return answeredRequest(c, id);
  });
  rememberAfter(db, c!, id, answer && { after: answer.events });
  // The request as the action left it; read again only when the action reached beyond what it follows (steps.ts, Answer).
  return answer ?? (await illStore.requestWithEvents(db, id))!;
}

export async function readerRequests(db: Db, principal: Principal, limit: number, offset: number): Promise<RequestRow[]> {
  return illStore.requestsOfReader(db, principal.userId, limit, offset);
}

export async function borrowingQueue(db: Db, library: string, state: string | undefined, limit: number, offset: number): Promise<RequestRow[]> {
  const lib = await getLibrary(db, library);
  if (!lib) return [];
  return illStore.borrowingQueue(db, lib.id, state, limit, offset);
}
