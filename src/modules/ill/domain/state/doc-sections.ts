import { anyStateTransitions, renderMermaid } from './mermaid.js';
import { requesterMachine } from './requester.js';
import { supplierMachine } from './supplier.js';
import type { Machine } from './types.js';

/**
 * The parts of docs/ill.md drawn from the machines themselves, by name. The document keeps each
 * between `<!-- generated: name -->` and `<!-- end generated -->`; a test compares them, so the
 * documentation cannot drift from the code.
 */
export function stateMachineDocSections(): Record<string, string> {
  const machines = [requesterMachine, supplierMachine] as Machine[];
  const sections: Record<string, string> = {};
  for (const m of machines) {
    for (const service of ['loan', 'copy'] as const) sections[`${m.role}-${service}`] = ['```mermaid', renderMermaid(m, service), '```'].join('\n');
    sections[`${m.role}-states`] = [
      m.role === 'requester' ? '| state | the lender’s status it stands for | final |' : '| state | status a StatusRequest is answered with | final |',
      '| --- | --- | --- |',
      ...m.states.map((s) => `| \`${s}\` | ${m.isoStatus[s] ?? '–'} | ${m.final.includes(s) ? 'yes' : ''} |`),
    ].join('\n');
  }
  sections.undoable = machines
    .map((m) => `- ${m.role}: ${m.transitions.filter((t) => t.undoable).map((t) => `\`${t.id}\``).join(', ')}`)
    .join('\n');
  sections['any-state'] = machines
    .map((m) => `- ${m.role}: ${m.transitions.filter((t) => (anyStateTransitions as readonly string[]).includes(t.id)).map((t) => `\`${t.id}\``).join(', ')}`)
    .join('\n');
  return sections;
}

/** The generated sections found in a document, by name. */
export function generatedSectionsOf(doc: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of doc.matchAll(/<!-- generated: ([\w-]+) -->\n([\s\S]*?)<!-- end generated -->/g)) found[m[1]!] = m[2]!.replace(/\n$/, '');
  return found;
}
