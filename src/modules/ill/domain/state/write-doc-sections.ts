/**
 * Rewrites the generated sections of docs/ill.md from the machines (the diagrams, state tables,
 * undoable steps). Run after changing a machine: npx tsx src/modules/ill/domain/state/write-doc-sections.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fromRoot } from '../../../../platform/paths.js';
import { stateMachineDocSections } from './doc-sections.js';

const file = fromRoot('docs/ill.md');
const sections = stateMachineDocSections();
const doc = readFileSync(file, 'utf8').replace(/<!-- generated: ([\w-]+) -->\n[\s\S]*?<!-- end generated -->/g, (whole, name: string) =>
  sections[name] === undefined ? whole : `<!-- generated: ${name} -->\n${sections[name]}\n<!-- end generated -->`,
);
writeFileSync(file, doc);
