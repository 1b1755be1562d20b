import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import { AuthProvider, FullPageSpin, RequireAuth } from './auth';
import { CAPABILITIES } from './capabilities';
import { RequirePermission } from './components/RequirePermission';
import { LocaleProvider, useLocale, type Locale } from './i18n';
import HomePage from './pages/home';
import ConsoleLayout from './pages/layout';
import LoginPage from './pages/login';
import NotAvailablePage from './pages/not-available';
import NotFoundPage from './pages/not-found';

// Pages load on demand; home comes with the frame so it shows at once after sign-in.
const UsersPage = lazy(() => import('./pages/users'));
const AuditPage = lazy(() => import('./pages/audit'));
const ApiKeysPage = lazy(() => import('./pages/api-keys'));
const ShipmentsPage = lazy(() => import('./pages/shipments'));
const ShipmentDetailPage = lazy(() => import('./pages/shipments/detail'));
const WorkstationPage = lazy(() => import('./pages/workstation'));
const TicketsPage = lazy(() => import('./pages/tickets'));
const TicketDetailPage = lazy(() => import('./pages/tickets/detail'));
const ExceptionsPage = lazy(() => import('./pages/exceptions'));
const PoliciesPage = lazy(() => import('./pages/policies'));
const PublicTrackPage = lazy(() => import('./pages/track'));
const BoardPage = lazy(() => import('./pages/board'));
const CallbacksPage = lazy(() => import('./pages/callbacks'));
const CustomersPage = lazy(() => import('./pages/customers'));
const DeskPage = lazy(() => import('./pages/desk'));
const CustomerDetailPage = lazy(() => import('./pages/customers/detail'));
const SelfServicePage = lazy(() => import('./pages/service'));
const PublicTicketPage = lazy(() => import('./pages/service/ticket'));
const ClaimStartPage = lazy(() => import('./pages/claim'));
const ClaimFollowPage = lazy(() => import('./pages/claim/follow'));
const QuotePage = lazy(() => import('./pages/quote'));
const PublicSurveyPage = lazy(() => import('./pages/survey'));
const SurveysPage = lazy(() => import('./pages/surveys'));
const SurveyResultsPage = lazy(() => import('./pages/surveys/results'));
const ClaimsPage = lazy(() => import('./pages/claims'));
const ClaimDetailPage = lazy(() => import('./pages/claims/detail'));
const ServiceOrdersPage = lazy(() => import('./pages/service-orders'));
const ServiceOrderDetailPage = lazy(() => import('./pages/service-orders/detail'));
const SupervisionReportsPage = lazy(() => import('./pages/supervision-reports'));
const SupervisionReportPage = lazy(() => import('./pages/supervision-reports/detail'));
const QualityPage = lazy(() => import('./pages/quality'));
const QualityAssignmentPage = lazy(() => import('./pages/quality/assignment'));
const QualityReviewPage = lazy(() => import('./pages/quality/review'));
const QualityCalibrationPage = lazy(() => import('./pages/quality/calibration'));
const WorkPlanPage = lazy(() => import('./pages/service-orders/plan'));
const ServiceOrderSetupPage = lazy(() => import('./pages/service-orders/admin'));
const KpiPage = lazy(() => import('./pages/kpis'));
const KpiFactsPage = lazy(() => import('./pages/kpis/facts'));
const AssessmentPage = lazy(() => import('./pages/assessment'));

const ANTD_LOCALES = { 'zh-CN': zhCN, 'en-US': enUS } satisfies Record<Locale, unknown>;

/** Capabilities that are built, by key; every other capability gets the "not available yet" page. */
const BUILT_PAGES = {
  home: <HomePage />,
  workstation: <WorkstationPage />,
  tickets: <TicketsPage />,
  claims: <ClaimsPage />,
  users: <UsersPage />,
  audit: <AuditPage />,
  apiKeys: <ApiKeysPage />,
  shipments: <ShipmentsPage />,
  exceptions: <ExceptionsPage />,
  policies: <PoliciesPage />,
  board: <BoardPage />,
  callbacks: <CallbacksPage />,
  customers: <CustomersPage />,
  desk: <DeskPage />,
  surveys: <SurveysPage />,
  serviceOrders: <ServiceOrdersPage />,
  quality: <QualityPage />,
  reports: <SupervisionReportsPage />,
  serviceOrderSetup: <ServiceOrderSetupPage />,
  kpis: <KpiPage />,
  assessment: <AssessmentPage />,
} as const;

