import { describe, expect, it } from 'vitest';
import { calendarYear, checkCopyright, foldTitle, titleKey, type CopyrightRule, type LedgerCopy } from './rules.js';

const contu: CopyrightRule = { id: 1, name: 'CONTU rule of five', alliance: null, maxCopies: 5, windowYears: 5 };
const now = '2026-06-01T08:00:00.000Z';
const copy = (over: Partial<LedgerCopy> = {}): LedgerCopy => ({ titleKey: 'issn:01406736', publicationYear: 2025, countedYear: 2026, voided: false, ...over });
const lancet = { title: 'The Lancet', issn: '0140-6736', publicationYear: 2024 };

describe('copyright: the rule of five', () => {
  it('lets the fifth copy of a journal go and holds the sixth', () => {
    const four = Array.from({ length: 4 }, () => copy());
    expect(checkCopyright(lancet, [contu], four, now)).toEqual({
      titleKey: 'issn:01406736', countedYear: 2026, within: true,
      findings: [{ rule: 1, name: 'CONTU rule of five', limit: 5, windowYears: 5, used: 4, over: false }],
    });
    const five = [...four, copy()];
    expect(checkCopyright(lancet, [contu], five, now)).toMatchObject({ within: false, findings: [{ used: 5, over: true }] });
  });

  it('counts only this year, this title, recent issues, and not what was voided', () => {
    const others = [
      copy({ countedYear: 2025 }), copy({ countedYear: 2025 }), copy({ countedYear: 2025 }), copy({ countedYear: 2025 }), copy({ countedYear: 2025 }),
      copy({ titleKey: 'issn:00280836' }), copy({ publicationYear: 2019 }), copy({ voided: true }), copy({ voided: true }),
    ];
    expect(checkCopyright(lancet, [contu], [...others, copy(), copy(), copy(), copy()], now)).toMatchObject({ within: true, findings: [{ used: 4 }] });
  });

  it('leaves an article older than the window to no rule; an unknown year counts as recent', () => {
    const full = Array.from({ length: 5 }, () => copy());
    expect(checkCopyright({ ...lancet, publicationYear: 2021 }, [contu], full, now)).toEqual({ titleKey: 'issn:01406736', countedYear: 2026, within: true, findings: [] });
    expect(checkCopyright({ ...lancet, publicationYear: 2022 }, [contu], full, now).within).toBe(false);
    expect(checkCopyright({ ...lancet, publicationYear: null }, [contu], full, now).within).toBe(false);
  });

  it('holds a copy that is over any one of several rules (the strictest wins) and names each', () => {
    const strict: CopyrightRule = { id: 2, name: 'JALIS: three a year', alliance: 'JALIS', maxCopies: 3, windowYears: 3 };
    const verdict = checkCopyright(lancet, [contu, strict], [copy(), copy(), copy()], now);
    expect(verdict.within).toBe(false);
    expect(verdict.findings.map((f) => [f.rule, f.over])).toEqual([[1, false], [2, true]]);
    // No rules: nothing to hold.
    expect(checkCopyright(lancet, [], [copy(), copy(), copy(), copy(), copy(), copy()], now).within).toBe(true);
  });

  it('keys a journal by its ISSN, else by its folded title', () => {
    expect(titleKey({ title: 'x', issn: '0140-673x' })).toBe('issn:0140673X');
    expect(titleKey({ title: 'The Lancet.', issn: null })).toBe(titleKey({ title: 'LANCET', issn: null }));
    expect(titleKey({ title: '中国图书馆学报', issn: 'not-an-issn' })).toBe('title:中国图书馆学报');
    expect(foldTitle('Ｎａｔｕｒｅ：  Physics')).toBe('naturephysics');
  });

  it('counts the calendar year in China Standard Time', () => {
    expect(calendarYear('2025-12-31T15:59:59.000Z')).toBe(2025);
    expect(calendarYear('2025-12-31T16:00:00.000Z')).toBe(2026);
  });
});
