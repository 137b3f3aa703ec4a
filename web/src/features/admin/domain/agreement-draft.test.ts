import { describe, expect, it } from 'vitest';
import { checkAgreement, emptyAgreement, toAgreement } from './agreement-draft';

describe('a new agreement in the form', () => {
  it('names what is wrong by the server’s field paths while it is typed', () => {
    const d = { ...emptyAgreement, code: 'jalis-2027', nameZh: '协议', nameEn: 'Agreement', validFrom: '2027-01-01', validTo: '2026-12-31', subsidyPercent: '150' };
    d.parties = [
      { kind: 'alliance', value: 'JALIS' },
      { kind: 'library', value: 'nju' },
    ];
    expect(checkAgreement(d)).toEqual({
      code: 'admin.problem.code',
      'parties[1].library': 'admin.problem.symbol',
      subsidyRate: 'admin.problem.percent',
      validTo: 'admin.problem.endBeforeStart',
    });
  });

  it('becomes the API’s body: parties by kind, the subsidy as a share, blank terms left out', () => {
    const d = { ...emptyAgreement, code: 'JALIS-ZJ-2027', nameZh: '苏浙协议', nameEn: 'Jiangsu–Zhejiang', validFrom: '2027-01-01', loan: '15', subsidyPercent: '40', turnaroundDays: '5' };
    d.parties = [
      { kind: 'alliance', value: 'JALIS' },
      { kind: 'library', value: 'CN-ZJU' },
    ];
    expect(checkAgreement(d)).toEqual({});
    expect(JSON.parse(JSON.stringify(toAgreement(d)))).toEqual({
      code: 'JALIS-ZJ-2027',
      name: { zh: '苏浙协议', en: 'Jiangsu–Zhejiang' },
      parties: [{ alliance: 'JALIS' }, { library: 'CN-ZJU' }],
      feesWaived: false,
      fees: { currency: 'CNY', loan: 15 },
      subsidyRate: 0.4,
      turnaroundDays: 5,
      validFrom: '2027-01-01',
    });
  });
});
