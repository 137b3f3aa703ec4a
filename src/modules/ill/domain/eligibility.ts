import { assessItem } from './rota/availability.js';
import { calendarDate } from './rota/rota.js';
import type { RotaItem, ServiceWanted } from './rota/types.js';
import type { Reason } from './state/types.js';

/**
 * May this reader place this request now? (issue 5, "Requests come in" and "Eligibility".) Every
 * reason is returned at once, so the form can show them all. A `refuse` stops the request; a
 * `confirm` stops it until the reader or staff confirm they want it anyway (the reader's own
 * library has a copy on the shelf: say so before anything is sent).
 */

export interface ReaderCategoryRules {
  /** Readers of this category may not request at all (e.g. a suspended or a guest category). */
  mayRequest: boolean;
  services: readonly ('loan' | 'copy')[];
  /** Requests not yet completed or cancelled, at most. */
  maxOpenRequests: number;
  excludedMaterialTypes?: readonly string[];
}

export interface EligibilityInput {
  request: {
    service: ServiceWanted;
    materialType: string;
    edition: 'this' | 'any';
    /** The same citation gives the same key (cluster id, or a normalised citation for typed-in requests). */
    citationKey: string;
    neededBy?: string;
  };
  /** `blocked`: the reader's library has blocked them (identity's reader standing). */
  reader: { id: string; category: string; library: string; blocked?: boolean };
  rules: ReaderCategoryRules;
  openRequests: number;
  /** This reader's requests in the duplicate window or before, newest first or in any order. */
  recentRequests: readonly { id: string; citationKey: string; createdAt: string; closed?: boolean }[];
  /** The reader's own library's items of the same citation, with live availability. */
  ownItems: readonly RotaItem[];
  now: string;
  /** Default 14 days: the same citation again within it is a duplicate. */
  duplicateWindowDays?: number;
  /** Codes of `confirm` reasons the reader or staff have confirmed. */
  confirmed?: readonly string[];
  utcOffsetMinutes?: number;
}

export type EligibilityReason = Reason & { severity: 'refuse' | 'confirm' };
export interface Eligibility {
  ok: boolean;
  reasons: EligibilityReason[];
}

const DAY = 86_400_000;

export function checkEligibility(input: EligibilityInput): Eligibility {
  const { request, reader, rules } = input;
  const reasons: EligibilityReason[] = [];
  const refuse = (r: Reason) => reasons.push({ ...r, severity: 'refuse' });
  const today = calendarDate(input.now, input.utcOffsetMinutes);

  if (reader.blocked === true) refuse({ code: 'ILL_ELIG_READER_BLOCKED', params: { library: reader.library } });
  if (!rules.mayRequest) refuse({ code: 'ILL_ELIG_CATEGORY_BLOCKED', params: { category: reader.category } });
  const wanted: ('loan' | 'copy')[] = request.service === 'either' ? ['loan', 'copy'] : [request.service];
  const allowed = wanted.filter((s) => rules.services.includes(s));
  if (rules.mayRequest && allowed.length === 0) refuse({ code: 'ILL_ELIG_SERVICE_NOT_ALLOWED', params: { service: request.service, category: reader.category } });
  if (rules.excludedMaterialTypes?.includes(request.materialType)) refuse({ code: 'ILL_ELIG_MATERIAL_NOT_ALLOWED', params: { materialType: request.materialType, category: reader.category } });
  if (input.openRequests >= rules.maxOpenRequests) refuse({ code: 'ILL_ELIG_TOO_MANY_OPEN', params: { open: input.openRequests, max: rules.maxOpenRequests } });
  if (request.neededBy && request.neededBy < today) refuse({ code: 'ILL_ELIG_NEEDED_BY_PAST', params: { neededBy: request.neededBy } });

  const window = (input.duplicateWindowDays ?? 14) * DAY;
  const nowMs = Date.parse(input.now);
  const duplicate = input.recentRequests
    .filter((r) => !r.closed && r.citationKey === request.citationKey && nowMs - Date.parse(r.createdAt) <= window && Date.parse(r.createdAt) <= nowMs)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  if (duplicate) refuse({ code: 'ILL_ELIG_DUPLICATE', params: { request: duplicate.id, createdAt: duplicate.createdAt } });

  // A copy on the reader's own shelf, usable on one of the paths asked for, now.
  const own = (allowed.length ? allowed : wanted).flatMap((service) =>
    input.ownItems.filter((item) => assessItem(item, service, { edition: request.edition }, today).score === 1).map((item) => ({ item, service })),
  )[0];
  if (own && !input.confirmed?.includes('ILL_ELIG_OWN_COPY_AVAILABLE')) {
    reasons.push({ code: 'ILL_ELIG_OWN_COPY_AVAILABLE', params: { library: reader.library, item: own.item.id }, severity: 'confirm' });
  }
  return { ok: reasons.length === 0, reasons };
}
