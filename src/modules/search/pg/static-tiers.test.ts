import { describe, expect, it } from 'vitest';
import { STATIC_TIERS, staticTierLexemes } from '../domain/document/static-tiers.js';
import { documentVector } from '../domain/analysis/index.js';
import { tiersToTry } from './static-tiers.js';

const shares = new Map(STATIC_TIERS.map((t) => [t.lexeme, t.share]));

describe('static-score tiers', () => {
  it('puts a score in every tier it reaches, compared as the stored real compares', () => {
    expect(staticTierLexemes(0.912)).toEqual([]);
    expect(staticTierLexemes(1.0)).toEqual(['~s1']);
    expect(staticTierLexemes(1.093)).toEqual(['~s1']);
    // Two libraries, nothing else: ln 3.
    expect(staticTierLexemes(Math.round(Math.log(3) * 1000) / 1000)).toEqual(['~s2', '~s1']);
    expect(staticTierLexemes(1.5)).toEqual(['~s3', '~s2', '~s1']);
    expect(staticTierLexemes(2.793)).toEqual(['~s6', '~s5', '~s4', '~s3', '~s2', '~s1']);
    // Held by all 20 libraries of the benchmark, this year's, on the shelf: ln 21 + 0.4.
    expect(staticTierLexemes(3.445)).toEqual(['~s9', '~s8', '~s7', '~s6', '~s5', '~s4', '~s3', '~s2', '~s1']);
    // Just under a threshold in double precision but equal to it as float4: in, as SQL sorts it.
    expect(staticTierLexemes(1.8 - 1e-9)).toContain('~s4');
  });

  it('writes the tiers without positions, after the positioned lexemes', () => {
    const v = documentVector({ titles: ['Jazz'], authors: [], subjects: [], publishers: [], series: [], other: [], isbns: [], issns: [], dois: [], callNumbers: [], systemNumbers: [], unpositioned: ['~s2', '~s1'] });
    expect(v).toBe("'jazz':1A 'ti|jazz':1A '~s2' '~s1'");
  });

  it('tries the highest tier expected to hold the rank cap with a margin, then lower ones twice as big each', () => {
    // `history` in the 1 M-cluster benchmark: a slice of about 1 % of the documents first.
    expect(tiersToTry(380_000, 2000, shares)).toEqual(['~s8', '~s7', '~s6', '~s4', '~s2']);
    expect(tiersToTry(100_000, 2000, shares)).toEqual(['~s6', '~s4', '~s2']);
    expect(tiersToTry(20_000, 2000, shares)).toEqual(['~s4', '~s2']);
    expect(tiersToTry(6_000, 2000, shares)).toEqual(['~s1']);
    // Not expected to hold the margin, but the lowest tier should hold the rank cap itself.
    expect(tiersToTry(4_000, 2000, shares)).toEqual(['~s1']);
    // Not even the lowest tier is expected to hold enough: all matches at once.
    expect(tiersToTry(3_000, 2000, shares)).toEqual([]);
    // A network whose documents are mostly in the top tier.
    expect(tiersToTry(6_000, 2000, new Map([['~s12', 0.5]]))).toEqual(['~s12']);
    // A tier the statistics do not list (share 0) is never tried.
    expect(tiersToTry(380_000, 2000, new Map([...shares, ['~s8', 0]]))).not.toContain('~s8');
  });
});
