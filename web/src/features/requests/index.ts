import { lazy } from 'react';

/** Interlibrary loan for readers: the request form, "my requests" and each request's timeline. */
export { useMyRequests, useRequest, usePlaceRequest, type IllRequest, type RequestAction, type TimelineEvent } from './hooks/use-requests';
export { RequestTimeline } from './components/request-timeline';
export { checkDraft, toNewRequest, emptyDraft, type RequestDraft } from './hooks/request-form';

export const RequestPage = lazy(() => import('./components/request-page').then((m) => ({ default: m.RequestPage })));
export const MyRequestsPage = lazy(() => import('./components/my-requests-page').then((m) => ({ default: m.MyRequestsPage })));
export const RequestDetailPage = lazy(() => import('./components/request-detail-page').then((m) => ({ default: m.RequestDetailPage })));
