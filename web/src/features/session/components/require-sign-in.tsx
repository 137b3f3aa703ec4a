import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading, ProblemNotice } from '../../../shared/ui';
import { useSession } from '../hooks/use-session';
import { signInPath } from '../hooks/return-to';

/** Pages for a signed-in reader: anyone else is sent to sign in and brought back here afterwards. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.isError) return <ProblemNotice error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data?.account) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  return <>{children}</>;
}
