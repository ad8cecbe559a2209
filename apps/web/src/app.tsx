import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import { type ComponentType, lazy, Suspense } from 'react';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { homePath, SessionProvider, useSessionContext } from './session';
import { AppLayout, PublicLayout } from './ui/layout';

/** A page loaded the first time it is shown: each page is its own chunk, so the first load stays small. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType<never>>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType<Record<string, unknown>> }));
}

const LoginPage = page(() => import('./pages/login'), 'LoginPage');
const PublicRepliesPage = page(() => import('./pages/public-replies'), 'PublicRepliesPage');
const PublicReplyPage = page(() => import('./pages/public-replies'), 'PublicReplyPage');
const ProposalsListPage = page(() => import('./pages/proposals-list'), 'ProposalsListPage');
const ProposalEditorPage = page(() => import('./pages/proposal-editor'), 'ProposalEditorPage');
const ProposalDetailPage = page(() => import('./pages/proposal-detail'), 'ProposalDetailPage');
const AssignmentsListPage = page(() => import('./pages/assignments'), 'AssignmentsListPage');
const AssignmentDetailPage = page(() => import('./pages/assignments'), 'AssignmentDetailPage');
const ReplyPage = page(() => import('./pages/reply'), 'ReplyPage');
const RepliesListPage = page(() => import('./pages/replies-list'), 'RepliesListPage');
const InboxPage = page(() => import('./pages/inbox'), 'InboxPage');
const MyProposalsPage = page(() => import('./pages/member-proposals'), 'MyProposalsPage');
const CopiesPage = page(() => import('./pages/copies'), 'CopiesPage');
const UnitFollowUpsPage = page(() => import('./pages/unit-follow-ups'), 'UnitFollowUpsPage');
// The committee staff's and administrator's screens (#7)
const StatisticsPage = page(() => import('./pages/statistics'), 'StatisticsPage');
const StatisticsDrillPage = page(() => import('./pages/statistics'), 'StatisticsDrillPage');
const BulkAssignPage = page(() => import('./pages/bulk-assign'), 'BulkAssignPage');
const RequestsPage = page(() => import('./pages/requests'), 'RequestsPage');
const FollowUpsPage = page(() => import('./pages/follow-ups'), 'FollowUpsPage');
const SettingsPage = page(() => import('./pages/settings'), 'SettingsPage');
const PeoplePage = page(() => import('./pages/people'), 'PeoplePage');
const ImportsPage = page(() => import('./pages/imports'), 'ImportsPage');

/** Pages behind the login: without a session, go to the login and come back afterwards. */
function RequireLogin() {
  const { session, restoring } = useSessionContext();
  const location = useLocation();
  if (restoring) return <Spin fullscreen />;
  if (!session) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <Outlet />;
}

function Home() {
  const { session } = useSessionContext();
  return <Navigate to={session ? homePath(session) : '/login'} replace />;
}

function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('app.notFound')}</h1>}
      subTitle={t('app.notFoundHint')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('app.backHome')}
        </Button>
      }
    />
  );
}

function Routed() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<PublicLayout />}>
        <Route path="/public/replies" element={<PublicRepliesPage />} />
        <Route path="/public/replies/:id" element={<PublicReplyPage />} />
      </Route>
      <Route element={<RequireLogin />}>
        <Route element={<AppLayout />}>
          <Route index element={<Home />} />
          <Route path="/proposals" element={<MyProposalsPage />} />
          <Route path="/all-proposals" element={<ProposalsListPage mode="all" />} />
          <Route path="/review" element={<ProposalsListPage mode="review" />} />
          <Route path="/proposals/new" element={<ProposalEditorPage />} />
          <Route path="/proposals/:id" element={<ProposalDetailPage />} />
          <Route path="/proposals/:id/edit" element={<ProposalEditorPage />} />
          <Route path="/assignments" element={<AssignmentsListPage />} />
          <Route path="/assignments/:id" element={<AssignmentDetailPage />} />
          <Route path="/replies/:id" element={<ReplyPage />} />
          <Route path="/sign-off" element={<RepliesListPage mode="sign-off" />} />
          <Route path="/copies" element={<CopiesPage />} />
          <Route path="/reply-reviews" element={<RepliesListPage mode="my-review" />} />
          <Route path="/unit/follow-ups" element={<UnitFollowUpsPage />} />
          <Route path="/inbox" element={<InboxPage />} />
          <Route path="/statistics" element={<StatisticsPage />} />
          <Route path="/statistics/drill" element={<StatisticsDrillPage />} />
          <Route path="/bulk-assign" element={<BulkAssignPage />} />
          <Route path="/requests" element={<RequestsPage />} />
          <Route path="/follow-ups" element={<FollowUpsPage />} />
          <Route path="/admin/settings" element={<SettingsPage />} />
          <Route path="/admin/people" element={<PeoplePage />} />
          <Route path="/imports" element={<ImportsPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}

/**
 * The committee's red, and greys, link blue and error red dark enough for WCAG AA contrast (4.5:1) on white:
 * Ant Design's defaults for secondary text (45 % black), links (#1677ff) and danger buttons (#ff4d4f) fall short of it.
 */
const THEME = {
  token: {
    colorPrimary: '#a8071a',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.56)',
    borderRadius: 4,
    // No zooming dialogs or sliding menus for people who asked their system for less motion (WCAG 2.3.3);
    // a click on a dialog still zooming in was also lost now and then (the browser specs ask for less motion).
    motion: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
  },
};

/** Ant Design in the user's language (Chinese first), the session, and the routes. */
export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Suspense fallback={<Spin fullscreen />}>
              <Routed />
            </Suspense>
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
