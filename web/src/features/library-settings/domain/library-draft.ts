/**
 * A directory entry of a library as a form holds it (strings, as typed) and back: the checks
 * of the API's schema (src/modules/network/domain/document.ts), so problems show while the user
 * types, named by the same paths as the server's problem details (`contacts[0].email`).
 */

export const libraryTypes = ['university', 'public', 'research', 'other'] as const;
export const contactRoles = ['general', 'ill', 'document-delivery', 'cataloguing', 'acquisitions', 'reference', 'director', 'it', 'other'] as const;
export const materialTypes = ['book', 'serial', 'newspaper', 'thesis', 'conference', 'map', 'score', 'audio', 'video', 'manuscript', 'rare-book', 'electronic', 'other'] as const;
export const endpointNames = ['iso18626', 'oaiPmh', 'sru', 'ncip'] as const;

type Localized = { zh: string; en: string };

/** A library as GET /api/v1/libraries/{symbol} answers (the fields the form keeps). */
export interface LibraryEntry {
  symbol: string;
  name: Localized;
  type: string;
  province: string;
  city?: Localized;
  coordinates?: { lat: number; lon: number };
  fte?: number;
  contacts?: { name: string; role: string; email?: string; phone?: string }[];
  endpoints?: Partial<Record<(typeof endpointNames)[number], string>>;
  lendingPolicy?: {
    lendsReturnables: boolean;
    suppliesCopies: boolean;
    loanPeriodDays?: number;
    renewals?: number;
    excludedMaterialTypes?: string[];
    fees?: { currency: string; loan?: number; copyPerPage?: number; copyMinimum?: number };
  };
  closedDays?: { from: string; to: string; reason?: Localized }[];
  targetLendBorrowRatio?: number;
}

export interface ContactDraft {
  name: string;
  role: string;
  email: string;
  phone: string;
}
export interface ClosedDayDraft {
  from: string;
  to: string;
  reasonZh: string;
  reasonEn: string;
}

export interface LibraryDraft {
  symbol: string;
  nameZh: string;
  nameEn: string;
  type: string;
  province: string;
  cityZh: string;
  cityEn: string;
  lat: string;
  lon: string;
  fte: string;
  targetRatio: string;
  contacts: ContactDraft[];
  endpoints: Record<(typeof endpointNames)[number], string>;
  hasPolicy: boolean;
  lendsReturnables: boolean;
  suppliesCopies: boolean;
  loanPeriodDays: string;
  renewals: string;
  excluded: string[];
  currency: string;
  feeLoan: string;
  feeCopyPerPage: string;
  feeCopyMinimum: string;
  closedDays: ClosedDayDraft[];
}

const str = (n: number | undefined) => (n === undefined ? '' : String(n));

export const emptyLibraryDraft: LibraryDraft = {
  symbol: '',
  nameZh: '',
  nameEn: '',
  type: 'university',
  province: 'CN-BJ',
  cityZh: '',
  cityEn: '',
  lat: '',
  lon: '',
  fte: '',
  targetRatio: '',
  contacts: [],
  endpoints: { iso18626: '', oaiPmh: '', sru: '', ncip: '' },
  hasPolicy: false,
  lendsReturnables: true,
  suppliesCopies: true,
  loanPeriodDays: '',
  renewals: '',
  excluded: [],
  currency: 'CNY',
  feeLoan: '',
  feeCopyPerPage: '',
  feeCopyMinimum: '',
  closedDays: [],
};

