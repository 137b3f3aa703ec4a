import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiSettings, ApiError } from '../../../shared/api';

export interface Grant {
  role: 'reader' | 'library-staff' | 'alliance-staff' | 'network-admin';
  library?: string;
  alliance?: string;
  permissions: string[];
}

/** Who is signed in (GET /api/v1/auth/session); `null` when nobody is. */
export interface Session {
  account: { id: number; email: string; displayName: string; locale: string; grants: Grant[] } | null;
  grants: Grant[];
  via: 'session' | 'token' | 'local';
  csrfToken: string | null;
  expiresAt: string | null;
}

export const sessionKey = ['session'] as const;

async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const s = await api<Session>('/auth/session', { signal, anonymousOk: true });
    apiSettings.csrf(s.csrfToken);
    return s;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      apiSettings.csrf(null);
      return null;
    }
    throw err;
  }
}

/** The current session, asked once per visit and again after signing in or out. */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: ({ signal }) => fetchSession(signal), staleTime: 5 * 60 * 1000, retry: 1 });
}

/** The reader's home library: the library of their reader (or first) grant. */
export function homeLibraryOf(session: Session | null | undefined): string | undefined {
  const grants = session?.grants ?? [];
  return (grants.find((g) => g.role === 'reader') ?? grants.find((g) => g.library))?.library;
}

/** Signing in with e-mail and password (POST /api/v1/auth/login). */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api<Session>('/auth/login', { method: 'POST', body, anonymousOk: true }),
    onSuccess: (session) => {
      apiSettings.csrf(session.csrfToken);
      client.setQueryData(sessionKey, session);
    },
  });
}

/** Signing out: the server ends the session; everything personal is dropped from the cache. */
export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST', anonymousOk: true }),
    onSettled: () => {
      apiSettings.csrf(null);
      client.setQueryData(sessionKey, null);
      client.removeQueries({ queryKey: ['my-requests'] });
    },
  });
}
