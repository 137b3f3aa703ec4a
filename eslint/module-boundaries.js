// @ts-check
/**
 * Module boundaries (STYLE.md §2): another module is imported only through its index.ts; the
 * platform knows no module; modules never reach into the composition root (src/app) or the CLI.
 * A local rule rather than a plugin: relative imports are resolved by path alone, so no module
 * resolver (and no platform-specific binary) is needed.
 */
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** @param {string} file @returns {{ kind: string, name?: string, rest?: string } | undefined} */
function elementOf(file) {
  const rel = path.relative(path.join(root, 'src'), file).split(path.sep);
  if (rel[0] === '..' || rel.length < 2) return undefined;
  if (rel[0] === 'modules') return { kind: 'module', name: rel[1], rest: rel.slice(2).join('/') };
  if (['platform', 'app', 'cli'].includes(rel[0] ?? '')) return { kind: rel[0] ?? '' };
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'modules import each other only through index.ts; the platform imports no module' },
    schema: [],
  },
  create(context) {
    const from = elementOf(context.filename);
    if (!from) return {};
    /** @param {any} node */
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = elementOf(path.resolve(path.dirname(context.filename), source));
      if (!to) return;
      if (from.kind === 'platform' && to.kind !== 'platform') {
        context.report({ node, message: `The platform imports no ${to.kind} (${source}).` });
      } else if (from.kind === 'module' && (to.kind === 'app' || to.kind === 'cli')) {
        context.report({ node, message: `A module does not import the ${to.kind} (${source}).` });
      } else if (to.kind === 'module' && !(from.kind === 'module' && from.name === to.name) && !/^index\.(js|ts)$/.test(to.rest ?? '')) {
        context.report({ node, message: `Import module "${to.name}" through its index.ts, not ${source}.` });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { 'module-boundaries': rule } };