export function draftOf(e: LibraryEntry): LibraryDraft {
  const p = e.lendingPolicy;
  return {
    symbol: e.symbol,
    nameZh: e.name.zh,
    nameEn: e.name.en,
    type: e.type,
    province: e.province,
    cityZh: e.city?.zh ?? '',
    cityEn: e.city?.en ?? '',
    lat: str(e.coordinates?.lat),
    lon: str(e.coordinates?.lon),
    fte: str(e.fte),
    targetRatio: str(e.targetLendBorrowRatio),
    contacts: (e.contacts ?? []).map((c) => ({ name: c.name, role: c.role, email: c.email ?? '', phone: c.phone ?? '' })),
    endpoints: { iso18626: e.endpoints?.iso18626 ?? '', oaiPmh: e.endpoints?.oaiPmh ?? '', sru: e.endpoints?.sru ?? '', ncip: e.endpoints?.ncip ?? '' },
    hasPolicy: Boolean(p),
    lendsReturnables: p?.lendsReturnables ?? true,
    suppliesCopies: p?.suppliesCopies ?? true,
    loanPeriodDays: str(p?.loanPeriodDays),
    renewals: str(p?.renewals),
    excluded: p?.excludedMaterialTypes ?? [],
    currency: p?.fees?.currency ?? 'CNY',
    feeLoan: str(p?.fees?.loan),
    feeCopyPerPage: str(p?.fees?.copyPerPage),
    feeCopyMinimum: str(p?.fees?.copyMinimum),
    closedDays: (e.closedDays ?? []).map((c) => ({ from: c.from, to: c.to, reasonZh: c.reason?.zh ?? '', reasonEn: c.reason?.en ?? '' })),
  };
}

const isilPattern = /^[A-Z]{2}-[A-Za-z0-9-]{1,13}$/;
const prefixedSymbolPattern = /^[A-Z][A-Z0-9-]{1,15}:[A-Za-z0-9._-]{1,32}$/;
export const isLibrarySymbol = (s: string) => isilPattern.test(s) || prefixedSymbolPattern.test(s);
export const isCode = (s: string) => /^[A-Z][A-Z0-9-]{0,63}$/.test(s);
const isEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
const isWebAddress = (s: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
};
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
const number = (s: string) => (s.trim() === '' ? undefined : Number(s));
/** A whole number in [min, max] or blank. */
const badWhole = (s: string, min: number, max: number) => {
  const n = number(s);
  return n !== undefined && (!Number.isInteger(n) || n < min || n > max);
};
const badAmount = (s: string, max = 1e9) => {
  const n = number(s);
  return n !== undefined && (Number.isNaN(n) || n < 0 || n > max);
};

/** i18n keys of what is wrong, by the field's path in the API's body. */
export type DraftProblems = Record<string, string>;

