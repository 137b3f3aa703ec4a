import { describe, expect, it } from 'vitest';
import { agencyIdOf, isLibrarySymbol } from './symbols.js';

describe('library symbols', () => {
  it('accepts an ISIL or a prefixed alliance code, and nothing that would not fit in one URL segment', () => {
    for (const s of ['CN-PKU', 'CN-YANGTZEU', 'CALIS:211010', 'JALIS:NJU-01']) expect(isLibrarySymbol(s), s).toBe(true);
    for (const s of ['PKU', 'cn-pku', 'CN-', 'CN-A/B', 'CALIS:', ':211010', 'CN-PKU ', 'CN-ABCDEFGHIJKLMN']) expect(isLibrarySymbol(s), s).toBe(false);
  });

  it('splits a symbol into an ISO 18626 agency id', () => {
    expect(agencyIdOf('CN-PKU')).toEqual({ agencyIdType: 'ISIL', agencyIdValue: 'CN-PKU' });
    expect(agencyIdOf('CALIS:211010')).toEqual({ agencyIdType: 'CALIS', agencyIdValue: '211010' });
  });
});