function capabilityRoutes(): RouteObject[] {
  return CAPABILITIES.map((c) => {
    const page =
      c.key in BUILT_PAGES ? (
        BUILT_PAGES[c.key as keyof typeof BUILT_PAGES]
      ) : (
        <NotAvailablePage capabilityKey={c.key} />
      );
    const element = <RequirePermission capabilityKey={c.key}>{page}</RequirePermission>;
    return c.path === '/' ? { index: true, element } : { path: c.path.slice(1), element };
  });
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // Public tracking: no sign-in, outside the console frame (docs/product.md §1: anyone may query a parcel).
  {
    path: '/track',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PublicTrackPage />
      </Suspense>
    ),
  },
  // Customer self-service: no sign-in, outside the console frame (docs/product.md §2, §5).
  {
    path: '/service',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <SelfServicePage />
      </Suspense>
    ),
  },
  {
    path: '/service/t/:token',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PublicTicketPage />
      </Suspense>
    ),
  },
  // Self-service claims: the phone check, then the ticket's secret link (docs/product.md §3).
  {
    path: '/claim',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <ClaimStartPage />
      </Suspense>
    ),
  },
  {
    path: '/claim/t/:token',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <ClaimFollowPage />
      </Suspense>
    ),
  },
  // A customer's service quotation: confirm or decline it, then accept the visit (docs/product.md §4).
  {
    path: '/quote/:token',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <QuotePage />
      </Suspense>
    ),
  },
  // A customer answers a satisfaction survey with the one-time link of their SMS: no sign-in.
  {
    path: '/survey/:token',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <PublicSurveyPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <ConsoleLayout />
      </RequireAuth>
    ),
    children: [
      ...capabilityRoutes(),
      {
        path: 'shipments/:waybillNo',
        element: (
          <RequirePermission capabilityKey="shipments">
            <ShipmentDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'customers/:id',
        element: (
          <RequirePermission capabilityKey="customers">
            <CustomerDetailPage />
          </RequirePermission>
        ),
      },
      // A ticket is read by desk staff and by the departments it asks (the server decides which).
      {
        path: 'tickets/:id',
        element: (
          <RequirePermission capabilityKey="workstation">
            <TicketDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'claims/:id',
        element: (
          <RequirePermission capabilityKey="claims">
            <ClaimDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'service-orders/plan',
        element: (
          <RequirePermission capabilityKey="serviceOrders">
            <WorkPlanPage />
          </RequirePermission>
        ),
      },
      {
        path: 'service-orders/:id',
        element: (
          <RequirePermission capabilityKey="serviceOrders">
            <ServiceOrderDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'quality/assignments/:id',
        element: (
          <RequirePermission capabilityKey="quality">
            <QualityAssignmentPage />
          </RequirePermission>
        ),
      },
      {
        path: 'reports/supervision/:id',
        element: (
          <RequirePermission capabilityKey="reports">
            <SupervisionReportPage />
          </RequirePermission>
        ),
      },
      {
        path: 'quality/reviews/:id',
        element: (
          <RequirePermission capabilityKey="quality">
            <QualityReviewPage />
          </RequirePermission>
        ),
      },
      {
        path: 'quality/calibrations/:id',
        element: (
          <RequirePermission capabilityKey="quality">
            <QualityCalibrationPage />
          </RequirePermission>
        ),
      },
      {
        path: 'kpis/:id/facts',
        element: (
          <RequirePermission capabilityKey="kpis">
            <KpiFactsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'surveys/:id',
        element: (
          <RequirePermission capabilityKey="surveys">
            <SurveyResultsPage />
          </RequirePermission>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

function Providers() {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={ANTD_LOCALES[locale]} theme={{ token: { colorPrimary: '#1677ff' } }}>
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export default function ConsoleApp() {
  return (
    <LocaleProvider>
      <Providers />
    </LocaleProvider>
  );
}
