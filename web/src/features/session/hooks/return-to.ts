/** Only a path on this site may be returned to after signing in (no open redirect). */
export function safeReturnTo(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return '/';
  if (raw.startsWith('/sign-in')) return '/';
  return raw;
}

/** The sign-in page's address that brings the reader back to `path` afterwards. */
export function signInPath(path: string, reason?: 'expired'): string {
  const params = new URLSearchParams({ returnTo: safeReturnTo(path) });
  if (reason) params.set('reason', reason);
  return `/sign-in?${params.toString()}`;
}
