import type { Db, Queryable } from '../../platform/db/index.js';
import type { Locale } from '../../platform/i18n.js';
import { applyProviderEntries, prepareProviderEntries, type ProviderImportReport } from '../identity/index.js';
import { recordNetworkAudit, type Actor } from './audit.js';
import { agreementStore } from './agreement.store.js';
import { allianceStore } from './alliance.store.js';
import { canonicalAgreement, canonicalAllianceFields, canonicalGovernance, canonicalLibrary } from './domain/canonical.js';
import { checkDocument, type CheckedDocument, type Directory } from './domain/check-document.js';
import { byLine, checkMembershipRows, inCsvTerms, readCsv } from './domain/csv.js';
import type { LayoutName } from './domain/csv-layouts.js';
import type { Member } from './domain/document.js';
import { renderProblems, type Problem } from './domain/problems.js';
import { sameValue, withoutUndefined } from './domain/same.js';
import { NetworkErrors } from './errors.js';
import { libraryStore } from './library.store.js';
import { lockHierarchy } from './service-support.js';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What an import did (or, on a dry run, would do). */
export interface ImportReport {
  format: 'json' | 'csv';
  layout?: LayoutName;
  dryRun: boolean;
  libraries: ImportCounts;
  alliances: ImportCounts;
  agreements: ImportCounts;
  /** Present when the document has `identityProviders`: counts, and the entries left out with their problems. */
  identityProviders?: ProviderImportReport;
}

export interface ImportOptions {
  /** Check and count, then roll back: nothing is written. */
  dryRun?: boolean;
  /** The language of the problems reported. */
  locale?: Locale;
  /** ANYLIB_SECRET, to seal identity providers' client secrets; without it an entry giving one is a problem. */
  secret?: string;
}

type Kind = 'libraries' | 'alliances' | 'agreements';

/** Counts and the keys of what changed, for the report and the audit log. */
class Tally {
  readonly counts: Record<Kind, ImportCounts> = { libraries: zero(), alliances: zero(), agreements: zero() };
  readonly changed: Record<Kind, { created: string[]; updated: string[] }> = {
    libraries: { created: [], updated: [] },
    alliances: { created: [], updated: [] },
    agreements: { created: [], updated: [] },
  };
  add(kind: Kind, outcome: keyof ImportCounts, key: string): void {
    this.counts[kind][outcome]++;
    if (outcome !== 'unchanged') this.changed[kind][outcome].push(key);
  }
}
const zero = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });

class DryRun extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * Imports a network document (JSON, the format of demo/network.json) into the directory, all or
 * nothing: every problem of the file is reported at once (400 IMPORT_INVALID) and nothing is
 * written; otherwise entries are added or updated by symbol or code, in one transaction.
 * Importing the same file again changes nothing and reports every entry unchanged. Entries the
 * file does not mention are left as they are.
 */
export async function importNetwork(db: Db, document: unknown, actor: Actor = {}, options: ImportOptions = {}): Promise<ImportReport> {
  // Identity providers are checked entry by entry (SAML metadata fetched) before the transaction;
  // the bad ones are reported and left out, the good ones written with the rest (docs/identity.md).
  const raw = typeof document === 'object' && document !== null ? (document as { identityProviders?: unknown }).identityProviders : undefined;
  const providers = raw === undefined ? undefined : await prepareProviderEntries(raw, options.locale);
  return run(db, options, async (tx, tally) => {
    const checked = checkDocument(document, await directoryOf(tx));
    if (checked.problems.length) invalid(checked.problems, options.locale);
    await applyDocument(tx, checked, tally);
    if (!providers) return { format: 'json' };
    const { changed, ...written } = await applyProviderEntries(tx, providers.prepared, { secret: options.secret, actor, locale: options.locale });
    const identityProviders = { ...written, problems: [...providers.problems, ...written.problems].sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true })) };
    return { format: 'json', identityProviders, audit: { identityProviders: { created: written.created, updated: written.updated, unchanged: written.unchanged, problems: identityProviders.problems.length, changed } } };
  }, actor);
}

/**
 * Imports a CSV file in one of the layouts of docs/network-format.md (libraries, alliances or
 * memberships, told apart by the header row), with the same all-or-nothing rules; problems name
 * the line and column.
 */
export async function importNetworkCsv(db: Db, text: string, actor: Actor = {}, options: ImportOptions = {}): Promise<ImportReport> {
  const content = readCsv(text);
  if (!content.layout) invalid(content.problems, options.locale);
  return run(db, options, async (tx, tally) => {
    const directory = await directoryOf(tx);
    if (content.layout === 'memberships') {
      const { members, problems } = checkMembershipRows(content.rows, directory);
      if (problems.length || content.problems.length) invalid(byLine([...content.problems, ...problems]), options.locale);
      await applyMemberLists(tx, members, tally);
    } else {
      const checked = checkDocument(content.document, directory);
      const problems = [...content.problems, ...checked.problems.map((p) => inCsvTerms(p, content.layout, content.lines))];
      if (problems.length) invalid(byLine(problems), options.locale);
      await applyDocument(tx, checked, tally);
    }
    return { format: 'csv', layout: content.layout };
  }, actor);
}

