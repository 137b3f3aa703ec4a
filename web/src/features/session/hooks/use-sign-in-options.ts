import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../../shared/api';

/** A way to sign in offered by a library: its OpenID Connect, SAML or CAS identity provider. */
export interface SignInProvider {
  id: string | number;
  kind: 'oidc' | 'saml' | 'cas';
  name: string | { zh?: string; en?: string };
  /** Where the browser goes to start (a path on this site); `returnTo` is added. */
  loginUrl: string;
}

export interface SignInOptions {
  providers: SignInProvider[];
  /** false while the server offers no list of a library's providers (the finder API is not there yet). */
  listed: boolean;
}

/**
 * The identity providers of a library, for "where are you from?". Asks the library finder's
 * endpoint (`GET /api/v1/libraries/{symbol}/sign-in`, being built in identity); a server without
 * it answers 404, and the page then offers the password sign-in only.
 */
export function useSignInOptions(symbol: string | null) {
  return useQuery({
    queryKey: ['sign-in-options', symbol],
    enabled: Boolean(symbol),
    staleTime: 10 * 60 * 1000,
    queryFn: async ({ signal }): Promise<SignInOptions> => {
      try {
        const answer = await api<{ providers?: SignInProvider[]; items?: SignInProvider[] }>(`/libraries/${encodeURIComponent(symbol!)}/sign-in`, { signal, anonymousOk: true });
        return { providers: answer.providers ?? answer.items ?? [], listed: true };
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return { providers: [], listed: false };
        throw err;
      }
    },
  });
}

/** The provider's start URL with the page to come back to. */
export function providerHref(provider: SignInProvider, returnTo: string): string {
  const url = new URL(provider.loginUrl, window.location.origin);
  url.searchParams.set('returnTo', returnTo);
  return url.pathname + url.search;
}
