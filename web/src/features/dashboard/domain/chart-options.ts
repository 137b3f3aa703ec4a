import type { Statistics } from '../hooks/use-statistics';

/**
 * The dashboard's charts as ECharts options, built from the statistics and the words of the
 * reader's language (pure: tested without a browser). Colours are the palette's first ones, told
 * apart by the legend and the tooltip as well as by colour.
 */
export type Words = (key: string, values?: Record<string, unknown>) => string;

const palette = ['#0b5394', '#b45309', '#1e6b2e', '#a4000f'];
const axisText = { color: '#1a1a1a', fontSize: 12 };
const base = {
  color: palette,
  tooltip: { trigger: 'axis' },
  legend: { top: 0, textStyle: axisText },
  grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
  animation: false,
};

/** "2026-03" in the reader's language: "2026年3月", "Mar 2026". */
export function monthLabel(month: string, language: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, 1)));
}

export function requestsPerMonth(s: Statistics, t: Words, language: string) {
  return {
    ...base,
    xAxis: { type: 'category', data: s.months.map((m) => monthLabel(m.month, language)), axisLabel: axisText },
    yAxis: { type: 'value', minInterval: 1, axisLabel: axisText },
    series: [
      { name: t('dashboard.series.requests'), type: 'bar', data: s.months.map((m) => m.requests) },
      { name: t('dashboard.series.filled'), type: 'bar', data: s.months.map((m) => m.filled) },
      { name: t('dashboard.series.unfilled'), type: 'bar', data: s.months.map((m) => m.unfilled) },
    ],
  };
}

export function fillRatePerMonth(s: Statistics, t: Words, language: string) {
  return {
    ...base,
    xAxis: { type: 'category', data: s.months.map((m) => monthLabel(m.month, language)), axisLabel: axisText },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { ...axisText, formatter: '{value}%' } },
    series: [{ name: t('dashboard.series.fillRate'), type: 'line', connectNulls: false, data: s.months.map((m) => (m.fillRate === null ? null : Math.round(m.fillRate * 1000) / 10)) }],
  };
}

export function turnaround(s: Statistics, t: Words) {
  return {
    ...base,
    xAxis: { type: 'category', data: s.turnaround.map((x) => t(`dashboard.step.${x.step}`)), axisLabel: { ...axisText, interval: 0, width: 100, overflow: 'break' } },
    yAxis: { type: 'value', name: t('dashboard.hours'), axisLabel: axisText, nameTextStyle: axisText },
    series: [
      { name: t('dashboard.series.median'), type: 'bar', data: s.turnaround.map((x) => x.medianHours) },
      { name: t('dashboard.series.p90'), type: 'bar', data: s.turnaround.map((x) => x.p90Hours) },
    ],
  };
}

/** The libraries with the most traffic first (at most 15 on a chart; the table has them all). */
export function busiestLibraries(s: Statistics, limit = 15) {
  return [...s.libraries].sort((a, b) => b.lent + b.borrowed - (a.lent + a.borrowed) || a.symbol.localeCompare(b.symbol)).slice(0, limit);
}

export function lendingBorrowing(s: Statistics, t: Words, zh: boolean) {
  const libs = busiestLibraries(s).reverse();
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, axisLabel: axisText },
    yAxis: { type: 'category', data: libs.map((l) => (zh ? l.name.zh : l.name.en)), axisLabel: { ...axisText, width: 140, overflow: 'truncate' } },
    series: [
      { name: t('dashboard.series.lent'), type: 'bar', data: libs.map((l) => l.lent) },
      { name: t('dashboard.series.borrowed'), type: 'bar', data: libs.map((l) => l.borrowed) },
    ],
  };
}

export function topTitles(s: Statistics, t: Words) {
  const titles = [...s.topTitles].reverse();
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, axisLabel: axisText },
    yAxis: { type: 'category', data: titles.map((x) => x.title), axisLabel: { ...axisText, width: 140, overflow: 'truncate' } },
    series: [
      { name: t('dashboard.series.requests'), type: 'bar', data: titles.map((x) => x.requests) },
      { name: t('dashboard.series.filled'), type: 'bar', data: titles.map((x) => x.filled) },
    ],
  };
}

/** Chart heights that leave each bar room to read its label. */
export const barsHeight = (bars: number) => Math.max(200, 60 + bars * 36);
