import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCopyright, isRecent, titleKey, usedUnder, type CopyrightRule, type LedgerCopy } from './rules.js';

const rule = fc.record({ id: fc.nat(100), name: fc.constant('r'), alliance: fc.constant(null), maxCopies: fc.integer({ min: 0, max: 8 }), windowYears: fc.integer({ min: 1, max: 10 }) });
const journal = fc.constantFrom({ title: 'The Lancet', issn: '0140-6736' }, { title: 'Nature', issn: null }, { title: '图书情报工作', issn: null });
const request = fc.record({
  journal,
  publicationYear: fc.option(fc.integer({ min: 2010, max: 2026 }), { nil: null }),
  // An instant in 2025 or 2026 (the calendar year changes in the middle of the run).
  at: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 30) }).map((ms) => new Date(ms).toISOString()),
  cancelled: fc.boolean(),
});

describe('copyright counting (property)', () => {
  it('a borrowing library that sends only what the rules allow never counts more than a rule’s limit of one title in a year', () => {
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 3 }), fc.array(request, { maxLength: 40 }), (rules: CopyrightRule[], requests) => {
        const sorted = [...requests].sort((a, b) => a.at.localeCompare(b.at));
        const ledger: LedgerCopy[] = [];
        for (const r of sorted) {
          const v = checkCopyright({ ...r.journal, publicationYear: r.publicationYear }, rules, ledger, r.at);
          if (!v.within) continue;
          // A request cancelled before its copy came is voided: it stops counting.
          ledger.push({ titleKey: v.titleKey, publicationYear: r.publicationYear, countedYear: v.countedYear, voided: r.cancelled });
        }
        for (const rl of rules) {
          for (const key of new Set(ledger.map((c) => c.titleKey))) {
            for (const year of [2025, 2026]) expect(usedUnder(rl, ledger, key, year)).toBeLessThanOrEqual(rl.maxCopies);
          }
        }
      }),
    );
  });

  it('one more copy counted adds exactly one under every rule it is recent for, and nothing under the others', () => {
    fc.assert(
      fc.property(rule, fc.array(fc.record({ key: fc.constantFrom('issn:01406736', 'title:nature'), year: fc.option(fc.integer({ min: 2010, max: 2026 }), { nil: null }), voided: fc.boolean() })), fc.option(fc.integer({ min: 2010, max: 2026 }), { nil: null }), (rl, entries, pub) => {
        const ledger: LedgerCopy[] = entries.map((e) => ({ titleKey: e.key, publicationYear: e.year, countedYear: 2026, voided: e.voided }));
        const before = usedUnder(rl, ledger, 'issn:01406736', 2026);
        const after = usedUnder(rl, [...ledger, { titleKey: 'issn:01406736', publicationYear: pub, countedYear: 2026, voided: false }], 'issn:01406736', 2026);
        expect(after - before).toBe(isRecent(pub, 2026, rl.windowYears) ? 1 : 0);
        expect(before).toBeLessThanOrEqual(ledger.length);
      }),
    );
  });

  it('an ISSN written with or without its hyphen, in either case, is one title', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{7}[\dX]$/), fc.boolean(), fc.boolean(), (issn, hyphen, lower) => {
        let written = hyphen ? `${issn.slice(0, 4)}-${issn.slice(4)}` : issn;
        if (lower) written = written.toLowerCase();
        expect(titleKey({ title: 'anything', issn: written })).toBe(`issn:${issn}`);
      }),
    );
  });
});
