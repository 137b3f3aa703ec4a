import type { Reason } from '../state/types.js';
import type { Place, RotaLibrary, TierDistance } from './types.js';

/**
 * Tier distance (issue 5): same city → same province or alliance → same region → national →
 * outside the network. It follows the way Chinese alliances are built — municipal and provincial
 * alliances (JALIS, ZADL …), regional centres, the national CALIS/NSTL layer (seeds 001, 003).
 */

/**
 * China's seven geographical regions, used when the directory names no region. CALIS's regional
 * centres cut the country a little differently; a deployment that wants theirs passes `region`.
 */
const regionOfProvince: Record<string, string> = {
  'CN-BJ': 'north', 'CN-TJ': 'north', 'CN-HE': 'north', 'CN-SX': 'north', 'CN-NM': 'north',
  'CN-LN': 'northeast', 'CN-JL': 'northeast', 'CN-HL': 'northeast',
  'CN-SH': 'east', 'CN-JS': 'east', 'CN-ZJ': 'east', 'CN-AH': 'east', 'CN-FJ': 'east', 'CN-JX': 'east', 'CN-SD': 'east', 'CN-TW': 'east',
  'CN-HA': 'central', 'CN-HB': 'central', 'CN-HN': 'central',
  'CN-GD': 'south', 'CN-GX': 'south', 'CN-HI': 'south', 'CN-HK': 'south', 'CN-MO': 'south',
  'CN-CQ': 'southwest', 'CN-SC': 'southwest', 'CN-GZ': 'southwest', 'CN-YN': 'southwest', 'CN-XZ': 'southwest',
  'CN-SN': 'northwest', 'CN-GS': 'northwest', 'CN-QH': 'northwest', 'CN-NX': 'northwest', 'CN-XJ': 'northwest',
};

export function regionOf(place: Place): string | undefined {
  return place.region ?? regionOfProvince[place.province];
}

/** Score of each tier; the gaps (≥ 0.2) are wider than the in-tier nudge by kilometres (≤ 0.05). */
export const tierScores: Record<TierDistance, number> = {
  'same-city': 1,
  'same-province': 0.75,
  'same-alliance': 0.75,
  'same-region': 0.5,
  national: 0.3,
  'outside-network': 0.1,
};

/** Great-circle distance in km (haversine), for ordering libraries of one tier. */
export function kilometres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The tier between borrower and lender, its score and the reason staff read. */
export function tierBetween(borrower: RotaLibrary, lender: RotaLibrary): { tier: TierDistance; score: number; reason: Reason } {
  const km = borrower.coordinates && lender.coordinates ? Math.round(kilometres(borrower.coordinates, lender.coordinates)) : undefined;
  const withKm = (r: Reason): Reason => (km === undefined ? r : { ...r, params: { ...r.params, km } });
  const nudge = km === undefined ? 0 : 0.05 * (Math.min(km, 2000) / 2000);
  const make = (tier: TierDistance, reason: Reason) => ({ tier, score: tierScores[tier] - nudge, reason: withKm(reason) });

  if (lender.inNetwork === false) return make('outside-network', { code: 'ILL_ROTA_OUTSIDE_NETWORK' });
  if (borrower.city && borrower.city === lender.city && borrower.province === lender.province) return make('same-city', { code: 'ILL_ROTA_SAME_CITY', params: { city: lender.city } });
  if (borrower.province === lender.province) return make('same-province', { code: 'ILL_ROTA_SAME_PROVINCE', params: { province: lender.province } });
  const shared = [...borrower.alliances].filter((a) => lender.alliances.includes(a)).sort()[0];
  if (shared) return make('same-alliance', { code: 'ILL_ROTA_SAME_ALLIANCE', params: { alliance: shared } });
  const region = regionOf(borrower);
  if (region && region === regionOf(lender)) return make('same-region', { code: 'ILL_ROTA_SAME_REGION', params: { region } });
  return make('national', { code: 'ILL_ROTA_NATIONAL' });
}
