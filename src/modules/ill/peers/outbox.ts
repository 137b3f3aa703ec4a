/**
 * Delivers our ISO 18626 messages to peers: POSTs each as XML, reads the confirmation, logs it
 * beside the message and ends the delivery — an ERROR confirmation is recorded, not sent again.
 * When the peer does not answer (down, a timeout, an HTTP error, an answer that is no
 * confirmation) the message is tried again with exponential back-off, up to `maxAttempts`. Rows
 * are claimed with SKIP LOCKED, so any number of nodes may work the one outbox; a request's
 * messages go out in the order they were written.
 */
import type { Db, Queryable } from '../../../platform/db/index.js';
import { messageKey, parseMessage } from '../domain/index.js';
import { illStore } from '../ill.store.js';
import { peerStore, type OutboxRow } from './peer.store.js';

export interface OutboxOptions {
  /** First retry after about this long; each further one waits twice as long (capped at an hour), with up to 20 % jitter. */
  retryBaseMs?: number;
  maxAttempts?: number;
  /** How long to wait for a peer's answer. */
  timeoutMs?: number;
  pollMs?: number;
  log?: { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  fetch?: typeof fetch;
}

const defaults = { retryBaseMs: 5_000, maxAttempts: 15, timeoutMs: 10_000, pollMs: 1_000 };

export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  return Math.min(baseMs * 2 ** Math.max(attempt - 1, 0), 3_600_000) * (1 + 0.2 * random());
}

/** What the peer answered, or why there was no answer worth keeping. */
type Attempt =
  | { ok: true; xml: string; outcome: string; version: string; key: string; kind: string; errors: { errorType: string; errorValue?: string }[] }
  | { ok: false; error: string };

async function post(row: OutboxRow, o: Required<Pick<OutboxOptions, 'timeoutMs'>> & { fetch: typeof fetch }): Promise<Attempt> {
  let res: Response;
  try {
    res = await o.fetch(row.url, {
      method: 'POST',
      headers: { 'content-type': 'application/xml; charset=utf-8', accept: 'application/xml', ...(row.outboundSecret ? { authorization: `Bearer ${row.outboundSecret}` } : {}) },
      body: row.xml, signal: AbortSignal.timeout(o.timeoutMs),
    });
  } catch (err) {
    return { ok: false, error: `no answer: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}` };
  }
  const body = await res.text().catch(() => '');
  if (!res.ok) return { ok: false, error: `HTTP ${res.status}: ${body.slice(0, 200)}` };
  const read = parseMessage(body);
  if (!read.ok || !('confirmationHeader' in read.message)) return { ok: false, error: `the answer is no ISO 18626 confirmation: ${read.ok ? read.message.kind : `${read.errorType} ${read.errorValue}`}` };
  const m = read.message;
  return { ok: true, xml: body, outcome: m.confirmationHeader.messageStatus, version: read.version, key: messageKey(m), kind: m.kind, errors: ('errorData' in m ? m.errorData : undefined) ?? [] };
}

/** What became of a message, in its request's history (no change of state): staff see it on the timeline. */
async function noteInHistory(tx: Queryable, requestId: number | null, event: string, actor: 'peer' | 'system', details: Record<string, unknown>): Promise<void> {
  const r = requestId === null ? undefined : await illStore.request(tx, requestId);
  if (!r) return;
  await illStore.insertEvent(tx, { requestId: r.id, supplyId: null, side: 'borrowing', fromState: r.state, toState: r.state, event, actor, actorUser: null, at: new Date().toISOString(), details });
}

/** Delivers what is due now, one message at a time, until nothing is due or `stopping()`; returns how many were tried. */
export async function deliverDue(db: Db, options: OutboxOptions = {}, stopping: () => boolean = () => false): Promise<number> {
  const o = { ...defaults, ...options, fetch: options.fetch ?? fetch };
  let tried = 0;
  for (;;) {
    if (stopping()) return tried;
    const row = await db.transaction((tx) => peerStore.claim(tx, Math.ceil(o.timeoutMs / 1000) + 30));
    if (!row) return tried;
    tried++;
    const answer = await post(row, o);
    await db.transaction(async (tx) => {
      if (answer.ok) {
        const confirmationId = await peerStore.log(tx, {
          requestId: row.requestId, supplyId: null, direction: row.direction === 'to-lender' ? 'to-borrower' : 'to-lender', kind: answer.kind, key: answer.key, version: answer.version, xml: answer.xml,
          transport: 'http-in', outcome: answer.outcome, confirms: row.messageId, peer: row.url, at: new Date().toISOString(),
        });
        await peerStore.delivered(tx, row.id, answer.outcome, confirmationId ?? null);
        if (answer.outcome !== 'OK') {
          // Delivered, and refused: sending it again would be refused again. Staff see it in the request's history.
          o.log?.error({ outbox: row.id, url: row.url, requestId: row.requestId, errors: answer.errors }, 'ISO 18626 peer refused our message (ERROR confirmation)');
          await noteInHistory(tx, row.requestId, `${answer.kind}/ERROR`, 'peer', { peer: row.url, errors: answer.errors });
        }
      } else {
        const giveUp = row.attempts >= o.maxAttempts;
        await peerStore.attemptFailed(tx, row.id, answer.error, retryDelayMs(row.attempts, o.retryBaseMs), giveUp);
        if (giveUp) await noteInHistory(tx, row.requestId, 'iso18626/not-delivered', 'system', { peer: row.url, attempts: row.attempts, error: answer.error });
        o.log?.[giveUp ? 'error' : 'info']({ outbox: row.id, url: row.url, attempt: row.attempts, error: answer.error }, giveUp ? 'ISO 18626 delivery given up' : 'ISO 18626 peer did not answer; trying again later');
      }
    });
  }
}

const running = new Set<{ poke(): void }>();

/** Asks every outbox worker of this process to look now (a message was just queued; it is seen once its transaction commits). */
export function pokeOutbox(): void {
  for (const w of running) w.poke();
}

/** Works the outbox until stopped: a look every `pollMs`, and soon after a message is queued. */
export function startOutbox(db: Db, options: OutboxOptions = {}): { stop(): Promise<void>; poke(): void } {
  const pollMs = options.pollMs ?? defaults.pollMs;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let busy: Promise<void> | undefined;
  let again = false;
  const tick = async () => {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = (async () => {
      do {
        again = false;
        await deliverDue(db, options, () => stopped).catch((err: unknown) => options.log?.error({ err }, 'ISO 18626 outbox failed'));
      } while (again && !stopped);
    })();
    await busy;
    busy = undefined;
    schedule(pollMs);
  };
  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  };
  const worker = { poke: () => schedule(20) };
  running.add(worker);
  schedule(0);
  return {
    poke: worker.poke,
    async stop() {
      stopped = true;
      running.delete(worker);
      clearTimeout(timer);
      await busy;
    },
  };
}
