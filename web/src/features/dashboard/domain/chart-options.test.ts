import { describe, expect, it } from 'vitest';
import type { Statistics } from '../hooks/use-statistics';
import { busiestLibraries, fillRatePerMonth, lendingBorrowing, monthLabel, requestsPerMonth } from './chart-options';

const stats: Statistics = {
  from: '2026-11-01',
  to: '2026-12-31',
  library: null,
  alliance: 'JALIS',
  totals: { requests: 5, ended: 4, filled: 3, unfilled: 1, fillRate: 0.75 },
  turnaround: [],
  byStatus: [],
  libraries: [
    { symbol: 'CN-A', name: { zh: '甲馆', en: 'A Library' }, lent: 1, borrowed: 0, targetRatio: 1, ratio: null, balance: 1 },
    { symbol: 'CN-B', name: { zh: '乙馆', en: 'B Library' }, lent: 2, borrowed: 3, targetRatio: 1, ratio: 0.67, balance: -1 },
  ],
  topTitles: [],
  months: [
    { month: '2026-11', requests: 0, filled: 0, unfilled: 0, fillRate: null, lent: 0 },
    { month: '2026-12', requests: 5, filled: 3, unfilled: 1, fillRate: 0.75, lent: 3 },
  ],
};
const words = (key: string) => `«${key}»`;

describe('the dashboard’s charts', () => {
  it('name the months in the reader’s language', () => {
    expect(monthLabel('2026-12', 'zh-CN')).toBe('2026年12月');
    expect(monthLabel('2026-12', 'en')).toBe('Dec 2026');
  });

  it('draw one bar per month and series, with the words of the language', () => {
    const o = requestsPerMonth(stats, words, 'en');
    expect(o.xAxis.data).toEqual(['Nov 2026', 'Dec 2026']);
    expect(o.series.map((s) => [s.name, s.data])).toEqual([
      ['«dashboard.series.requests»', [0, 5]],
      ['«dashboard.series.filled»', [0, 3]],
      ['«dashboard.series.unfilled»', [0, 1]],
    ]);
  });

  it('leave a gap for a month in which nothing ended, and show rates in percent', () => {
    expect(fillRatePerMonth(stats, words, 'en').series[0]!.data).toEqual([null, 75]);
  });

  it('put the busiest library first in the table and on top of the chart', () => {
    expect(busiestLibraries(stats).map((l) => l.symbol)).toEqual(['CN-B', 'CN-A']);
    // ECharts draws a category axis from the bottom up.
    expect(lendingBorrowing(stats, words, true).yAxis.data).toEqual(['甲馆', '乙馆']);
  });
});
