/**
 * Interlibrary loan statistics for staff: which requests count (the period, and the libraries
 * the caller may see) and the figures, assembled from the store's counts.
 */
import type { Db } from '../../../platform/db/index.js';
import type { Principal } from '../../../platform/http/access.js';
import { hasPermission, librariesWith } from '../../../platform/http/authorize.js';
import { getLibrary } from '../../network/index.js';
import { calendarDate } from '../domain/index.js';
import { IllErrors } from '../errors.js';
import { StatisticsErrors } from './errors.js';
import { fillRate, lendBorrowBalance } from './figures.js';
import { statisticsStore, type Period } from './statistics.store.js';

export interface StatisticsQuery {
  from?: string;
  to?: string;
  library?: string;
  alliance?: string;
}

const DAY = 86_400_000;

/** The period: `to` defaults to today, `from` to the first day of the month eleven months before (twelve months for the charts). */
function periodOf(q: StatisticsQuery, now: string): { from: string; to: string } {
  const to = q.to ?? calendarDate(now);
  const back = new Date(`${to.slice(0, 7)}-01T00:00:00Z`);
  back.setUTCMonth(back.getUTCMonth() - 11);
  const from = q.from ?? back.toISOString().slice(0, 10);
  if (from > to || Date.parse(to) - Date.parse(from) > 5 * 366 * DAY) throw StatisticsErrors.ILL_STATISTICS_PERIOD({ from, to });
  return { from, to };
}

/**
 * Whose requests count: one library (its staff with `statistics`), an alliance's members (its
 * staff with `statistics`, or one member of it), or — for network administrators, without either —
 * the whole deployment. The route's access rule has checked the permission already.
 */
async function scopeOf(db: Db, principal: Principal, q: StatisticsQuery): Promise<{ libraries: number[] | null; library: string | null; alliance: string | null }> {
  let members: { id: number; symbol: string }[] | undefined;
  if (q.alliance) {
    members = await statisticsStore.membersOf(db, q.alliance);
    if (!members) throw StatisticsErrors.ILL_STATISTICS_ALLIANCE_NOT_FOUND({ alliance: q.alliance });
  }
  const mine = librariesWith(principal, 'statistics');
  const symbol = q.library ?? (q.alliance || mine === 'all' ? undefined : mine[0]);
  if (symbol) {
    const lib = await getLibrary(db, symbol);
    if (!lib) throw StatisticsErrors.ILL_STATISTICS_LIBRARY_NOT_FOUND({ library: symbol });
    if (members && !members.some((m) => m.id === lib.id)) throw StatisticsErrors.ILL_STATISTICS_NOT_MEMBER({ library: symbol, alliance: q.alliance });
    // Alliance staff name the alliance with a member; library staff their own library.
    if (!members && !hasPermission(principal, 'statistics', { library: symbol })) throw IllErrors.ILL_NOT_YOUR_LIBRARY({ library: symbol, permission: 'statistics' });
    return { libraries: [lib.id], library: symbol, alliance: q.alliance ?? null };
  }
  if (members) return { libraries: members.map((m) => m.id), library: null, alliance: q.alliance! };
  return { libraries: null, library: null, alliance: null };
}

export async function illStatistics(db: Db, principal: Principal, q: StatisticsQuery, now: string) {
  const { from, to } = periodOf(q, now);
  const scope = await scopeOf(db, principal, q);
  const p: Period = { from, to, libraries: scope.libraries };
  const [totals, turnaround, byStatus, balance, topTitles, months] = await Promise.all([
    statisticsStore.totals(db, p), statisticsStore.turnaround(db, p), statisticsStore.byStatus(db, p), statisticsStore.balance(db, p),
    statisticsStore.topTitles(db, p, 10), statisticsStore.months(db, p),
  ]);
  return {
    from, to, library: scope.library, alliance: scope.alliance,
    totals: { ...totals, unfilled: totals.ended - totals.filled, fillRate: fillRate(totals.filled, totals.ended) },
    turnaround,
    byStatus,
    libraries: balance.map((b) => ({ symbol: b.symbol, name: { zh: b.nameZh, en: b.nameEn }, lent: b.lent, borrowed: b.borrowed, targetRatio: b.targetRatio, ...lendBorrowBalance(b.lent, b.borrowed, b.targetRatio) })),
    topTitles,
    months: months.map((m) => ({ ...m, fillRate: fillRate(m.filled, m.filled + m.unfilled) })),
  };
}
