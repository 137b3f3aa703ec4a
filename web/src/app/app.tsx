import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useParams } from 'react-router';
import { AdminArea } from '../features/admin';
import { ImportsPage } from '../features/catalogue';
import { ClusterPage } from '../features/cluster';
import { DashboardPage } from '../features/dashboard';
import { DeskItemPage, DeskPage } from '../features/desk';
import { LibrarySettingsPage } from '../features/library-settings';
import { RecordPage } from '../features/record';
import { MyRequestsPage, RequestDetailPage, RequestPage } from '../features/requests';
import { SavedSearchesPage } from '../features/saved-searches';
import { HomePage, ResultsPage } from '../features/search';
import { RequireSignIn, SessionExpiry, SignInPage } from '../features/session';
import { ApiError, apiSettings } from '../shared/api';
import { currentLanguage } from '../i18n';
import { Loading } from '../shared/ui';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';

apiSettings.language(currentLanguage);

/**
 * Server state goes through TanStack Query. A refusal (4xx) is an answer, not worth asking again;
 * a network failure or a server error is retried twice before the page shows it with a retry button.
 */
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

function OldClusterPath() {
  return <Navigate to={`/clusters/${useParams().id ?? ''}`} replace />;
}

/** The web application: providers, the shell, the reader portal's pages and the librarian's desks (each page loaded when first opened). */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionExpiry />
        <Layout>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/" element={<HomePage />} />
              <Route path="/search" element={<ResultsPage />} />
              <Route path="/clusters/:id" element={<ClusterPage />} />
              <Route path="/cluster/:id" element={<OldClusterPath />} />
              <Route
                path="/clusters/:id/request"
                element={
                  <RequireSignIn>
                    <RequestPage />
                  </RequireSignIn>
                }
              />
              <Route
                path="/ill/request"
                element={
                  <RequireSignIn>
                    <RequestPage />
                  </RequireSignIn>
                }
              />
              <Route
                path="/requests"
                element={
                  <RequireSignIn>
                    <MyRequestsPage />
                  </RequireSignIn>
                }
              />
              <Route
                path="/requests/:id"
                element={
                  <RequireSignIn>
                    <RequestDetailPage />
                  </RequireSignIn>
                }
              />
              <Route
                path="/desk/:side"
                element={
                  <RequireSignIn>
                    <DeskPage />
                  </RequireSignIn>
                }
              />
              <Route
                path="/desk/:side/:id"
                element={
                  <RequireSignIn>
                    <DeskItemPage />
                  </RequireSignIn>
                }
              />
              <Route
                path="/catalogue/imports"
                element={
                  <RequireSignIn>
                    <ImportsPage />
                  </RequireSignIn>
                }
              />
              <Route
                path="/admin/*"
                element={
                  <RequireSignIn>
                    <AdminArea />
                  </RequireSignIn>
                }
              />
              <Route
                path="/settings/library"
                element={
                  <RequireSignIn>
                    <LibrarySettingsPage />
                  </RequireSignIn>
                }
              />
              <Route
                path="/dashboard"
                element={
                  <RequireSignIn>
                    <DashboardPage />
                  </RequireSignIn>
                }
              />
              <Route
                path="/catalogue/records/:symbol/:localId"
                element={
                  <RequireSignIn>
                    <RecordPage />
                  </RequireSignIn>
                }
              />
              <Route
                path="/saved-searches"
                element={
                  <RequireSignIn>
                    <SavedSearchesPage />
                  </RequireSignIn>
                }
              />
              <Route path="/sign-in" element={<SignInPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </Layout>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
