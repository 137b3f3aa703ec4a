import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../../shared/api';

/** A way to sign in offered by a library: one of its OpenID Connect, SAML or CAS identity providers. */
export interface SignInOption {
  id: number;
  kind: 'oidc' | 'saml' | 'cas';
  name: string;
  /** Starts the sign-in (and remembers the library); carries the checked `returnTo` already. */
  startUrl: string;
}

/** A library as "where are you from?" finds it (GET /api/v1/auth/libraries). */
export interface LibraryChoice {
  symbol: string;
  name: { zh: string; en: string };
  match: string;
  signIn: SignInOption[];
}

interface Answer {
  items: LibraryChoice[];
  remembered: LibraryChoice | null;
  returnTo: string;
}

/**
 * "Where are you from?": libraries matching what the reader types (names in either language,
 * abbreviations, pinyin and its initials: the server's finder, docs/identity.md), each with its
 * sign-in options, and the library this browser chose last time. Asked after a short pause.
 */
export function useWhereFrom({ text, returnTo, delayMs = 200 }: { text: string; returnTo: string; delayMs?: number }) {
  const [settled, setSettled] = useState(text.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text.trim()), delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);
  return useQuery({
    queryKey: ['where-from', settled, returnTo],
    queryFn: ({ signal }) => api<Answer>('/auth/libraries', { query: { q: settled || undefined, returnTo, limit: 8 }, signal, anonymousOk: true }),
    placeholderData: keepPreviousData,
    staleTime: 60 * 1000,
  });
}
