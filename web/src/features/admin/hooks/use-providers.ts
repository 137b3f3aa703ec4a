import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api';

/** A library's sign-in provider as the API shows it: the client secret never comes back, only whether there is one. */
export interface Provider {
  id: number;
  library: string;
  kind: 'oidc' | 'saml' | 'cas';
  name: string;
  issuer: string;
  clientId: string | null;
  hasClientSecret: boolean;
  enabled: boolean;
  redirectUri: string | null;
  loginUrl: string;
  saml?: { spMetadataUrl: string; idpMetadataUrl: string | null };
  cas?: { serverUrl: string; casVersion: string; serviceUrl: string };
}

const base = (library: string) => `/libraries/${encodeURIComponent(library)}/identity-providers`;

export function useProviders(library: string | null) {
  return useQuery({
    queryKey: ['admin', 'providers', library],
    enabled: Boolean(library),
    queryFn: ({ signal }) => api<{ items: Provider[] }>(base(library!), { signal }).then((r) => r.items),
  });
}

export function useProviderChanges(library: string) {
  const client = useQueryClient();
  const done = () => void client.invalidateQueries({ queryKey: ['admin', 'providers', library] });
  return {
    add: useMutation({ mutationFn: (body: Record<string, unknown>) => api<Provider>(base(library), { method: 'POST', body }), onSuccess: done }),
    change: useMutation({
      mutationFn: ({ id, body }: { id: number; body: Record<string, unknown> }) => api<Provider>(`${base(library)}/${id}`, { method: 'PATCH', body }),
      onSuccess: done,
    }),
  };
}
