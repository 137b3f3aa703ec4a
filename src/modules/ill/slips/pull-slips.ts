/**
 * Pull slips for the lending desk: what the shelves person needs to find the item and where it
 * goes — our lending request id (also as a Code 128 barcode, LEND-<id>, for the desk's scanner),
 * the lender's call numbers, title and author, the part of a copy, the borrowing library, the
 * reader's pickup location and the needed-by date.
 */
import type { Queryable } from '../../../platform/db/index.js';
import { localize, type Locale, type Localized } from '../../../platform/i18n.js';
import { clustersForIndex } from '../../catalog/index.js';
import { slipsStore } from './slips.store.js';

export interface PullSlip {
  lendingRequestId: number;
  requestId: number;
  /** What the barcode holds: our lending request's id as the ISO 18626 messages name it. */
  barcode: string;
  state: string;
  service: string;
  title: string;
  author: string | null;
  /** For a copy: article or chapter, volume, issue, pages, in one line. */
  part: string | null;
  callNumbers: string[];
  requesterLibrary: { symbol: string; name: string };
  pickupLocation: string | null;
  neededBy: string | null;
}

export const MAX_SLIPS = 200;

const partWords = {
  volume: { en: 'vol. {v}', 'zh-CN': '第 {v} 卷' },
  issue: { en: 'no. {v}', 'zh-CN': '第 {v} 期' },
  pages: { en: 'pp. {v}', 'zh-CN': '第 {v} 页' },
  comma: { en: ', ', 'zh-CN': '，' },
} satisfies Record<string, Localized>;

/** A copy's part in one line: article or chapter, volume, issue, pages. */
function partOf(r: { articleTitle: string | null; volume: string | null; issue: string | null; pages: string | null }, locale: Locale): string | null {
  const bits = [
    r.articleTitle,
    r.volume && localize(partWords.volume, locale, { v: r.volume }),
    r.issue && localize(partWords.issue, locale, { v: r.issue }),
    r.pages && localize(partWords.pages, locale, { v: r.pages }),
  ].filter((b): b is string => !!b);
  return bits.length ? bits.join(partWords.comma[locale]) : null;
}

/** The slips of a lending library: the lending requests named, or all waiting for their slip. */
export async function pullSlips(db: Queryable, library: { id: number }, ids: readonly number[] | undefined, locale: Locale): Promise<PullSlip[]> {
  const rows = await slipsStore.slips(db, library.id, ids, MAX_SLIPS);
  const clusters = [...new Set(rows.flatMap((r) => (r.clusterId === null ? [] : [r.clusterId])))];
  const callNumbers = new Map<number, string[]>();
  for (const c of clusters.length ? await clustersForIndex(db, clusters) : []) {
    callNumbers.set(c.clusterId, c.holdings.filter((h) => h.libraryId === library.id).flatMap((h) => h.callNumbers));
  }
  return rows.map((r) => ({
    lendingRequestId: r.supplyId, requestId: r.requestId, barcode: `LEND-${r.supplyId}`, state: r.state, service: r.service, title: r.title, author: r.author,
    part: r.service === 'loan' ? null : partOf(r, locale),
    callNumbers: r.clusterId === null ? [] : (callNumbers.get(r.clusterId) ?? []),
    requesterLibrary: { symbol: r.borrowingSymbol, name: locale === 'zh-CN' ? r.borrowingNameZh : r.borrowingNameEn },
    pickupLocation: r.pickupLocation, neededBy: r.neededBy,
  }));
}

/** The words on a slip, in the desk's language. */
export const slipLabels = {
  heading: { en: 'Interlibrary loan – pull slips', 'zh-CN': '馆际互借取书单' },
  request: { en: 'Lending request', 'zh-CN': '借出请求' },
  callNumber: { en: 'Call number', 'zh-CN': '索书号' },
  title: { en: 'Title', 'zh-CN': '题名' },
  author: { en: 'Author', 'zh-CN': '责任者' },
  part: { en: 'Copy of', 'zh-CN': '复制部分' },
  requester: { en: 'Requested by', 'zh-CN': '申请馆' },
  pickup: { en: 'Reader’s pickup', 'zh-CN': '读者取书地点' },
  neededBy: { en: 'Needed by', 'zh-CN': '需要日期' },
  service: { en: 'Service', 'zh-CN': '服务类型' },
  none: { en: '–', 'zh-CN': '–' },
  empty: { en: 'No lending request is waiting for its pull slip.', 'zh-CN': '没有待打印取书单的借出请求。' },
  loan: { en: 'loan', 'zh-CN': '返还式借阅' },
  copy: { en: 'copy', 'zh-CN': '复制件' },
  either: { en: 'loan or copy', 'zh-CN': '借阅或复制' },
} satisfies Record<string, Localized>;
