import { lazy } from 'react';

/**
 * A library's own settings (its directory entry, lending policy, catalogue profile, reader
 * categories' limits) and the administration's page of one library — loaded when opened.
 */
export const LibrarySettingsPage = lazy(() => import('./components/library-settings-page').then((m) => ({ default: m.LibrarySettingsPage })));
export const LibraryEntryPage = lazy(() => import('./components/library-entry-page').then((m) => ({ default: m.LibraryEntryPage })));
