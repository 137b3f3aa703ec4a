/**
 * The alliance hierarchy (CALIS national centre → regional centres → provincial alliances) is a
 * forest: every alliance has at most one parent and no alliance is its own ancestor.
 */

/**
 * The cycle through `code` in a parent map, written from `code` back to itself
 * (`['JALIS', 'CALIS', 'JALIS']`), or undefined when following the parents from `code` ends at
 * a root. A cycle further up that does not pass through `code` is reported for its own members.
 */
export function cycleThrough(code: string, parents: ReadonlyMap<string, string | null | undefined>): string[] | undefined {
  const path = [code];
  const seen = new Set(path);
  let current = parents.get(code);
  while (current) {
    path.push(current);
    if (current === code) return path;
    if (seen.has(current)) return undefined;
    seen.add(current);
    current = parents.get(current);
  }
  return undefined;
}

/** The alliance and its ancestors, nearest first (`JALIS`, `CALIS-EAST-NORTH`, `CALIS`). Stops at a cycle. */
export function lineage(code: string, parents: ReadonlyMap<string, string | null | undefined>): string[] {
  const line: string[] = [];
  let current: string | null | undefined = code;
  while (current && !line.includes(current)) {
    line.push(current);
    current = parents.get(current);
  }
  return line;
}
