/**
 * The copyright rule engine (pure): whether one more copy of an article from a journal may be
 * asked for under the borrowing library's rules, given the copies it already asked for this
 * calendar year (its ledger). CONTU's "rule of five" is the rule { maxCopies: 5, windowYears: 5 }:
 * at most five copies of articles from one periodical title per calendar year, for articles
 * published within five years before the request. The library's copies beyond that need clearance
 * (a royalty paid, fair use, a licence): staff decide, with the reason.
 */

export interface CopyrightRule {
  id: number;
  name: string;
  /** The alliance whose members borrow under it; null: every library of the deployment. */
  alliance: string | null;
  maxCopies: number;
  windowYears: number;
}

/** What a copy request says about its source. */
export interface CopySource {
  /** The journal (or book) title the article comes from. */
  title: string;
  issn: string | null;
  /** The year the issue was published; null when not known. */
  publicationYear: number | null;
}

/** A copy in the borrowing library's ledger, as the rules count it. */
export interface LedgerCopy {
  titleKey: string;
  publicationYear: number | null;
  /** The calendar year the copy was asked for. */
  countedYear: number;
  voided: boolean;
}

export interface RuleFinding {
  rule: number;
  name: string;
  limit: number;
  windowYears: number;
  /** Copies of this title already counted under the rule this year. */
  used: number;
  over: boolean;
}

export interface CopyrightVerdict {
  titleKey: string;
  countedYear: number;
  /** Within every rule that applies (or none applies): the copy may go; else it waits for clearance. */
  within: boolean;
  /** Every rule the copy falls under (recent enough), over or not. */
  findings: RuleFinding[];
}

/**
 * One key per journal: the ISSN when known (digits and X, no hyphen), else the title folded
 * (Unicode NFKC, lower case, without spaces, punctuation or a leading English article), so
 * "The Lancet", "LANCET." and "lancet" are one title.
 */
export function titleKey(source: Pick<CopySource, 'title' | 'issn'>): string {
  const issn = source.issn?.toUpperCase().replace(/[^0-9X]/g, '');
  if (issn && issn.length === 8) return `issn:${issn}`;
  return `title:${foldTitle(source.title)}`;
}

export function foldTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^\s*(the|a|an)\s+/u, '')
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * Whether a copy counts under a rule: its issue was published in the rule's window before the
 * year it was asked for (the window's years include that year: with 5, a request of 2026 counts
 * issues of 2022–2026). An unknown year counts: the rule errs on the author's side.
 */
export function isRecent(publicationYear: number | null, countedYear: number, windowYears: number): boolean {
  if (publicationYear === null) return true;
  const age = countedYear - publicationYear;
  return age < windowYears;
}

/** The copies of one title a rule counts in a year (voided ones no longer count). */
export function usedUnder(rule: CopyrightRule, ledger: readonly LedgerCopy[], key: string, year: number): number {
  let used = 0;
  for (const c of ledger) {
    if (!c.voided && c.titleKey === key && c.countedYear === year && isRecent(c.publicationYear, c.countedYear, rule.windowYears)) used++;
  }
  return used;
}

/** The year of an instant in China Standard Time: the calendar year a Chinese library keeps its books by. */
export function calendarYear(now: string): number {
  return new Date(Date.parse(now) + 8 * 3_600_000).getUTCFullYear();
}

/**
 * Checks one more copy against the rules. A rule applies when the copy is recent under it; the
 * copy is over a rule when the copies already counted are at its limit.
 */
export function checkCopyright(source: CopySource, rules: readonly CopyrightRule[], ledger: readonly LedgerCopy[], now: string): CopyrightVerdict {
  const key = titleKey(source);
  const year = calendarYear(now);
  const findings: RuleFinding[] = [];
  for (const rule of rules) {
    if (!isRecent(source.publicationYear, year, rule.windowYears)) continue;
    const used = usedUnder(rule, ledger, key, year);
    findings.push({ rule: rule.id, name: rule.name, limit: rule.maxCopies, windowYears: rule.windowYears, used, over: used >= rule.maxCopies });
  }
  return { titleKey: key, countedYear: year, within: findings.every((f) => !f.over), findings };
}

/** Why staff cleared a copy over the limit: the ledger keeps the code and the words. */
export const clearanceReasons = ['paid-royalty', 'fair-use', 'licence', 'public-domain', 'other'] as const;
/** Why staff refused one. */
export const refusalReasons = ['over-limit', 'no-licence', 'other'] as const;
export type ClearanceReason = (typeof clearanceReasons)[number] | (typeof refusalReasons)[number];
