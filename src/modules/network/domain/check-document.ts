import { z } from 'zod';
import { agreementSchema, allianceSchema, librarySchema, type AgreementDoc, type AllianceDoc, type LibraryDoc } from './document.js';
import { agreementProblems, allianceProblems, libraryProblems, type References } from './checks.js';
import { formatPath, schemaProblems, type FieldPath, type Problem } from './problems.js';

/** What the database holds already, as far as a document's references need to know. */
export interface Directory {
  libraries: ReadonlySet<string>;
  /** Every alliance's code and its parent's code. */
  alliances: ReadonlyMap<string, string | null>;
}

/** A document's entries that are well-formed, each with its index in the file. */
export interface CheckedDocument {
  libraries: { index: number; doc: LibraryDoc }[];
  alliances: { index: number; doc: AllianceDoc }[];
  agreements: { index: number; doc: AgreementDoc }[];
  problems: Problem[];
}

const envelope = z.strictObject({
  libraries: z.array(z.unknown()).optional(),
  alliances: z.array(z.unknown()).optional(),
  agreements: z.array(z.unknown()).optional(),
  // The identity module checks these entries itself, one by one (import.service.ts).
  identityProviders: z.unknown().optional(),
});

/**
 * Checks a whole network document and reports everything wrong with it at once: the shape of
 * every entry (types, unknown fields), duplicate symbols and codes, references to libraries and
 * alliances that exist neither in the file nor in the directory, and cycles in the alliance
 * hierarchy. Entries that are themselves malformed still count as present, so one bad library
 * does not also make every reference to it an error.
 */
export function checkDocument(input: unknown, directory: Directory): CheckedDocument {
  const result: CheckedDocument = { libraries: [], alliances: [], agreements: [], problems: [] };
  const outer = envelope.safeParse(input);
  if (!outer.success) {
    result.problems.push(...schemaProblems(outer.error.issues, []));
    // Unknown top-level fields aside, the entries can still be checked.
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return result;
  }
  const raw = input as Record<string, unknown>;
  const list = (key: string) => (Array.isArray(raw[key]) ? (raw[key] as unknown[]) : []);
  const rawLibraries = list('libraries');
  const rawAlliances = list('alliances');
  const rawAgreements = list('agreements');

  parseEach(rawLibraries, librarySchema, 'libraries', result.libraries, result.problems);
  parseEach(rawAlliances, allianceSchema, 'alliances', result.alliances, result.problems);
  parseEach(rawAgreements, agreementSchema, 'agreements', result.agreements, result.problems);

  const librarySymbols = keysOf(rawLibraries, 'symbol', 'libraries', result.problems);
  const allianceCodes = keysOf(rawAlliances, 'code', 'alliances', result.problems);
  keysOf(rawAgreements, 'code', 'agreements', result.problems);

  const parents = new Map<string, string | null | undefined>(directory.alliances);
  for (const item of rawAlliances) {
    const code = textField(item, 'code');
    if (code !== undefined) parents.set(code, textField(item, 'parent') ?? null);
  }
  const refs: References = {
    hasLibrary: (s) => librarySymbols.has(s) || directory.libraries.has(s),
    hasAlliance: (c) => allianceCodes.has(c) || directory.alliances.has(c),
    parents,
  };
  for (const { index, doc } of result.libraries) result.problems.push(...libraryProblems(doc, ['libraries', index]));
  for (const { index, doc } of result.alliances) result.problems.push(...allianceProblems(doc, ['alliances', index], refs));
  for (const { index, doc } of result.agreements) result.problems.push(...agreementProblems(doc, ['agreements', index], refs));
  result.problems.sort((a, b) => comparePaths(a.path, b.path));
  return result;
}

function parseEach<T>(items: unknown[], schema: z.ZodType<T>, key: string, into: { index: number; doc: T }[], problems: Problem[]): void {
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item, { reportInput: true });
    if (parsed.success) into.push({ index, doc: parsed.data });
    else problems.push(...schemaProblems(parsed.error.issues, [key, index]));
  });
}

/** The symbols or codes of a list, with a problem for every one that repeats an earlier entry's. */
function keysOf(items: unknown[], field: string, key: string, problems: Problem[]): Set<string> {
  const first = new Map<string, number>();
  items.forEach((item, index) => {
    const value = textField(item, field);
    if (value === undefined) return;
    const seen = first.get(value);
    if (seen === undefined) first.set(value, index);
    else problems.push({ path: [key, index, field], code: 'duplicate', params: { value, first: formatPath([key, seen]) } });
  });
  return new Set(first.keys());
}

function textField(item: unknown, field: string): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const v = (item as Record<string, unknown>)[field];
  return typeof v === 'string' ? v : undefined;
}

/** Problems in the order of the file: libraries, alliances, agreements, each by entry. */
function comparePaths(a: FieldPath, b: FieldPath): number {
  const rank = (p: FieldPath) => [groups.indexOf(String(p[0])), typeof p[1] === 'number' ? p[1] : -1] as const;
  const [ga, ia] = rank(a);
  const [gb, ib] = rank(b);
  return ga - gb || ia - ib;
}
const groups = ['libraries', 'alliances', 'agreements'];