export function checkLibraryDraft(d: LibraryDraft, isNew: boolean): DraftProblems {
  const p: DraftProblems = {};
  if (isNew && !isLibrarySymbol(d.symbol.trim())) p.symbol = 'admin.problem.symbol';
  if (!d.nameZh.trim()) p['name.zh'] = 'admin.problem.required';
  if (!d.nameEn.trim()) p['name.en'] = 'admin.problem.required';
  if (Boolean(d.cityZh.trim()) !== Boolean(d.cityEn.trim())) p[d.cityZh.trim() ? 'city.en' : 'city.zh'] = 'admin.problem.bothLanguages';
  if (Boolean(d.lat.trim()) !== Boolean(d.lon.trim())) p[d.lat.trim() ? 'coordinates.lon' : 'coordinates.lat'] = 'admin.problem.bothCoordinates';
  if (badAmount(d.lat.replace('-', ''), 90)) p['coordinates.lat'] = 'admin.problem.latitude';
  if (badAmount(d.lon.replace('-', ''), 180)) p['coordinates.lon'] = 'admin.problem.longitude';
  if (badWhole(d.fte, 0, 1e9)) p.fte = 'admin.problem.wholeNumber';
  if (badAmount(d.targetRatio, 1000)) p.targetLendBorrowRatio = 'admin.problem.amount';
  d.contacts.forEach((c, i) => {
    if (!c.name.trim()) p[`contacts[${i}].name`] = 'admin.problem.required';
    if (c.email.trim() && !isEmail(c.email.trim())) p[`contacts[${i}].email`] = 'admin.problem.email';
    if (c.phone.length > 50) p[`contacts[${i}].phone`] = 'admin.problem.tooLong';
  });
  for (const k of endpointNames) if (d.endpoints[k].trim() && !isWebAddress(d.endpoints[k].trim())) p[`endpoints.${k}`] = 'admin.problem.webAddress';
  if (d.hasPolicy) {
    if (badWhole(d.loanPeriodDays, 1, 365)) p['lendingPolicy.loanPeriodDays'] = 'librarySettings.problem.loanPeriod';
    if (badWhole(d.renewals, 0, 20)) p['lendingPolicy.renewals'] = 'librarySettings.problem.renewals';
    const anyFee = [d.feeLoan, d.feeCopyPerPage, d.feeCopyMinimum].some((f) => f.trim());
    if (anyFee && !/^[A-Z]{3}$/.test(d.currency.trim())) p['lendingPolicy.fees.currency'] = 'librarySettings.problem.currency';
    if (badAmount(d.feeLoan)) p['lendingPolicy.fees.loan'] = 'admin.problem.amount';
    if (badAmount(d.feeCopyPerPage)) p['lendingPolicy.fees.copyPerPage'] = 'admin.problem.amount';
    if (badAmount(d.feeCopyMinimum)) p['lendingPolicy.fees.copyMinimum'] = 'admin.problem.amount';
  }
  d.closedDays.forEach((c, i) => {
    if (!isDay(c.from)) p[`closedDays[${i}].from`] = 'admin.problem.date';
    if (!isDay(c.to)) p[`closedDays[${i}].to`] = 'admin.problem.date';
    else if (isDay(c.from) && c.to < c.from) p[`closedDays[${i}].to`] = 'admin.problem.endBeforeStart';
    if (Boolean(c.reasonZh.trim()) !== Boolean(c.reasonEn.trim())) p[`closedDays[${i}].reason.${c.reasonZh.trim() ? 'en' : 'zh'}`] = 'admin.problem.bothLanguages';
  });
  return p;
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/** The API's body (PUT or POST): blank fields left out. */
export function toLibraryEntry(d: LibraryDraft): LibraryEntry {
  const fees =
    d.feeLoan.trim() || d.feeCopyPerPage.trim() || d.feeCopyMinimum.trim()
      ? { currency: d.currency.trim(), loan: number(d.feeLoan), copyPerPage: number(d.feeCopyPerPage), copyMinimum: number(d.feeCopyMinimum) }
      : undefined;
  const endpoints = Object.fromEntries(endpointNames.filter((k) => d.endpoints[k].trim()).map((k) => [k, d.endpoints[k].trim()]));
  return {
    symbol: d.symbol.trim(),
    name: { zh: d.nameZh.trim(), en: d.nameEn.trim() },
    type: d.type,
    province: d.province,
    city: d.cityZh.trim() ? { zh: d.cityZh.trim(), en: d.cityEn.trim() } : undefined,
    coordinates: d.lat.trim() ? { lat: Number(d.lat), lon: Number(d.lon) } : undefined,
    fte: number(d.fte),
    contacts: d.contacts.length ? d.contacts.map((c) => ({ name: c.name.trim(), role: c.role, email: opt(c.email), phone: opt(c.phone) })) : undefined,
    endpoints: Object.keys(endpoints).length ? endpoints : undefined,
    lendingPolicy: d.hasPolicy
      ? {
          lendsReturnables: d.lendsReturnables,
          suppliesCopies: d.suppliesCopies,
          loanPeriodDays: number(d.loanPeriodDays),
          renewals: number(d.renewals),
          excludedMaterialTypes: d.excluded.length ? d.excluded : undefined,
          fees,
        }
      : undefined,
    closedDays: d.closedDays.length
      ? d.closedDays.map((c) => ({ from: c.from, to: c.to, reason: c.reasonZh.trim() ? { zh: c.reasonZh.trim(), en: c.reasonEn.trim() } : undefined }))
      : undefined,
    targetLendBorrowRatio: number(d.targetRatio),
  };
}
