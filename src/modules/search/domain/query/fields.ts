import type { QueryNode, SearchField } from './ast.js';

/** The same query with every keyword (`any`) word looked for in one field: the advanced form's boxes. */
export function inField(node: QueryNode, field: SearchField): QueryNode {
  switch (node.kind) {
    case 'term':
    case 'phrase':
    case 'exact':
      return node.field === 'any' ? { ...node, field } : node;
    case 'and':
    case 'or':
      return { ...node, children: node.children.map((c) => inField(c, field)) };
    case 'not':
      return { ...node, child: inField(node.child, field) };
    default:
      return node;
  }
}

/** All of these queries (null when none). */
export function allOf(nodes: readonly QueryNode[]): QueryNode | null {
  if (nodes.length === 0) return null;
  if (nodes.length === 1) return nodes[0]!;
  return { kind: 'and', children: nodes.flatMap((n) => (n.kind === 'and' ? n.children : [n])) };
}
