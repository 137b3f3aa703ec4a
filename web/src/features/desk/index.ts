import { lazy } from 'react';

/**
 * The interlibrary loan desks of the librarian workspace (lending and borrowing), loaded only
 * when a librarian opens them: readers never download them.
 */
export { deskLibraries } from './hooks/desk-libraries';
export type { DeskSide } from './hooks/use-desk';

export const DeskPage = lazy(() => import('./components/desk-page').then((m) => ({ default: m.DeskPage })));
export const DeskItemPage = lazy(() => import('./components/desk-item-page').then((m) => ({ default: m.DeskItemPage })));
