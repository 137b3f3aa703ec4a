import type { EffectTemplate, Machine, ServicePath, Transition } from './types.js';

/**
 * Mermaid `stateDiagram-v2` text for one path of a machine, drawn from the same data the engine
 * runs on (docs/ill.md embeds it; a test keeps the two equal). Arrows read
 * `trigger [guards] / what is sent`: an action by its name, a peer message as `⇐ Status` or
 * `⇐ Action`, a sent message as `⇒ …`.
 */

/** Steps open in (nearly) every state; drawn as a note instead of a loop on each state. */
export const anyStateTransitions = ['add-note', 'send-note', 'status-request', 'on-status-request', 'on-notification', 'on-reminder'] as const;

const id = (state: string) => state.replace(/-/g, '_');

function trigger(t: Transition): string {
  const on = t.on;
  if (!('message' in on)) return on.action;
  if (on.message === 'request') return `⇐ Request ${on.requestType}`;
  if (on.message === 'requestingAgencyMessage') return `⇐ ${on.action}`;
  const reason = on.reasonForMessage?.length === 1 ? `${on.reasonForMessage[0]} ` : '';
  const answer = on.answerYesNo ? ` ${on.answerYesNo}` : '';
  const statuses = on.status.length > 3 ? 'any status' : on.status.join('|');
  return `⇐ ${reason}${statuses}${answer}`;
}

function sent(e: EffectTemplate): string | undefined {
  switch (e.type) {
    case 'send-request':
      return `⇒ Request ${e.requestType}`;
    case 'send-supplying-agency-message':
      return `⇒ ${e.status}${e.answerYesNo ? ` ${e.answerYesNo}` : ''}`;
    case 'send-requesting-agency-message':
      return `⇒ ${e.action}`;
    case 'answer-status':
      return `⇒ ${e.reasonForMessage}${e.answerYesNo ? ` ${e.answerYesNo}` : ''}`;
    case 'escalate-to-upper-tier':
      return '⇒ upper tier';
    case 'next-lender':
      return 'next lender';
    default:
      return undefined;
  }
}

function label(t: Transition): string {
  const guards = t.guards?.length ? ` [${t.guards.join(', ')}]` : '';
  const sends = (t.effects ?? []).map(sent).filter((s) => s !== undefined);
  return `${trigger(t)}${guards}${sends.length ? ` / ${sends.join(', ')}` : ''}`;
}

/** The states a path can reach from the initial state, and the transitions between them. */
function pathOf<S extends string>(machine: Machine<S>, service: ServicePath): { states: S[]; transitions: Transition<S>[] } {
  const transitions = machine.transitions.filter((t) => (!t.service || t.service === service) && !(anyStateTransitions as readonly string[]).includes(t.id));
  const reached = new Set<S>([machine.initial]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of transitions) {
      if (t.to !== 'same' && !reached.has(t.to) && t.from.some((f) => reached.has(f))) {
        reached.add(t.to);
        grew = true;
      }
    }
  }
  const states = machine.states.filter((s) => reached.has(s));
  return { states, transitions: transitions.filter((t) => t.from.some((f) => reached.has(f))) };
}

export function renderMermaid<S extends string>(machine: Machine<S>, service: ServicePath): string {
  const { states, transitions } = pathOf(machine, service);
  const lines = ['stateDiagram-v2', `  %% ${machine.role}, ${service} path`];
  for (const s of states) lines.push(`  state "${s}" as ${id(s)}`);
  lines.push(`  [*] --> ${id(machine.initial)}`);
  for (const t of transitions) {
    for (const from of t.from) {
      if (!states.includes(from)) continue;
      const to = t.to === 'same' ? from : t.to;
      lines.push(`  ${id(from)} --> ${id(to)} : ${label(t)}`);
    }
  }
  for (const s of machine.final) if (states.includes(s)) lines.push(`  ${id(s)} --> [*]`);
  return lines.join('\n');
}
