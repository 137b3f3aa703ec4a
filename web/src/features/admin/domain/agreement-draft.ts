import type { Agreement } from '../hooks/use-directory';

/** A new agreement as the form holds it, checked as typed by the API schema's rules (src/modules/network/domain/document.ts). */
export interface AgreementDraft {
  code: string;
  nameZh: string;
  nameEn: string;
  parties: { kind: 'library' | 'alliance'; value: string }[];
  feesWaived: boolean;
  currency: string;
  loan: string;
  copyPerPage: string;
  copyMinimum: string;
  subsidyPercent: string;
  turnaroundDays: string;
  validFrom: string;
  validTo: string;
}

export const emptyAgreement: AgreementDraft = {
  code: '',
  nameZh: '',
  nameEn: '',
  parties: [
    { kind: 'alliance', value: '' },
    { kind: 'alliance', value: '' },
  ],
  feesWaived: false,
  currency: 'CNY',
  loan: '',
  copyPerPage: '',
  copyMinimum: '',
  subsidyPercent: '',
  turnaroundDays: '',
  validFrom: '',
  validTo: '',
};

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
const isilPattern = /^[A-Z]{2}-[A-Za-z0-9-]{1,13}$|^[A-Z][A-Z0-9-]{1,15}:[A-Za-z0-9._-]{1,32}$/;
const codePattern = /^[A-Z][A-Z0-9-]{0,63}$/;

/** i18n keys of the problems, by the body's field paths (`parties[1].alliance`, `fees.loan`). */
export function checkAgreement(d: AgreementDraft): Record<string, string> {
  const p: Record<string, string> = {};
  if (!codePattern.test(d.code)) p.code = 'admin.problem.code';
  if (!d.nameZh.trim()) p['name.zh'] = 'admin.problem.required';
  if (!d.nameEn.trim()) p['name.en'] = 'admin.problem.required';
  d.parties.forEach((party, i) => {
    const ok = party.kind === 'library' ? isilPattern.test(party.value) : codePattern.test(party.value);
    if (!ok) p[`parties[${i}].${party.kind}`] = party.kind === 'library' ? 'admin.problem.symbol' : 'admin.problem.code';
  });
  for (const k of ['loan', 'copyPerPage', 'copyMinimum'] as const) {
    const n = num(d[k]);
    if (n !== undefined && (Number.isNaN(n) || n < 0)) p[`fees.${k}`] = 'admin.problem.amount';
  }
  if ([d.loan, d.copyPerPage, d.copyMinimum].some((s) => s.trim()) && !/^[A-Z]{3}$/.test(d.currency)) p['fees.currency'] = 'librarySettings.problem.currency';
  const subsidy = num(d.subsidyPercent);
  if (subsidy !== undefined && (Number.isNaN(subsidy) || subsidy < 0 || subsidy > 100)) p.subsidyRate = 'admin.problem.percent';
  const days = num(d.turnaroundDays);
  if (days !== undefined && (!Number.isInteger(days) || days < 0 || days > 365)) p.turnaroundDays = 'admin.problem.days';
  if (!isDay(d.validFrom)) p.validFrom = 'admin.problem.date';
  if (d.validTo && !isDay(d.validTo)) p.validTo = 'admin.problem.date';
  else if (d.validTo && isDay(d.validFrom) && d.validTo < d.validFrom) p.validTo = 'admin.problem.endBeforeStart';
  return p;
}

export function toAgreement(d: AgreementDraft): Agreement {
  const anyFee = [d.loan, d.copyPerPage, d.copyMinimum].some((s) => s.trim());
  const subsidy = num(d.subsidyPercent);
  return {
    code: d.code,
    name: { zh: d.nameZh.trim(), en: d.nameEn.trim() },
    parties: d.parties.map((p) => ({ [p.kind]: p.value.trim() })),
    feesWaived: d.feesWaived,
    fees: anyFee && !d.feesWaived ? { currency: d.currency, loan: num(d.loan), copyPerPage: num(d.copyPerPage), copyMinimum: num(d.copyMinimum) } : undefined,
    subsidyRate: subsidy === undefined ? undefined : subsidy / 100,
    turnaroundDays: num(d.turnaroundDays),
    validFrom: d.validFrom,
    validTo: d.validTo || undefined,
  };
}
