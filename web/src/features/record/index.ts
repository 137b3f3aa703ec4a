import { lazy } from 'react';

/** The librarian workspace's record viewer and editor (issue 7), loaded when first opened. */
export { mayCatalogue, isCataloguer } from './domain/may-edit';

export const RecordPage = lazy(() => import('./components/record-page').then((m) => ({ default: m.RecordPage })));
