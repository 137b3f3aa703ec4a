import type { Reason } from '../state/types.js';
import type { Candidate, RotaItem, RotaRequest } from './types.js';

/**
 * What one library can do for a request on one service path: its best item and how soon it is
 * to hand, or every reason it cannot.
 */
export type Usable = { ok: true; item: RotaItem; score: number; reasons: Reason[] } | { ok: false; reasons: Reason[] };

const DAY = 86_400_000;

/** Whole days from `today` (YYYY-MM-DD) to `date` (a date or an instant). */
export function daysUntil(date: string, today: string): number {
  return Math.ceil((Date.parse(date.slice(0, 10)) - Date.parse(today)) / DAY);
}

/**
 * One item on one path. Available now scores 1; an item on loan scores 0.1–0.5, higher the
 * sooner it is due (a loan due back after the date needed is no help); in transit 0.3. A
 * reference-only copy cannot be lent but can be copied from; an electronic copy cannot be lent,
 * and is copied from only if its licence does not forbid ILL (unknown licence: 0.8, staff check).
 */
export function assessItem(item: RotaItem, service: 'loan' | 'copy', request: Pick<RotaRequest, 'edition' | 'neededBy'>, today: string): { score: number; reasons: Reason[] } | { reasons: Reason[]; score?: undefined } {
  if (request.edition === 'this' && item.sameEdition === false) return { reasons: [{ code: 'ILL_ROTA_WRONG_EDITION' }] };
  const edition: Reason[] = item.sameEdition === false ? [{ code: 'ILL_ROTA_OTHER_EDITION' }] : [];
  if (item.status === 'missing' || item.status === 'lost') return { reasons: [{ code: 'ILL_ROTA_COPY_MISSING' }] };
  // On order, at the bindery, withdrawn …: not to be had now, whatever the path.
  if (item.status === 'unavailable') return { reasons: [{ code: 'ILL_ROTA_COPY_UNAVAILABLE' }] };
  if (item.electronic) {
    if (service === 'loan') return { reasons: [{ code: 'ILL_ROTA_E_COPY_NOT_LOANABLE' }] };
    if (item.licence === 'ill-forbidden') return { reasons: [{ code: 'ILL_ROTA_LICENCE_FORBIDS_ILL' }] };
    if (item.licence !== 'ill-allowed') return { score: 0.8, reasons: [{ code: 'ILL_ROTA_LICENCE_UNKNOWN' }, ...edition] };
    return { score: 1, reasons: [{ code: 'ILL_ROTA_E_COPY' }, ...edition] };
  }
  switch (item.status) {
    case 'available':
      return { score: 1, reasons: [{ code: 'ILL_ROTA_AVAILABLE' }, ...edition] };
    case 'reference-only':
      if (service === 'loan') return { reasons: [{ code: 'ILL_ROTA_REFERENCE_ONLY' }] };
      return { score: 1, reasons: [{ code: 'ILL_ROTA_REFERENCE_COPY' }, ...edition] };
    case 'in-transit':
      return { score: 0.3, reasons: [{ code: 'ILL_ROTA_IN_TRANSIT' }, ...edition] };
    case 'on-loan': {
      if (!item.dueDate) return { score: 0.1, reasons: [{ code: 'ILL_ROTA_ON_LOAN' }, ...edition] };
      const due = item.dueDate.slice(0, 10);
      if (request.neededBy && due > request.neededBy) return { reasons: [{ code: 'ILL_ROTA_DUE_TOO_LATE', params: { dueDate: due, neededBy: request.neededBy } }] };
      const days = Math.max(0, daysUntil(due, today));
      return { score: 0.1 + 0.4 * (1 - Math.min(days, 60) / 60), reasons: [{ code: 'ILL_ROTA_ON_LOAN_UNTIL', params: { dueDate: due } }, ...edition] };
    }
  }
}

/** The library's own reasons on a path: its policy for the service and the material type. */
function policyReasons(c: Candidate, service: 'loan' | 'copy', materialType: string): Reason[] {
  const reasons: Reason[] = [];
  if (service === 'loan' && c.policy && !c.policy.lendsReturnables) reasons.push({ code: 'ILL_ROTA_NO_LOANS' });
  if (service === 'copy' && c.policy && !c.policy.suppliesCopies) reasons.push({ code: 'ILL_ROTA_NO_COPIES' });
  if (c.policy?.excludedMaterialTypes?.includes(materialType)) reasons.push({ code: 'ILL_ROTA_MATERIAL_EXCLUDED', params: { materialType } });
  return reasons;
}

/** The best item of a library on one path (ties: the smaller item id), or why there is none. */
export function usableOn(c: Candidate, service: 'loan' | 'copy', request: RotaRequest, today: string): Usable {
  const own = policyReasons(c, service, request.materialType);
  if (own.length) return { ok: false, reasons: own };
  if (c.items.length === 0) return { ok: false, reasons: [{ code: 'ILL_ROTA_NO_HOLDINGS' }] };
  let best: { item: RotaItem; score: number; reasons: Reason[] } | undefined;
  const refusals: Reason[] = [];
  for (const item of c.items) {
    const a = assessItem(item, service, request, today);
    if (a.score === undefined) refusals.push(...a.reasons);
    else if (!best || a.score > best.score || (a.score === best.score && item.id < best.item.id)) best = { item, score: a.score, reasons: a.reasons };
  }
  return best ? { ok: true, ...best } : { ok: false, reasons: refusals };
}
