import { lazy } from 'react';

/** Who is signed in, signing in and out, and pages only a signed-in reader sees. */
export { useSession, useSignIn, useSignOut, homeLibraryOf, sessionKey, type Session, type Grant } from './hooks/use-session';
export { signInPath, safeReturnTo } from './hooks/return-to';
export { RequireSignIn } from './components/require-sign-in';
export { SessionExpiry } from './components/session-expiry';
export { AccountMenu } from './components/account-menu';

/** Loaded when first visited: most readers search without signing in. */
export const SignInPage = lazy(() => import('./components/sign-in-page').then((m) => ({ default: m.SignInPage })));
