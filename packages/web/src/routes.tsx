import { Navigate, type RouteObject } from 'react-router';
import { Loading } from './components/States';
import { useSession } from './lib/session';

/** `/`: staff go to Today, patients to their plan, nobody to the sign-in page. */
function Home() {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (!session.data) return <Navigate to="/login" replace />;
  return <Navigate to={session.data.user.role === 'patient' ? '/my' : '/today'} replace />;
}

// Route-level code splitting: the staff workspace and the patient portal are separate chunks,
// and each page (the sign-in page too) is its own chunk; the entry holds only the shell.
// main.tsx renders the table (each `lazy` becomes a lazily loaded element).
export const routes: RouteObject[] = [
  { path: '/', element: <Home /> },
  {
    path: '/login',
    lazy: async () => ({ Component: (await import('./LoginPage')).LoginPage }),
    HydrateFallback: Loading,
  },
  {
    path: '/invite/:token',
    lazy: async () => ({ Component: (await import('./InvitationPage')).InvitationPage }),
    HydrateFallback: Loading,
  },
  {
    lazy: async () => ({ Component: (await import('./staff/StaffLayout')).StaffLayout }),
    HydrateFallback: Loading,
    children: [
      { path: '/today', lazy: async () => ({ Component: (await import('./staff/TodayPage')).TodayPage }) },
      {
        path: '/patients',
        lazy: async () => ({ Component: (await import('./staff/PatientsPage')).PatientsPage }),
      },
      {
        path: '/patients/new',
        lazy: async () => ({ Component: (await import('./staff/NewPatientPage')).NewPatientPage }),
      },
      {
        path: '/patients/:patientId',
        lazy: async () => ({ Component: (await import('./staff/PatientChartPage')).PatientChartPage }),
      },
      {
        path: '/patients/:patientId/consultation',
        lazy: async () => ({
          Component: (await import('./staff/wizard/ConsultationWizard')).ConsultationWizard,
        }),
      },
      {
        path: '/calendar',
        lazy: async () => ({ Component: (await import('./staff/calendar/CalendarPage')).CalendarPage }),
      },
      {
        path: '/patients/:patientId/check-in',
        lazy: async () => ({ Component: (await import('./staff/records/CheckInPage')).CheckInPage }),
      },
      {
        path: '/sessions/:sessionId',
        lazy: async () => ({ Component: (await import('./staff/records/SessionPage')).SessionPage }),
      },
      {
        path: '/recalls',
        lazy: async () => ({ Component: (await import('./staff/records/RecallsPage')).RecallsPage }),
      },
      {
        path: '/alerts',
        lazy: async () => ({ Component: (await import('./staff/AlertsPage')).AlertsPage }),
      },
      {
        path: '/analytics',
        lazy: async () => ({ Component: (await import('./staff/AnalyticsPage')).AnalyticsPage }),
      },
      {
        path: '/products',
        lazy: async () => ({ Component: (await import('./staff/ProductsPage')).ProductsPage }),
      },
      {
        path: '/settings',
        lazy: async () => ({ Component: (await import('./staff/SettingsPage')).SettingsPage }),
      },
      {
        path: '/protocols',
        lazy: async () => ({ Component: (await import('./staff/ProtocolsPage')).ProtocolsPage }),
      },
    ],
  },
  {
    lazy: async () => ({ Component: (await import('./portal/PortalLayout')).PortalLayout }),
    HydrateFallback: Loading,
    children: [
      { path: '/my', lazy: async () => ({ Component: (await import('./portal/MyPlanPage')).MyPlanPage }) },
      {
        path: '/my/sessions',
        lazy: async () => ({ Component: (await import('./portal/SessionsPage')).SessionsPage }),
      },
      {
        path: '/my/aftercare',
        lazy: async () => ({ Component: (await import('./portal/AftercarePage')).AftercarePage }),
      },
      {
        path: '/my/report',
        lazy: async () => ({ Component: (await import('./portal/ReportPage')).ReportPage }),
      },
      {
        path: '/my/questionnaires',
        lazy: async () => ({ Component: (await import('./portal/QuestionnairesPage')).QuestionnairesPage }),
      },
      {
        path: '/my/learn',
        lazy: async () => ({ Component: (await import('./portal/LearnPage')).LearnPage }),
      },
    ],
  },
  {
    path: '*',
    lazy: async () => ({ Component: (await import('./NotFoundPage')).NotFoundPage }),
    HydrateFallback: Loading,
  },
];