async function run(
  db: Db,
  options: ImportOptions,
  body: (tx: Queryable, tally: Tally) => Promise<Pick<ImportReport, 'format' | 'layout' | 'identityProviders'> & { audit?: Record<string, unknown> }>,
  actor: Actor,
): Promise<ImportReport> {
  const dryRun = options.dryRun ?? false;
  try {
    return await db.transaction(async (tx) => {
      // Imports and hierarchy changes take turns, so the checks see what the writes will meet.
      await lockHierarchy(tx);
      const tally = new Tally();
      const { audit, ...kind } = await body(tx, tally);
      const report: ImportReport = { ...kind, dryRun, ...tally.counts };
      if (dryRun) throw new DryRun(report);
      const { identityProviders: _reported, ...shape } = kind;
      await recordNetworkAudit(tx, actor, { action: 'network.import', target: 'network', details: { ...shape, counts: tally.counts, changed: tally.changed, ...audit } });
      return report;
    });
  } catch (err) {
    if (err instanceof DryRun) return err.report;
    throw err;
  }
}

function invalid(problems: Problem[], locale: Locale = 'en'): never {
  const fields = renderProblems(problems, locale);
  throw NetworkErrors.IMPORT_INVALID({ count: fields.length }, fields);
}

async function directoryOf(tx: Queryable): Promise<Directory> {
  return { libraries: await libraryStore.allSymbols(tx), alliances: await allianceStore.hierarchy(tx) };
}

const memberDocs = (members: readonly Member[]): Member[] => members.map((m) => withoutUndefined({ library: m.library, role: m.role, joined: m.joined }));

/** Writes a checked document: libraries, then alliances (parents last, once all exist), then agreements. */
async function applyDocument(tx: Queryable, checked: CheckedDocument, tally: Tally): Promise<void> {
  const libraries = await libraryStore.bySymbols(tx, checked.libraries.map((l) => l.doc.symbol));
  for (const { doc } of checked.libraries) {
    const next = canonicalLibrary(doc);
    const current = libraries.get(next.symbol);
    if (!current) {
      await libraryStore.insert(tx, next);
      tally.add('libraries', 'created', next.symbol);
    } else if (sameValue(current.doc, next)) tally.add('libraries', 'unchanged', next.symbol);
    else {
      await libraryStore.update(tx, current.id, next);
      tally.add('libraries', 'updated', next.symbol);
    }
  }

  const alliances = await allianceStore.byCodes(tx, checked.alliances.map((a) => a.doc.code));
  // A parent may come later in the file than its child: parents are set when every alliance exists.
  const parents: { id: number; parent: string | undefined }[] = [];
  for (const { doc } of checked.alliances) {
    const fields = canonicalAllianceFields(doc);
    const members = doc.members && memberDocs(doc.members);
    const governance = doc.governance && canonicalGovernance(doc.governance);
    const current = alliances.get(fields.code);
    let id: number;
    if (!current) {
      id = await allianceStore.insert(tx, fields);
      if (fields.parent) parents.push({ id, parent: fields.parent });
      tally.add('alliances', 'created', fields.code);
    } else {
      id = current.id;
      const fieldsChanged = !sameValue(current.fields, fields);
      const membersChanged = members !== undefined && !sameValue(memberDocs(current.members), members);
      const governanceChanged = governance !== undefined && !sameValue(current.governance, governance);
      if (!fieldsChanged && !membersChanged && !governanceChanged) {
        tally.add('alliances', 'unchanged', fields.code);
        continue;
      }
      if (fieldsChanged) await allianceStore.update(tx, id, fields);
      else await allianceStore.touch(tx, id);
      if (current.fields.parent !== fields.parent) parents.push({ id, parent: fields.parent });
      tally.add('alliances', 'updated', fields.code);
    }
    if (members) await allianceStore.replaceMembers(tx, id, members);
    if (governance) await allianceStore.replaceGovernance(tx, id, governance);
  }
  for (const p of parents) await allianceStore.setParent(tx, p.id, p.parent);

  const agreements = await agreementStore.byCodes(tx, checked.agreements.map((g) => g.doc.code));
  for (const { doc } of checked.agreements) {
    const next = canonicalAgreement(doc);
    const current = agreements.get(next.code);
    if (!current) {
      await agreementStore.insert(tx, next);
      tally.add('agreements', 'created', next.code);
    } else if (sameValue(current.doc, next)) tally.add('agreements', 'unchanged', next.code);
    else {
      await agreementStore.update(tx, current.id, next);
      tally.add('agreements', 'updated', next.code);
    }
  }
}

/** A memberships file: each alliance it names gets exactly the members it lists. */
async function applyMemberLists(tx: Queryable, lists: Map<string, Member[]>, tally: Tally): Promise<void> {
  const alliances = await allianceStore.byCodes(tx, [...lists.keys()]);
  for (const [code, members] of lists) {
    const current = alliances.get(code)!;
    if (sameValue(memberDocs(current.members), members)) {
      tally.add('alliances', 'unchanged', code);
      continue;
    }
    await allianceStore.replaceMembers(tx, current.id, members);
    await allianceStore.touch(tx, current.id);
    tally.add('alliances', 'updated', code);
  }
}
