import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api';

/** GET /api/v1/ill/statistics (docs/ill.md, "Statistics"): one array per series, every month present. */
export interface Statistics {
  from: string;
  to: string;
  library: string | null;
  alliance: string | null;
  totals: { requests: number; ended: number; filled: number; unfilled: number; fillRate: number | null };
  turnaround: { step: 'request-to-shipped' | 'shipped-to-received' | 'request-to-completed'; count: number; medianHours: number | null; p90Hours: number | null }[];
  byStatus: { state: string; count: number }[];
  libraries: { symbol: string; name: { zh: string; en: string }; lent: number; borrowed: number; targetRatio: number | null; ratio: number | null; balance: number | null }[];
  topTitles: { title: string; author: string | null; clusterId: number | null; requests: number; filled: number }[];
  months: { month: string; requests: number; filled: number; unfilled: number; fillRate: number | null; lent: number }[];
}

export interface StatisticsFilter {
  from?: string;
  to?: string;
  library?: string;
  alliance?: string;
}

export function useStatistics(filter: StatisticsFilter) {
  return useQuery({
    queryKey: ['ill-statistics', filter],
    queryFn: ({ signal }) => api<Statistics>('/ill/statistics', { query: { ...filter }, signal }),
    placeholderData: keepPreviousData,
  });
}
