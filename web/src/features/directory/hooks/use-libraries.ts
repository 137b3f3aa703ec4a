import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../shared/api';

/** A member library as the directory lists it (GET /api/v1/libraries). */
export interface Library {
  symbol: string;
  name: { zh: string; en: string };
  type: string;
  province: string | null;
  provinceName?: { zh: string; en: string } | null;
  city?: { zh: string; en: string } | null;
}

interface LibraryPage {
  items: Library[];
  total: number;
}

/** Every library of the network (a few hundred at most), kept for the visit: names change rarely. */
export function useLibraries() {
  return useQuery({
    queryKey: ['libraries'],
    queryFn: ({ signal }) => api<LibraryPage>('/libraries', { query: { limit: 500 }, signal }).then((p) => p.items),
    staleTime: 60 * 60 * 1000,
  });
}

/** A library's name in the reader's language; its symbol until the directory has loaded. */
export function useLibraryName(): (symbol: string | null | undefined) => string {
  const { data } = useLibraries();
  const { i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return useCallback(
    (symbol) => {
      if (!symbol) return '';
      const lib = data?.find((l) => l.symbol === symbol);
      if (!lib) return symbol;
      return (zh ? lib.name.zh : lib.name.en) || lib.name.zh || lib.name.en || symbol;
    },
    [data, zh],
  );
}
