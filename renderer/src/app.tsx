import { lazy, Suspense, type ReactNode } from 'react';
import { createHashRouter, Navigate, Route, RouterProvider, Routes } from 'react-router-dom';
import { I18nextProvider } from 'react-i18next';
import { QueryClientProvider } from '@tanstack/react-query';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDateFns } from '@mui/x-date-pickers/AdapterDateFns';
import { enGB } from 'date-fns/locale/en-GB';
import { i18n } from '../../shared/i18n';
import { theme } from './theme';
import { queryClient } from './api/query-client';
import { AuthProvider, useAuth } from './auth/auth';
import { useRole } from './auth/use-can';
import { AppShell } from './shell/app-shell';
import { SetupPage } from './pages/setup-page';
import { SignInPage } from './pages/sign-in-page';
import { Loading, ServiceUnavailable } from './components/status';
import { NotFoundPage } from './pages/not-found-page';
import { NoAccessPage } from './pages/no-access-page';
import { LeaveGuard } from './components/draft-guard';
import { canOpenPage, PAGE_KEYS, PAGES, type PageKey } from './shell/nav-items';

const DashboardPage = lazy(() => import('./pages/dashboard-page'));
const RegisterPage = lazy(() => import('./pages/register-page'));
const PupilFormPage = lazy(() => import('./pages/pupil-form-page'));
const PupilProfilePage = lazy(() => import('./pages/pupil-profile-page'));
const SettingsPage = lazy(() => import('./pages/settings-page'));
const PlanPage = lazy(() => import('./pages/ehcp/plan-page'));
const IppPage = lazy(() => import('./pages/ipp/ipp-page'));
const IppEditorPage = lazy(() => import('./pages/ipp/ipp-editor-page'));
const ReferralsPage = lazy(() => import('./pages/therapy/referrals-page'));
const CaseloadPage = lazy(() => import('./pages/therapy/caseload-page'));
const SessionsPage = lazy(() => import('./pages/sessions/sessions-page'));
const CalendarPage = lazy(() => import('./pages/sessions/calendar-page'));
const ProvisionPage = lazy(() => import('./pages/sessions/provision-page'));
const ReviewPage = lazy(() => import('./pages/reviews/review-page'));
const ReviewsPage = lazy(() => import('./pages/reviews/reviews-page'));
const ParentSummaryPage = lazy(() => import('./pages/parents/parent-summary-page'));
const AuditPage = lazy(() => import('./pages/audit/audit-page'));
const SafeguardingPage = lazy(() => import('./pages/safeguarding/safeguarding-page'));
const SharingPage = lazy(() => import('./pages/sharing/sharing-page'));
const StaffPage = lazy(() => import('./pages/staff/staff-page'));
const FeedbackPage = lazy(() => import('./pages/feedback/feedback-page'));
const OutboxPage = lazy(() => import('./pages/desk/outbox-page'));
const WorklistPage = lazy(() => import('./pages/worklist-page'));
const ProvisionMapPage = lazy(() => import('./pages/provision-map/provision-map-page'));
const ProvisionsPage = lazy(() => import('./pages/provisions/provisions-page'));

/** What each page shows; every page in PAGES must have one (the type says so). */
const ELEMENTS: Readonly<Record<PageKey, ReactNode>> = {
  dashboard: <DashboardPage />,
  pupils: <RegisterPage />,
  pupilNew: <PupilFormPage />,
  pupil: <PupilProfilePage />,
  pupilEdit: <PupilFormPage />,
  parentSummary: <ParentSummaryPage />,
  ehcpNew: <PlanPage />,
  ehcp: <PlanPage />,
  ippNew: <IppEditorPage />,
  ipp: <IppPage />,
  ippRevise: <IppEditorPage />,
  reviewNew: <ReviewPage />,
  review: <ReviewPage />,
  referrals: <ReferralsPage />,
  plans: <CaseloadPage />,
  sessions: <SessionsPage />,
  calendar: <CalendarPage />,
  provision: <ProvisionPage />,
  provisions: <ProvisionsPage />,
  reviews: <ReviewsPage />,
  safeguarding: <SafeguardingPage />,
  staff: <StaffPage />,
  feedback: <FeedbackPage />,
  sharing: <SharingPage />,
  audit: <AuditPage />,
  settings: <SettingsPage />,
  outbox: <OutboxPage />,
  worklist: <WorklistPage />,
  provisionMap: <ProvisionMapPage />,
};

/**
 * The route guard: a page the signed-in role cannot use (the same rule that leaves it out of the navigation,
 * shell/nav-items.tsx) shows "You don't have access to this page" instead of opening on errors.
 */
function Guarded({ page }: { readonly page: PageKey }) {
  const role = useRole();
  if (role === null) return null;
  return canOpenPage(role, page) ? ELEMENTS[page] : <NoAccessPage page={page} role={role} />;
}

function Gate() {
  const { state, retry } = useAuth();
  switch (state.kind) {
    case 'loading':
      return <Loading fullPage />;
    case 'unavailable':
      return <ServiceUnavailable error={state.error} onRetry={retry} />;
    case 'needsSetup':
      return <SetupPage />;
    case 'signedOut':
      return <SignInPage schoolName={state.schoolName} notice={state.notice} />;
    case 'signedIn':
      return (
        <AppShell>
          <LeaveGuard />
          <Suspense fallback={<Loading />}>
            <Routes>
              {PAGE_KEYS.map((key) => (
                <Route key={key} path={PAGES[key].path} element={<Guarded page={key} />} />
              ))}
              <Route path="/dashboard" element={<Navigate to="/" replace />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Suspense>
        </AppShell>
      );
  }
}

/**
 * A data router (addresses after '#', as before), so that leaving a page with unsaved changes can be asked about
 * (useBlocker: components/draft-guard.tsx). One route holds the whole app, whose pages are the routes in Gate: every
 * address works as it did with the HashRouter.
 */
const router = createHashRouter([
  {
    path: '*',
    element: (
      <AuthProvider>
        <Gate />
      </AuthProvider>
    ),
  },
]);

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <LocalizationProvider dateAdapter={AdapterDateFns} adapterLocale={enGB}>
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </LocalizationProvider>
      </ThemeProvider>
    </I18nextProvider>
  );
}
