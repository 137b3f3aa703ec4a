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
    expect(staticTierLexemes(2.793)).toEqual(['~s4', '~s3', '~s2', '~s1']);
    // Just under a threshold in double precision but equal to it as float4: in, as SQL sorts it.
    expect(staticTierLexemes(1.8 - 1e-9)).toContain('~s4');
  });

  it('writes the tiers without positions, after the positioned lexemes', () => {
    const v = documentVector({ titles: ['Jazz'], authors: [], subjects: [], publishers: [], series: [], other: [], isbns: [], issns: [], dois: [], callNumbers: [], systemNumbers: [], unpositioned: ['~s2', '~s1'] });
    expect(v).toBe("'jazz':1A 'ti|jazz':1A '~s2' '~s1'");
  });

  it('tries the highest tier expected to hold the rank cap with a margin, then each lower one', () => {
    expect(tiersToTry(100_000, 2000, shares)).toEqual(['~s4', '~s3', '~s2', '~s1']);
    expect(tiersToTry(37_781, 2000, shares)).toEqual(['~s3', '~s2', '~s1']);
    expect(tiersToTry(20_000, 2000, shares)).toEqual(['~s2', '~s1']);
    expect(tiersToTry(6_000, 2000, shares)).toEqual(['~s1']);
    // Not even the lowest tier is expected to hold enough: all matches at once.
    expect(tiersToTry(3_000, 2000, shares)).toEqual([]);
    // A network whose documents are mostly in the top tier.
    expect(tiersToTry(6_000, 2000, new Map([['~s4', 0.5]]))).toEqual(['~s4', '~s3', '~s2', '~s1']);
  });
});
