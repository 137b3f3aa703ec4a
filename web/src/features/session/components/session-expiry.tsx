import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { apiSettings } from '../../../shared/api';
import { sessionKey } from '../hooks/use-session';
import { signInPath } from '../hooks/return-to';

/**
 * An API call refused with 401 means the session ended (expired, signed out elsewhere, blocked):
 * the reader is sent to sign in, and comes back to the page they were on.
 */
export function SessionExpiry() {
  const navigate = useNavigate();
  const client = useQueryClient();
  useEffect(() => {
    apiSettings.unauthenticated(() => {
      apiSettings.csrf(null);
      client.setQueryData(sessionKey, null);
      const here = window.location.pathname + window.location.search;
      if (!window.location.pathname.startsWith('/sign-in')) navigate(signInPath(here, 'expired'));
    });
    return () => apiSettings.unauthenticated(undefined);
  }, [navigate, client]);
  return null;
}
