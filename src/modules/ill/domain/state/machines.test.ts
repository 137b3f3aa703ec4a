import { describe, expect, it } from 'vitest';
import { guards } from './guards.js';
import { requesterMachine } from './requester.js';
import { supplierMachine } from './supplier.js';
import type { Machine, Transition } from './types.js';
import { isoActions, isoStatuses, only2021, reasonsForMessage } from './vocabulary.js';

const machines = [requesterMachine, supplierMachine] as Machine[];

const sentStatuses = (m: Machine) =>
  m.transitions.flatMap((t) => (t.effects ?? []).flatMap((e) => (e.type === 'send-supplying-agency-message' ? [e.status] : [])));
const heard = (m: Machine, pick: (t: Transition) => readonly string[]) => new Set(m.transitions.flatMap(pick));

describe.each(machines)('the $role machine as data', (machine) => {
  it('names only its own states, and every transition once', () => {
    for (const t of machine.transitions) {
      for (const s of t.from) expect(machine.states, `${t.id} from ${s}`).toContain(s);
      if (t.to !== 'same') expect(machine.states, `${t.id} to ${t.to}`).toContain(t.to);
      for (const g of t.guards ?? []) expect(guards, `${t.id} guard ${g}`).toHaveProperty(g);
    }
    const ids = machine.transitions.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reaches every state from the initial one and leaves every state that is not final', () => {
    const reached = new Set([machine.initial]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of machine.transitions) {
        if (t.to !== 'same' && !reached.has(t.to) && t.from.some((f) => reached.has(f))) grew = reached.add(t.to) !== undefined;
      }
    }
    // The supplier's transaction starts in `new` when a Request arrives; every other state follows.
    expect([...reached].sort()).toEqual([...machine.states].sort());
    for (const s of machine.states.filter((x) => !machine.final.includes(x))) {
      expect(machine.transitions.some((t) => t.from.includes(s) && t.to !== 'same' && t.to !== s), `a way out of ${s}`).toBe(true);
    }
  });

  it('lets staff take back only steps that touch nothing outside the record', () => {
    for (const t of machine.transitions.filter((x) => x.undoable)) {
      expect(t.effects ?? [], t.id).toEqual([]);
      expect('actors' in t.on && t.on.actors.includes('staff'), t.id).toBe(true);
    }
  });
});

describe('ISO 18626 coverage', () => {
  it('the requester understands every status a supplier can send, of both versions', () => {
    const understood = heard(requesterMachine, (t) => ('status' in t.on ? t.on.status : []));
    expect([...isoStatuses].filter((s) => !understood.has(s))).toEqual([]);
  });

  it('the supplier sends every status but RequestReceived (the confirmation does that), in every reason for message', () => {
    const sent = new Set(sentStatuses(supplierMachine));
    expect(isoStatuses.filter((s) => !sent.has(s))).toEqual(['RequestReceived']);
    const reasons = heard(supplierMachine, (t) => (t.effects ?? []).flatMap((e) => ('reasonForMessage' in e ? [e.reasonForMessage] : [])));
    expect(reasonsForMessage.filter((r) => !reasons.has(r))).toEqual([]);
  });

  it('the supplier understands every action a requester can send, and the requester sends each', () => {
    const understood = heard(supplierMachine, (t) => ('message' in t.on && t.on.message === 'requestingAgencyMessage' ? [t.on.action] : []));
    expect(isoActions.filter((a) => !understood.has(a))).toEqual([]);
    const sent = heard(requesterMachine, (t) => (t.effects ?? []).flatMap((e) => (e.type === 'send-requesting-agency-message' ? [e.action] : [])));
    expect(isoActions.filter((a) => !sent.has(a))).toEqual([]);
  });
});

describe('the 2021 additions', () => {
  it('are HoldReturn and ReleaseHoldReturn among statuses, HoldReturn and Lost among actions', () => {
    expect([...only2021.statuses]).toEqual(['HoldReturn', 'ReleaseHoldReturn']);
    expect([...only2021.actions]).toEqual(['HoldReturn', 'Lost']);
  });
});
