// @ts-check
/**
 * Feature boundaries of the web application (STYLE.md §13, after FOLIO ui-linked-data): a feature
 * (`web/src/features/<name>/`) is imported by others only through its index.ts; the shared parts
 * (`shared/`, `i18n/`) import no feature; nothing in web/src reaches outside it (the server's
 * code is not the browser's: the web application speaks to it over HTTP only).
 */
import path from 'node:path';

const webSrc = path.resolve(import.meta.dirname, '..', 'web', 'src');

/** @param {string} file @returns {{ kind: string, name?: string, rest?: string } | undefined} */
function elementOf(file) {
  const rel = path.relative(webSrc, file).split(path.sep);
  if (rel[0] === '..') return { kind: 'outside' };
  if (rel[0] === 'features' && rel.length > 2) return { kind: 'feature', name: rel[1], rest: rel.slice(2).join('/') };
  if (rel[0] === 'shared' || rel[0] === 'i18n') return { kind: 'shared' };
  return { kind: 'app' };
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'web features import each other only through index.ts; shared code imports no feature' },
    schema: [],
  },
  create(context) {
    const from = elementOf(context.filename);
    if (!from || from.kind === 'outside') return {};
    /** @param {any} node */
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = elementOf(path.resolve(path.dirname(context.filename), source));
      if (!to) return;
      if (to.kind === 'outside') {
        context.report({ node, message: `The web application imports nothing outside web/src (${source}); it speaks to the server over HTTP.` });
      } else if (from.kind === 'shared' && to.kind === 'feature') {
        context.report({ node, message: `Shared code imports no feature (${source}).` });
      } else if (to.kind === 'feature' && !(from.kind === 'feature' && from.name === to.name) && !/^index(\.(ts|tsx|js))?$/.test(to.rest ?? '')) {
        context.report({ node, message: `Import feature "${to.name}" through its index.ts, not ${source}.` });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { 'feature-boundaries': rule } };
