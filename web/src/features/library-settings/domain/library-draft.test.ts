import { describe, expect, it } from 'vitest';
import { checkLibraryDraft, draftOf, emptyLibraryDraft, toLibraryEntry, type LibraryEntry } from './library-draft';

const entry: LibraryEntry = {
  symbol: 'CN-NJU',
  name: { zh: '南京大学图书馆', en: 'Nanjing University Library' },
  type: 'university',
  province: 'CN-JS',
  city: { zh: '南京', en: 'Nanjing' },
  contacts: [{ name: 'ILL office', role: 'ill', email: 'ill@lib.nju.edu.cn' }],
  lendingPolicy: { lendsReturnables: true, suppliesCopies: false, loanPeriodDays: 30, excludedMaterialTypes: ['thesis'], fees: { currency: 'CNY', loan: 20 } },
  closedDays: [{ from: '2027-01-28', to: '2027-02-04', reason: { zh: '春节', en: 'Spring Festival' } }],
  targetLendBorrowRatio: 1.5,
};

describe('a library entry in the form', () => {
  it('comes back as it went in', () => {
    expect(JSON.parse(JSON.stringify(toLibraryEntry(draftOf(entry))))).toEqual(entry);
  });

  it('names each problem by the path the server uses', () => {
    const d = draftOf(entry);
    d.contacts[0]!.email = 'not an address';
    d.loanPeriodDays = '400';
    d.closedDays[0]!.to = '2027-01-01';
    d.cityEn = '';
    expect(checkLibraryDraft(d, false)).toEqual({
      'contacts[0].email': 'admin.problem.email',
      'lendingPolicy.loanPeriodDays': 'librarySettings.problem.loanPeriod',
      'closedDays[0].to': 'admin.problem.endBeforeStart',
      'city.en': 'admin.problem.bothLanguages',
    });
  });

  it('asks a new library for a symbol of the directory’s form and both names', () => {
    expect(checkLibraryDraft({ ...emptyLibraryDraft, symbol: 'nju' }, true)).toEqual({ symbol: 'admin.problem.symbol', 'name.zh': 'admin.problem.required', 'name.en': 'admin.problem.required' });
    expect(checkLibraryDraft({ ...emptyLibraryDraft, symbol: 'CALIS:211010', nameZh: '甲', nameEn: 'A' }, true)).toEqual({});
  });
});
