import { lazy } from 'react';

/** The interlibrary loan statistics dashboard with ECharts, loaded when opened (ECharts with its first chart). */
export const DashboardPage = lazy(() => import('./components/dashboard-page').then((m) => ({ default: m.DashboardPage })));
