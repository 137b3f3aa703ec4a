import { lazy } from 'react';

/** The librarian workspace's catalogue: imports of record files with their progress and rejects (loaded when opened). */
export const ImportsPage = lazy(() => import('./components/imports-page').then((m) => ({ default: m.ImportsPage })));
