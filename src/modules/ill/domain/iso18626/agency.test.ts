import { describe, expect, it } from 'vitest';
import { agencyIdOfSymbol, symbolOfAgencyId } from './agency.js';

describe('library symbols as agency ids', () => {
  it('an ISIL is agencyIdType ISIL with the whole ISIL as value', () => {
    expect(agencyIdOfSymbol('CN-123456')).toEqual({ agencyIdType: { value: 'ISIL' }, agencyIdValue: 'CN-123456' });
    expect(agencyIdOfSymbol('US-DLC')).toEqual({ agencyIdType: { value: 'ISIL' }, agencyIdValue: 'US-DLC' });
  });

  it('an alliance code splits at the colon', () => {
    expect(agencyIdOfSymbol('CALIS:211010')).toEqual({ agencyIdType: { value: 'CALIS' }, agencyIdValue: '211010' });
  });

  it('goes back to the same symbol, whatever the scheme attribute or the case of ISIL', () => {
    for (const s of ['CN-123456', 'CALIS:211010', 'CASHL:A-1']) expect(symbolOfAgencyId(agencyIdOfSymbol(s))).toBe(s);
    expect(symbolOfAgencyId({ agencyIdType: { value: 'isil', scheme: 'http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0' }, agencyIdValue: 'CN-1' })).toBe('CN-1');
  });

  it('refuses what is not a symbol, saying what one looks like', () => {
    expect(() => agencyIdOfSymbol('Peking University')).toThrow(/not a library symbol \(an ISIL such as CN-123456, or PREFIX:code/);
  });
});
