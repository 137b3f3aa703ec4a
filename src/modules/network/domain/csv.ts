import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { allianceCode, memberSchema, type Member, type NetworkDocument } from './document.js';
import { columnOf, entryToRow, layoutOf, layouts, rowToEntry, type LayoutName } from './csv-layouts.js';
import type { Directory } from './check-document.js';
import { schemaProblems, type Problem } from './problems.js';

/** A CSV file read into directory entries, with the line of the file each entry came from. */
export type CsvContent =
  | { layout: 'libraries' | 'alliances'; document: { libraries?: unknown[]; alliances?: unknown[] }; lines: number[]; problems: Problem[] }
  | { layout: 'memberships'; rows: { line: number; entry: Record<string, unknown> }[]; problems: Problem[] }
  | { layout: undefined; problems: Problem[] };

const line = (n: number) => `line ${n}`;

/**
 * Reads a directory CSV file: finds its layout from the header row, checks the header and every
 * row's cell count, and turns each row into an entry of the network document. Problems name the
 * line and column (`line 5.lat`); problems of the entries themselves are found later, by the
 * same checks as for JSON, and renamed with {@link csvPath}.
 */
export function readCsv(text: string): CsvContent {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as Error & { lines?: number };
    return { layout: undefined, problems: [{ path: [line(e.lines ?? 1)], code: 'csv-syntax', params: { reason: e.message } }] };
  }
  const [head, ...rows] = records;
  if (!head) return { layout: undefined, problems: [{ path: [], code: 'empty' }] };
  const header = head.record.map((h) => h.trim());
  const layout = layoutOf(header);
  if (!layout) return { layout: undefined, problems: [{ path: [line(head.info.lines)], code: 'unknown-layout' }] };

  const problems: Problem[] = [];
  const known = layouts[layout];
  header.forEach((h) => {
    if (!known.some((c) => c.name === h)) problems.push({ path: [line(1), h], code: 'unknown-column', params: { value: h } });
  });
  for (const c of known) if (c.required && !header.includes(c.name)) problems.push({ path: [line(1)], code: 'missing-column', params: { value: c.name } });
  // Cells are read by the header's column names, so the file's column order is free.
  const columns = header.map((h) => known.find((c) => c.name === h) ?? { name: h, path: ['(unknown)', h], kind: 'text' as const });

  const entries: { line: number; entry: Record<string, unknown> }[] = [];
  for (const { record, info } of rows) {
    if (record.length !== header.length) {
      problems.push({ path: [line(info.lines)], code: 'cell-count', params: { expected: header.length, found: record.length } });
    }
    const usable = columns.filter((c) => c.path[0] !== '(unknown)');
    const { entry, errors } = rowToEntry(usable, usable.map((c) => record[columns.indexOf(c)] ?? ''));
    for (const e of errors) problems.push({ path: [line(info.lines), e.column], code: 'not-json', params: { reason: e.reason } });
    entries.push({ line: info.lines, entry });
  }
  if (!entries.length) problems.push({ path: [], code: 'empty' });
  if (layout === 'memberships') return { layout, rows: entries, problems };
  return { layout, document: { [layout]: entries.map((e) => e.entry) }, lines: entries.map((e) => e.line), problems };
}

/**
 * A problem of the document made from a CSV file, told in the file's terms: the path
 * `libraries[3].coordinates.lat` becomes `line 5.lat` (inside a JSON cell, `line 5.contacts[0].email`),
 * and an earlier entry it refers to becomes its line.
 */
export function inCsvTerms(p: Problem, layout: LayoutName, lines: readonly number[]): Problem {
  const lineOf = (index: number) => line(lines[index] ?? index + 2);
  const [, index, ...rest] = p.path;
  if (typeof index !== 'number') return p;
  const column = columnOf(layouts[layout], rest);
  const path = column ? [lineOf(index), column.name, ...(column.kind === 'json' ? rest.slice(column.path.length) : [])] : [lineOf(index), ...rest];
  if (p.code === 'schema' || !p.params) return { ...p, path };
  const first = /^\w+\[(\d+)\]$/.exec(String(p.params.first ?? ''));
  return { ...p, path, params: first ? { ...p.params, first: lineOf(Number(first[1])) } : p.params };
}

/** Problems in the order of the file's lines. */
export function byLine(problems: readonly Problem[]): Problem[] {
  const lineNo = (p: Problem) => Number(/^line (\d+)$/.exec(String(p.path[0]))?.[1] ?? 0);
  return [...problems].sort((a, b) => lineNo(a) - lineNo(b));
}

const membershipRow = memberSchema.extend({ alliance: allianceCode });

/**
 * Checks the rows of a memberships file against the directory (a memberships file adds no
 * libraries or alliances, so both must exist already) and groups them by alliance: each
 * alliance named in the file gets exactly the members the file lists.
 */
export function checkMembershipRows(
  rows: readonly { line: number; entry: Record<string, unknown> }[],
  directory: Directory,
): { members: Map<string, Member[]>; problems: Problem[] } {
  const members = new Map<string, Member[]>();
  const problems: Problem[] = [];
  const first = new Map<string, number>();
  for (const { line: n, entry } of rows) {
    const parsed = membershipRow.safeParse(entry, { reportInput: true });
    if (!parsed.success) {
      problems.push(...schemaProblems(parsed.error.issues, [line(n)]));
      continue;
    }
    const { alliance, ...member } = parsed.data;
    const key = `${alliance} ${member.library}`;
    const seen = first.get(key);
    if (seen !== undefined) problems.push({ path: [line(n), 'library'], code: 'duplicate', params: { value: `${alliance}/${member.library}`, first: line(seen) } });
    else first.set(key, n);
    if (!directory.alliances.has(alliance)) problems.push({ path: [line(n), 'alliance'], code: 'unknown-alliance', params: { value: alliance } });
    if (!directory.libraries.has(member.library)) problems.push({ path: [line(n), 'library'], code: 'unknown-library', params: { value: member.library } });
    members.set(alliance, [...(members.get(alliance) ?? []), member]);
  }
  return { members, problems };
}

/** The directory in one CSV layout: libraries, alliances (their own fields) or memberships. */
export function documentToCsv(document: NetworkDocument, layout: LayoutName): string {
  const columns = layouts[layout];
  const rows =
    layout === 'libraries'
      ? (document.libraries ?? []).map((l) => entryToRow(columns, l))
      : layout === 'alliances'
        ? (document.alliances ?? []).map((a) => entryToRow(columns, a))
        : (document.alliances ?? []).flatMap((a) => (a.members ?? []).map((m) => entryToRow(columns, { alliance: a.code, ...m })));
  return stringify([columns.map((c) => c.name), ...rows], { record_delimiter: '\n' });
}

export const csvLayoutNames = z.enum(['libraries', 'alliances', 'memberships']);
