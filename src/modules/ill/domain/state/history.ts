import type { Actor, Effect, IllEvent, Reason, StepResult } from './types.js';

/**
 * The event history of one request on one side: every step that was taken, in order, with what
 * it did. Refused events are logged by the service layer elsewhere; the history holds only what
 * changed the request. It is what the reader's timeline and the staff's audit show.
 */
export interface HistoryEntry<S extends string = string> {
  /** Position in the history, from 0. */
  seq: number;
  at: string;
  actor: Actor;
  /** The account or peer agency that did it. */
  by?: string;
  event: IllEvent | { kind: 'undo' };
  from: S;
  to: S;
  transition: string;
  effects: Effect[];
  undoable: boolean;
  /** For an undo: the seq of the entry it took back. */
  undoes?: number;
}

export type History<S extends string = string> = readonly HistoryEntry<S>[];

/** The state a history leaves a request in. */
export function currentState<S extends string>(history: History<S>, initial: S): S {
  return history.at(-1)?.to ?? initial;
}

/** The history with a successful step appended. */
export function appendStep<S extends string>(
  history: History<S>,
  step: Extract<StepResult<S>, { ok: true }>,
  from: S,
  event: IllEvent,
  who: { at: string; by?: string },
): HistoryEntry<S>[] {
  const actor: Actor = event.kind === 'message' ? 'peer' : (event.actor ?? 'staff');
  const entry: HistoryEntry<S> = {
    seq: history.length,
    at: who.at,
    actor,
    ...(who.by ? { by: who.by } : {}),
    event,
    from,
    to: step.state,
    transition: step.transition,
    effects: step.effects,
    // Only a person at a desk takes a step back; a timer's or a peer's step stands.
    undoable: step.undoable && actor === 'staff',
  };
  return [...history, entry];
}

/** The latest entry that is neither an undo nor undone, or undefined. */
function lastStanding<S extends string>(history: History<S>): HistoryEntry<S> | undefined {
  const undone = new Set(history.flatMap((e) => (e.undoes === undefined ? [] : [e.undoes])));
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]!;
    if (e.event.kind !== 'undo' && !undone.has(e.seq)) return e;
  }
  return undefined;
}

/**
 * Takes back the last staff action when that is safe: a step that changed only our own record
 * (a pull slip printed, an item marked picked, a note added, an item marked returned by the
 * reader). A step that sent a message to a peer, told a reader, moved the rota or charged a fee
 * cannot be taken back — the world has seen it — and neither can a step taken by a peer or a
 * timer. Repeated undos walk back through consecutive safe steps.
 */
export function undo<S extends string>(
  history: History<S>,
  who: { at: string; by?: string },
): { ok: true; state: S; entry: HistoryEntry<S>; history: HistoryEntry<S>[] } | { ok: false; reason: Reason } {
  const target = lastStanding(history);
  if (!target) return { ok: false, reason: { code: 'ILL_NOTHING_TO_UNDO' } };
  if (target.actor !== 'staff') return { ok: false, reason: { code: 'ILL_UNDO_NOT_STAFF', params: { transition: target.transition, actor: target.actor } } };
  if (!target.undoable) return { ok: false, reason: { code: 'ILL_UNDO_NOT_SAFE', params: { transition: target.transition } } };
  const current = history.at(-1)!.to;
  const entry: HistoryEntry<S> = {
    seq: history.length,
    at: who.at,
    actor: 'staff',
    ...(who.by ? { by: who.by } : {}),
    event: { kind: 'undo' },
    from: current,
    to: target.from,
    transition: 'undo',
    effects: [],
    undoable: false,
    undoes: target.seq,
  };
  return { ok: true, state: target.from, entry, history: [...history, entry] };
}
